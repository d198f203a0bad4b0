// The callbacks the mock sends after accepting a single send with a `callback_url`: the
// spec's first status-change example, as a delivery of this message, then, when the message
// has a button, the spec's first click example as a press of that button. Each delivery is
// bounded in time and logged in one line, without the URL's query (it may hold a token).
import type { components } from "../../generated/schema.js";

type Schemas = components["schemas"];
const deliveryTimeoutMs = 10_000;

export interface Callback {
  name: "statusChanged" | "suggestionClicked";
  payload: Schemas["RcsStatusCallback"] | Schemas["RcsClickCallback"];
}

export interface CallbackExamples {
  status: Schemas["RcsStatusCallback"];
  click: Schemas["RcsClickCallback"];
}

/** The callbacks about `message`, the mock's answer to the send `request`, at time `now`. */
export function callbacksFor({ request, message, examples, now }: { request: Schemas["SendRcsMessageRequest"]; message: Schemas["RcsMessage"]; examples: CallbackExamples; now: string }): Callback[] {
  const about = { id: message.id, msisdn: String(message.phone), reference: message.reference_id ?? null };
  const price = message.amount ? { price: message.amount.value, currency: message.amount.currency } : {};
  const callbacks: Callback[] = [{ name: "statusChanged", payload: { ...examples.status, ...about, ...price, time_in: message.created_at, time_sent: now, time_dr: now } }];
  const cards = "cards" in request.options ? request.options.cards : [];
  const [button] = cards.flatMap((card) => card.suggestions ?? []);
  if (button) {
    const click = { ...about, text: button.text, postback: button.postback_data ?? null, time_click: now };
    callbacks.push({ name: "suggestionClicked", payload: { ...examples.click, ...click } });
  }
  return callbacks;
}

/** POSTs each callback to `url` in turn; never throws, and stops early when `signal` aborts. */
export async function deliver(url: string, callbacks: Callback[], { signal, log }: { signal: AbortSignal; log: (line: string) => void }): Promise<void> {
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
      const failure = error as Error & { cause?: Error };
      log(`callback ${name} to ${shown} failed: ${failure.cause?.message ?? failure.message}`);
    }
  }
}
