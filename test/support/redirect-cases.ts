// How a send ends when the API answers with a redirect, described as plain data, so that the
// same description comes from the client in the test process (Node 20) and from the client
// bundled and run by another Node.js (redirect-runner.ts, run on Node 24 by redirects.test.ts).
import type { createRcsClient as CreateRcsClient, SendRcsMessageRequest } from "../../src/index.js";

export interface ErrorFacts {
  name: string;
  operation?: string;
  outcomeUnknown?: boolean;
  status?: number;
  location?: string;
  followed?: boolean;
  cause?: ErrorFacts;
}

export type Outcome = { resolved: true } | { resolved: false; error: ErrorFacts };

export const redirectedMessage: SendRcsMessageRequest = {
  phone: { number: "380661231231" },
  sender: "Acme Shop",
  options: { text: "Your parcel is on its way." },
};
export const redirectApiKey = "test_redirectvictim42";

function factsOf(error: any): ErrorFacts {
  const facts: ErrorFacts = { name: error?.name ?? String(error) };
  for (const key of ["operation", "outcomeUnknown", "status", "location", "followed"] as const) {
    if (error?.[key] !== undefined) Object.assign(facts, { [key]: error[key] });
  }
  if (error?.cause instanceof Error) facts.cause = factsOf(error.cause);
  return facts;
}

/**
 * Sends one message against `baseUrl` and describes how the send ended. With
 * `throughMiddleware`, a middleware that changes nothing is registered first, so that the send
 * goes through openapi-fetch instead of straight to the transport.
 */
export async function sendAndDescribe(
  createRcsClient: typeof CreateRcsClient,
  baseUrl: string,
  fetch?: typeof globalThis.fetch,
  throughMiddleware = false,
): Promise<Outcome> {
  const rcs = createRcsClient({ apiKey: redirectApiKey, baseUrl, fetch, timeoutMs: 10_000 });
  if (throughMiddleware) rcs.api.use({ onRequest: () => undefined });
  return rcs.sendRcsMessage(redirectedMessage).then(
    () => ({ resolved: true }),
    (error) => ({ resolved: false, error: factsOf(error) }),
  );
}
