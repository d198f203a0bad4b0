// The callbacks the mock sends after accepting a single send with a `callback_url`: the
// spec's first status-change example, as a delivery of this message, then, when the message
// has a button, the spec's first click example as a press of that button. Each delivery is
// bounded in time and logged in one line, without the URL's query (it may hold a token).

const deliveryTimeoutMs = 10_000;

/**
 * @param {{ request: any, message: any, examples: { status: any, click: any }, now: string }} input
 *   the send, the message the mock answered with, the spec's examples and the time
 * @returns {Array<{ name: string, payload: object }>}
 */
export function callbacksFor({ request, message, examples, now }) {
  const about = { id: message.id, msisdn: String(message.phone), reference: message.reference_id ?? null };
  const price = message.amount ? { price: message.amount.value, currency: message.amount.currency } : {};
  const callbacks = [{ name: "statusChanged", payload: { ...examples.status, ...about, ...price, time_in: message.created_at, time_sent: now, time_dr: now } }];
  const [button] = (request.options?.cards ?? []).flatMap((card) => card.suggestions ?? []);
  if (button) {
    const click = { ...about, text: button.text, postback: button.postback_data ?? null, time_click: now };
    callbacks.push({ name: "suggestionClicked", payload: { ...examples.click, ...click } });
  }
  return callbacks;
}

/** POSTs each callback to `url` in turn; never throws, and stops early when `signal` aborts. */
export async function deliver(url, callbacks, { signal, log }) {
  // The spec's pattern lets through a few URLs that fetch cannot parse (`https://%41/`).
  const shown = URL.canParse(url) ? new URL(url) : undefined;
  if (!shown) return log(`callbacks to ${JSON.stringify(url)} not sent: not a URL fetch can reach`);
  shown.search = "";
  for (const { name, payload } of callbacks) {
    if (signal.aborted) return;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        redirect: "manual",
        signal: AbortSignal.any([signal, AbortSignal.timeout(deliveryTimeoutMs)]),
      });
      await response.body?.cancel();
      log(`callback ${name} to ${shown}: ${response.status}`);
    } catch (error) {
      if (signal.aborted) return;
      log(`callback ${name} to ${shown} failed: ${error.cause?.message ?? error.message}`);
    }
  }
}
