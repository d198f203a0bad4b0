// The callbacks the mock sends after accepting a single send with a `callback_url`: the
// spec's first status-change example, as a delivery of this message, then, when the message
// has a button, the spec's first click example as a press of that button. Each delivery is
// bounded in time and logged in one line, without the URL's query and credentials (they may
// hold a token). Callbacks go only where callback-hosts.ts allows, by default loopback
// addresses; they are posted with node:http, which connects to the addresses judged there
// (fetch would ask the resolver again), and follows no redirect.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { components } from "../../generated/schema.js";
import { callbackDestination, type CallbackHosts, type Resolve } from "./callback-hosts.js";

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

export interface DeliveryOptions {
  /** Aborts deliveries on their way: the mock is stopping. */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Which hosts may get them (see callback-hosts.ts). */
  hosts: CallbackHosts;
  resolve: Resolve;
}

/**
 * POSTs each callback to `url` in turn, when `hosts` allows its host (and logs why not
 * otherwise); never throws, and stops early when `signal` aborts.
 */
export async function deliver(url: string, callbacks: Callback[], { signal, log, hosts, resolve }: DeliveryOptions): Promise<void> {
  // The spec's pattern lets through a few URLs that cannot be parsed (`https://%41/`).
  const target = URL.canParse(url) ? new URL(url) : undefined;
  if (!target) return log(`callbacks to ${JSON.stringify(url)} not sent: not a URL fetch can reach`);
  const shown = new URL(target);
  shown.search = "";
  shown.username = "";
  shown.password = "";
  const destination = await callbackDestination(target, { hosts, resolve });
  if ("refused" in destination) return log(`callbacks to ${shown} not sent: ${destination.refused}`);
  for (const { name, payload } of callbacks) {
    if (signal.aborted) return;
    try {
      const status = await post(target, JSON.stringify(payload), destination.addresses, AbortSignal.any([signal, AbortSignal.timeout(deliveryTimeoutMs)]));
      log(`callback ${name} to ${shown}: ${status}`);
    } catch (error) {
      if (signal.aborted) return;
      const failure = error as Error & { cause?: Error };
      log(`callback ${name} to ${shown} failed: ${failure.cause?.message ?? failure.message}`);
    }
  }
}

/** POSTs `body` to `url`, connecting to one of `addresses` (its host's, as judged); resolves to the answer's status. */
function post(url: URL, body: string, addresses: string[], signal: AbortSignal): Promise<number> {
  const entries = addresses.map((address) => ({ address, family: isIP(address) }));
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      lookup,
      signal,
      agent: false,
    });
    request.once("response", (response) => {
      response.resume();
      response.once("end", () => resolve(response.statusCode ?? 0));
      response.once("error", reject);
    });
    request.once("error", reject);
    request.end(body);
  });
}
