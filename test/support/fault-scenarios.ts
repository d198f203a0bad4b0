// The faults the client must survive, as a table shared by the fault suite (which checks the
// error, its fields and how many requests reached the server) and the secrets suite (which
// checks that no error shows the API key or the token). Each row sets up a real fault server,
// sends one message through a real client and reports what happened.
import { expect } from "vitest";
import {
  createRcsClient,
  WwtAbortError,
  WwtApiError,
  WwtAuthenticationError,
  WwtDuplicateRequestError,
  WwtInvalidResponseError,
  WwtNetworkError,
  WwtServerError,
  WwtTimeoutError,
  type RcsClient,
  type RcsClientOptions,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { minimalMessage } from "../request-cases.js";
import {
  answerJson,
  answerText,
  dropConnection,
  neverAnswer,
  resetMidBody,
  stallMidBody,
  startFaultServer,
  type Exchange,
  type FaultServer,
  type FaultServerOptions,
  type Received,
} from "./fault-server.js";
import { responseExamples } from "./spec.js";

export const plainMessage = minimalMessage as SendRcsMessageRequest;
export const referencedMessage: SendRcsMessageRequest = { ...plainMessage, phone: { number: "380661231231", reference_id: "order10452" } };
export const acceptedAnswer = responseExamples("sendRcsMessage", "200").textMessage;
/** Fast enough for tests; the schedule itself is tested in client.test.ts. */
export const quickRetry = { retries: 2, initialDelayMs: 10, maxDelayMs: 20 };
const proxyPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
const send = "POST /api/messages/rcs/send";

type ErrorClass = abstract new (...args: never[]) => Error;

export interface ScenarioRun {
  /** What the send resolved to, or the error it rejected with. */
  outcome: { resolved: true; value: unknown } | { resolved: false; error: any };
  /** The requests the server received during the send itself (not during `prepare`). */
  sends: Received[];
  logins: Received[];
  elapsedMs: number;
  server: FaultServer;
}

export interface FaultScenario {
  /** The fault, as the start of a sentence. */
  name: string;
  answerSend(exchange: Exchange, controls: { abortCaller(): void }): void;
  answerLogin?: FaultServerOptions["answerLogin"];
  client?: Pick<RcsClientOptions, "retry" | "timeoutMs">;
  body?: SendRcsMessageRequest;
  /** Runs before the send under test; its requests are not counted. */
  prepare?(server: FaultServer, rcs: RcsClient): Promise<void>;
  expected: {
    /** The exact class of the error; undefined when the send must succeed. */
    error?: ErrorClass;
    fields?: Record<string, unknown>;
    sends: number;
    logins: number;
  };
  /** Further assertions for the fault suite. */
  check?(run: ScenarioRun): void | Promise<void>;
}

const tokenOf = (request: Received) => request.authorization?.replace(/^Bearer /, "") ?? "";
const withinMs = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

/** A fault the client can only end by its timeout: near `timeoutMs`, with the socket released. */
function timesOutAfter500Ms(name: string, answerSend: FaultScenario["answerSend"]): FaultScenario {
  return {
    name,
    answerSend,
    client: { timeoutMs: 500 },
    expected: { error: WwtTimeoutError, fields: { operation: send, timeoutMs: 500, outcomeUnknown: true }, sends: 1, logins: 1 },
    async check({ elapsedMs, sends }) {
      expect(elapsedMs).toBeGreaterThanOrEqual(495);
      expect(elapsedMs).toBeLessThan(1500);
      await withinMs(sends[0].connectionClosed, 1000);
    },
  };
}

export const faultScenarios: FaultScenario[] = [
  {
    name: "an HTML 502 page from a proxy",
    answerSend: (exchange) => answerText(exchange, 502, proxyPage, { "content-type": "text/html" }, "Bad Gateway"),
    expected: {
      error: WwtServerError,
      fields: { status: 502, body: proxyPage, serverMessage: undefined, operation: "sendRcsMessage", outcomeUnknown: true },
      sends: 1,
      logins: 1,
    },
    check: ({ outcome }) => expect(!outcome.resolved && outcome.error.message).toContain("the body is not JSON"),
  },
  {
    name: "a 200 with invalid JSON",
    answerSend: (exchange) => answerText(exchange, 200, '{"data":{"id":6614,', { "content-type": "application/json" }),
    expected: {
      error: WwtInvalidResponseError,
      fields: { status: 200, body: '{"data":{"id":6614,', outcomeUnknown: true },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "an empty 200",
    answerSend: (exchange) => answerText(exchange, 200, "", { "content-type": "application/json" }),
    expected: { error: WwtInvalidResponseError, fields: { status: 200, body: undefined, outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  {
    name: "a 200 whose JSON lacks `data`",
    answerSend: (exchange) => answerJson(exchange, 200, { id: 6614, status: "accepted" }),
    expected: {
      error: WwtInvalidResponseError,
      fields: { status: 200, body: { id: 6614, status: "accepted" }, outcomeUnknown: true },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "a 500 with a JSON error body",
    answerSend: (exchange) => answerJson(exchange, 500, { message: "Server Error" }),
    expected: {
      error: WwtServerError,
      fields: { status: 500, body: { message: "Server Error" }, serverMessage: "Server Error", outcomeUnknown: true },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "the connection reset in the middle of the answer",
    answerSend: resetMidBody,
    expected: { error: WwtNetworkError, fields: { operation: send, outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  {
    name: "the connection closed before any answer",
    answerSend: dropConnection,
    expected: { error: WwtNetworkError, fields: { operation: send, outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  timesOutAfter500Ms("a server that never answers", neverAnswer),
  timesOutAfter500Ms("an answer whose body stalls after the headers", stallMidBody),
  {
    name: "a 429 (duplicate request)",
    answerSend: (exchange) => answerJson(exchange, 429, { message: "Too many duplicate request detected" }),
    expected: {
      error: WwtDuplicateRequestError,
      fields: { status: 429, serverMessage: "Too many duplicate request detected", outcomeUnknown: false },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "a 429 (duplicate request) to a send with a reference_id, retry on",
    answerSend: (exchange) => answerJson(exchange, 429, { message: "Too many duplicate request detected" }),
    client: { retry: quickRetry },
    body: referencedMessage,
    expected: { error: WwtDuplicateRequestError, fields: { status: 429, outcomeUnknown: false }, sends: 1, logins: 1 },
  },
  {
    name: "a 401 on a send after the token was revoked",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    async prepare(server, rcs) {
      await rcs.sendRcsMessage(plainMessage);
      server.revokeTokens();
    },
    expected: { sends: 2, logins: 1 },
    check({ sends, logins, outcome }) {
      expect(outcome).toEqual({ resolved: true, value: acceptedAnswer.data });
      expect(tokenOf(sends[1])).not.toBe(tokenOf(sends[0]));
      expect(sends[1].body).toEqual(sends[0].body);
      expect(logins[0].body).toEqual({ api_key: expect.any(String) });
    },
  },
  {
    name: "a second 401 after logging in again",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    async prepare(server, rcs) {
      await rcs.sendRcsMessage(plainMessage);
      server.revokeTokens({ alsoFuture: true });
    },
    expected: {
      error: WwtAuthenticationError,
      fields: { status: 401, operation: "sendRcsMessage", serverMessage: "Unauthenticated.", outcomeUnknown: false },
      sends: 2,
      logins: 1,
    },
  },
  {
    name: "with retry, a dropped connection and then success for a send with a reference_id",
    answerSend: (exchange) => (exchange.sendNumber === 1 ? dropConnection(exchange) : answerJson(exchange, 200, acceptedAnswer)),
    client: { retry: quickRetry },
    body: referencedMessage,
    expected: { sends: 2, logins: 1 },
    check({ sends, outcome }) {
      expect(outcome).toEqual({ resolved: true, value: acceptedAnswer.data });
      expect(sends.map((r) => r.body.phone.reference_id)).toEqual(["order10452", "order10452"]);
      expect(sends[1].body).toEqual(sends[0].body);
    },
  },
  {
    name: "with retry, a dropped connection for a send without a reference_id",
    answerSend: (exchange) => (exchange.sendNumber === 1 ? dropConnection(exchange) : answerJson(exchange, 200, acceptedAnswer)),
    client: { retry: quickRetry },
    expected: { error: WwtNetworkError, fields: { operation: send, outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  {
    name: "the caller aborting through its own AbortSignal",
    answerSend: (_exchange, { abortCaller }) => abortCaller(),
    expected: { error: WwtAbortError, fields: { operation: send, outcomeUnknown: true }, sends: 1, logins: 1 },
    check: ({ sends }) => withinMs(sends[0].connectionClosed, 1000),
  },
  // Answers that repeat a credential: the client must show "[redacted]" in its place.
  {
    name: "a 401 to the login that repeats the API key",
    answerSend: neverAnswer,
    answerLogin: (exchange) => answerJson(exchange, 401, { message: `The key ${exchange.request.body.api_key} is not active.` }),
    expected: {
      error: WwtAuthenticationError,
      fields: { status: 401, operation: "login", serverMessage: "The key [redacted] is not active." },
      sends: 0,
      logins: 1,
    },
  },
  {
    name: "a 422 to the login whose field errors quote the API key",
    answerSend: neverAnswer,
    answerLogin: (exchange) =>
      answerJson(exchange, 422, { message: "The given data was invalid.", errors: { api_key: [`${exchange.request.body.api_key} is not a key`] } }),
    expected: {
      error: WwtApiError,
      fields: { status: 422, operation: "login", fieldErrors: [{ field: "api_key", message: "[redacted] is not a key" }] },
      sends: 0,
      logins: 1,
    },
  },
  {
    name: "a proxy's 502 page that repeats the Authorization header",
    answerSend: (exchange) => answerText(exchange, 502, `<pre>Authorization: ${exchange.request.authorization}</pre>`),
    expected: { error: WwtServerError, fields: { status: 502, body: "<pre>Authorization: Bearer [redacted]</pre>" }, sends: 1, logins: 1 },
  },
  {
    name: "a 503 whose reason phrase repeats the token",
    answerSend: (exchange) =>
      answerText(exchange, 503, "", { "content-type": "text/plain" }, `Token ${tokenOf(exchange.request)} is throttled`),
    expected: { error: WwtServerError, fields: { status: 503 }, sends: 1, logins: 1 },
    check: ({ outcome }) => expect(!outcome.resolved && outcome.error.message).toContain("503 Token [redacted] is throttled"),
  },
  {
    name: "a 422 whose field errors quote the token",
    answerSend: (exchange) =>
      answerJson(exchange, 422, { message: "The given data was invalid.", errors: { token: [`${tokenOf(exchange.request)} has expired`] } }),
    expected: {
      error: WwtApiError,
      fields: { status: 422, fieldErrors: [{ field: "token", message: "[redacted] has expired" }] },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "a login answer whose token cannot be sent in a header",
    answerSend: neverAnswer,
    answerLogin: (exchange, token) => answerJson(exchange, 200, { bearer: `${token}\r\nX-Injected: 1` }),
    expected: {
      error: WwtInvalidResponseError,
      fields: { status: 200, operation: "login", body: { bearer: "[redacted]" }, outcomeUnknown: true },
      sends: 0,
      logins: 1,
    },
  },
];

export interface Credentials {
  apiKey: string;
  issueToken?: () => string;
}

/** Starts a fault server for `scenario`, sends one message through a real client, and reports. */
export async function runScenario(scenario: FaultScenario, credentials: Credentials): Promise<ScenarioRun> {
  const caller = new AbortController();
  const server = await startFaultServer({
    answerSend: (exchange) => scenario.answerSend(exchange, { abortCaller: () => caller.abort() }),
    answerLogin: scenario.answerLogin,
    issueToken: credentials.issueToken,
  });
  const rcs = createRcsClient({ apiKey: credentials.apiKey, baseUrl: server.url, ...scenario.client });
  await scenario.prepare?.(server, rcs);
  const before = server.requests.length;
  const started = performance.now();
  const outcome = await rcs.sendRcsMessage(scenario.body ?? plainMessage, { signal: caller.signal }).then(
    (value) => ({ resolved: true as const, value }),
    (error) => ({ resolved: false as const, error }),
  );
  const elapsedMs = performance.now() - started;
  const received = server.requests.slice(before);
  return {
    outcome,
    sends: received.filter((r) => !r.path.startsWith("/api/auth/")),
    logins: received.filter((r) => r.path === "/api/auth/login"),
    elapsedMs,
    server,
  };
}
