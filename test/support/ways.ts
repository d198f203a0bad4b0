// The two ways a call of the client goes out, for tests that prove both behave the same:
// straight to the exchange while no middleware of yours is registered, or through openapi-fetch
// and your middleware once one is.
import type { RcsClient } from "../../src/index.js";

/** For `describe.each`: the way's name, and whether a middleware of yours is registered. */
export const ways = [
  ["straight to the exchange", false],
  ["through your middleware", true],
] as const;

/** `rcs`, with a middleware that changes nothing registered when `throughMiddleware`. */
export function sendingThrough(rcs: RcsClient, throughMiddleware: boolean): RcsClient {
  if (throughMiddleware) rcs.api.use({ onRequest: () => undefined });
  return rcs;
}
