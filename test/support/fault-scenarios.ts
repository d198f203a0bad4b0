// The faults the client must survive, as a table shared by the fault suite (which checks the
// error, its fields and how many requests reached the server) and the secrets suite (which
// checks that no error shows the API key or the token). Each row sets up a real fault server,
// sends one message through a real client and reports what happened. A row can be run either
// way a send goes out: straight to the transport, or through openapi-fetch and a middleware
// of yours.
import { expect } from "vitest";
import { fetch as undiciFetch } from "undici";
import {
  createRcsClient,
  WwtAbortError,
  WwtApiError,
  WwtAuthenticationError,
  WwtDuplicateRequestError,
  WwtInvalidResponseError,
  WwtLoginError,
  WwtNetworkError,
  WwtResponseTooLargeError,
  WwtServerError,
  WwtTimeoutError,
  type Middleware,
  type RcsClient,
  type RcsClientOptions,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { minimalMessage } from "./request-cases.js";
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
  type Received,
} from "./fault-server.js";
import { freshToken } from "./fake-fetch.js";
import { responseExamples } from "./spec.js";

export const plainMessage = minimalMessage as SendRcsMessageRequest;
export const referencedMessage: SendRcsMessageRequest = { ...plainMessage, phone: { number: "380661231231", reference_id: "order10452" } };
export const acceptedAnswer = responseExamples("sendRcsMessage", "200").textMessage;
/** Fast enough for tests; the schedule itself is tested in client.test.ts. */
export const quickRetry = { retries: 2, initialDelayMs: 10, maxDelayMs: 20 };
const proxyPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>";
/** An answer of 8 KiB, twice the `maxResponseBytes` the rows that test it set. */
const largeAnswer = { ...acceptedAnswer, padding: "x".repeat(8192) };

type ErrorClass = abstract new (...args: never[]) => Error;

export interface ScenarioRun {
  /** What the send resolved to, or the error it rejected with. */
  outcome: { resolved: true; value: unknown } | { resolved: false; error: any };
  /** The requests the server received during the send itself (not during `prepare`). */
  sends: Received[];
  logins: Received[];
  /** The lookups of the send's reference, with `retry`. */
  lookups: Received[];
  server: FaultServer;
  /** With `throughMiddleware`: the schema path of every request a middleware saw during the send. */
  seen: string[] | undefined;
}

export interface FaultScenario {
  /** The fault, as the start of a sentence. */
  name: string;
  answerSend(exchange: Exchange, controls: Controls): void;
  answerLogin?(exchange: Exchange, token: string, controls: Controls): void;
  answerLookup?(exchange: Exchange): void;
  client?: Pick<RcsClientOptions, "retry" | "timeoutMs" | "maxResponseBytes" | "fetch">;
  body?: SendRcsMessageRequest;
  /** Aborts the caller's signal before the send is called. */
  abortedBefore?: boolean;
  /** Appended to every token the server issues (which it accepts trimmed, as HTTP servers do). */
  tokenSuffix?: string;
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

interface Controls {
  abortCaller(): void;
}

const tokenOf = (request: Received) => request.authorization?.replace(/^Bearer /, "") ?? "";
const causeOf = ({ outcome }: ScenarioRun) => (outcome.resolved ? undefined : outcome.error.cause);

/** A fault the client can only end by its timeout, with the socket released. */
function endsByTimeout(name: string, answerSend: FaultScenario["answerSend"]): FaultScenario {
  return {
    name,
    answerSend,
    client: { timeoutMs: 500 },
    expected: { error: WwtTimeoutError, fields: { operation: "sendRcsMessage", timeoutMs: 500, outcomeUnknown: true }, sends: 1, logins: 1 },
    check: ({ sends }) => sends[0].connectionClosed,
  };
}

/** A token refused (401) after a first send: the client logs in again and replays the send once. */
function refusedAfterFirstSend(name: string, tokenSuffix?: string): FaultScenario {
  return {
    name,
    tokenSuffix,
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
  };
}

/**
 * A login that fails: the send is not made, and its error says so whatever the login's own
 * error was (the `cause`, with `causeFields`).
 */
function loginFails(
  name: string,
  answerLogin: FaultScenario["answerLogin"],
  cause: ErrorClass,
  fields: Record<string, unknown> = {},
  causeFields: Record<string, unknown> = {},
): FaultScenario {
  return {
    name,
    answerSend: neverAnswer,
    answerLogin,
    client: { timeoutMs: 500, maxResponseBytes: 4096 },
    expected: { error: WwtLoginError, fields: { operation: "sendRcsMessage", outcomeUnknown: false, ...fields }, sends: 0, logins: 1 },
    check(run) {
      expect(causeOf(run)).toBeInstanceOf(cause);
      expect(causeOf(run)).toMatchObject({ operation: "login", ...causeFields });
      expect(!run.outcome.resolved && run.outcome.error.message).toContain("NOT sent.");
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
    name: "a 200 whose `data` is a list, not the message",
    answerSend: (exchange) => answerJson(exchange, 200, { data: [acceptedAnswer.data] }),
    expected: {
      error: WwtInvalidResponseError,
      fields: { status: 200, body: { data: [acceptedAnswer.data] }, problem: "it holds no `data` object", outcomeUnknown: true },
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
    expected: { error: WwtNetworkError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  {
    name: "the connection closed before any answer",
    answerSend: dropConnection,
    expected: { error: WwtNetworkError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  endsByTimeout("a server that never answers", neverAnswer),
  endsByTimeout("an answer whose body stalls after the headers", stallMidBody),
  {
    name: "an answer larger than maxResponseBytes",
    answerSend: (exchange) => answerJson(exchange, 200, largeAnswer),
    client: { maxResponseBytes: 4096 },
    expected: {
      error: WwtResponseTooLargeError,
      fields: { operation: "sendRcsMessage", status: 200, maxResponseBytes: 4096, outcomeUnknown: true },
      sends: 1,
      logins: 1,
    },
  },
  {
    name: "a 503 with a Retry-After header",
    answerSend: (exchange) => answerJson(exchange, 503, { message: "Service Unavailable" }, { "retry-after": "120" }),
    expected: { error: WwtServerError, fields: { status: 503, outcomeUnknown: true }, sends: 1, logins: 1 },
    check: ({ outcome }) => expect(!outcome.resolved && outcome.error.headers.get("retry-after")).toBe("120"),
  },
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
  refusedAfterFirstSend("a 401 on a send after the token was revoked"),
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
    name: "with retry, a connection dropped before the platform took the send, which a lookup finds missing, and then success",
    answerSend: (exchange) => (exchange.sendNumber === 1 ? dropConnection(exchange) : answerJson(exchange, 200, acceptedAnswer)),
    client: { retry: quickRetry },
    body: referencedMessage,
    expected: { sends: 2, logins: 1 },
    check({ sends, lookups, outcome }) {
      expect(outcome).toEqual({ resolved: true, value: acceptedAnswer.data });
      expect(sends.map((r) => r.body.phone.reference_id)).toEqual(["order10452", "order10452"]);
      expect(sends[1].body).toEqual(sends[0].body);
      expect(lookups.map((r) => r.path)).toEqual(["/api/messages"]);
    },
  },
  {
    name: "with retry, a connection dropped after the platform took the send, which a lookup finds",
    answerSend: dropConnection,
    answerLookup: (exchange) => answerJson(exchange, 200, { data: [{ ...acceptedAnswer.data, reference_id: "order10452" }], meta: { page: { limit: 500, offset: 0, total: 1 } } }),
    client: { retry: quickRetry },
    body: referencedMessage,
    expected: { sends: 1, logins: 1 },
    check({ lookups, outcome }) {
      expect(outcome).toEqual({ resolved: true, value: { ...acceptedAnswer.data, reference_id: "order10452" } });
      expect(lookups).toHaveLength(1);
    },
  },
  {
    name: "with retry, a dropped connection for a send without a reference_id",
    answerSend: (exchange) => (exchange.sendNumber === 1 ? dropConnection(exchange) : answerJson(exchange, 200, acceptedAnswer)),
    client: { retry: quickRetry },
    expected: { error: WwtNetworkError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 1, logins: 1 },
  },
  {
    name: "the caller aborting through its own AbortSignal",
    answerSend: (_exchange, { abortCaller }) => abortCaller(),
    expected: { error: WwtAbortError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 1, logins: 1 },
    check: ({ sends }) => sends[0].connectionClosed,
  },
  {
    name: "the caller aborting while the answer streams in",
    answerSend: (exchange, { abortCaller }) => {
      stallMidBody(exchange);
      abortCaller();
    },
    expected: { error: WwtAbortError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 1, logins: 1 },
    check: ({ sends }) => sends[0].connectionClosed,
  },
  {
    name: "a signal aborted before the send is called",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    abortedBefore: true,
    expected: { error: WwtAbortError, fields: { operation: "sendRcsMessage", outcomeUnknown: false }, sends: 0, logins: 0 },
  },
  {
    name: "the caller aborting while the login is still pending",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    answerLogin: (_exchange, _token, { abortCaller }) => abortCaller(),
    expected: { error: WwtAbortError, fields: { operation: "sendRcsMessage", outcomeUnknown: false }, sends: 0, logins: 1 },
    // The send ended without waiting for the login, which no one answers or times out yet.
    check: ({ logins }) => expect(logins[0].isClosed()).toBe(false),
  },
  loginFails(
    "a 429 to the login",
    (exchange) => answerJson(exchange, 429, { message: "Too Many Attempts." }),
    WwtDuplicateRequestError,
    { status: 429, body: { message: "Too Many Attempts." } },
  ),
  loginFails("a 500 to the login", (exchange) => answerJson(exchange, 500, { message: "Server Error" }), WwtServerError, { status: 500 }),
  loginFails("a login that never answers", neverAnswer, WwtTimeoutError, { status: undefined }),
  loginFails("a login answer larger than maxResponseBytes", (exchange, token) => answerJson(exchange, 200, { ...largeAnswer, bearer: token }), WwtResponseTooLargeError),
  refusedAfterFirstSend("a token with trailing whitespace, refused after the first send", " \t "),
  {
    name: "a send through undici's own fetch (the npm package, not Node's copy)",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    client: { fetch: undiciFetch as unknown as typeof fetch },
    expected: { sends: 1, logins: 1 },
    check: ({ outcome }) => expect(outcome).toEqual({ resolved: true, value: acceptedAnswer.data }),
  },
  // Answers that repeat a credential: the client must show "[redacted]" in its place.
  loginFails(
    "a 401 to the login that repeats the API key",
    (exchange) => answerJson(exchange, 401, { message: `The key ${exchange.request.body.api_key} is not active.` }),
    WwtAuthenticationError,
    { status: 401, body: { message: "The key [redacted] is not active." } },
  ),
  loginFails(
    "a 401 to the login that echoes the API key cut short, in upper and lower case and URL-encoded",
    (exchange) => {
      const key: string = exchange.request.body.api_key;
      const echoes = [`${key.slice(0, 10)}…`, key.toUpperCase(), key.toLowerCase(), encodeURIComponent(key)];
      answerJson(exchange, 401, { message: `Refused: ${echoes.join(" / ")}` });
    },
    WwtAuthenticationError,
    { status: 401, body: { message: "Refused: [redacted]… / [redacted] / [redacted] / [redacted]" } },
  ),
  loginFails(
    "a 422 to the login whose field errors quote the API key",
    (exchange) =>
      answerJson(exchange, 422, { message: "The given data was invalid.", errors: { api_key: [`${exchange.request.body.api_key} is not a key`] } }),
    WwtApiError,
    { status: 422 },
    { fieldErrors: [{ field: "api_key", message: "[redacted] is not a key" }] },
  ),
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
    name: "a proxy's 502 whose headers repeat the token",
    answerSend: (exchange) => answerText(exchange, 502, proxyPage, { "content-type": "text/html", "x-seen-authorization": exchange.request.authorization! }),
    expected: { error: WwtServerError, fields: { status: 502 }, sends: 1, logins: 1 },
    check: ({ outcome }) => expect(!outcome.resolved && outcome.error.headers.get("x-seen-authorization")).toBe("Bearer [redacted]"),
  },
  {
    name: "a fetch whose error quotes the Authorization header it was given",
    answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
    client: {
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const authorization = new Headers(init?.headers).get("authorization");
        if (!authorization) return fetch(input, init);
        const error = new TypeError(`fetch failed: ${authorization} was refused by the proxy`);
        throw Object.assign(error, { cause: Object.assign(new Error(`socket closed (${authorization})`), { code: "ECONNRESET" }) });
      }) as typeof fetch,
    },
    expected: { error: WwtNetworkError, fields: { operation: "sendRcsMessage", outcomeUnknown: true }, sends: 0, logins: 1 },
    check({ outcome }) {
      const error = !outcome.resolved && outcome.error;
      expect(error.message).toContain("fetch failed: Bearer [redacted] was refused by the proxy");
      expect(error.cause.message).toContain("Bearer [redacted]");
    },
  },
  {
    name: "a login answer whose token is 500 KB long, within the answer cap",
    answerSend: neverAnswer,
    answerLogin: (exchange, token) => answerJson(exchange, 200, { bearer: `${token}.${"x".repeat(500 * 1024)}` }),
    expected: { error: WwtLoginError, fields: { operation: "sendRcsMessage", outcomeUnknown: false, status: 200, body: { bearer: "[redacted]" } }, sends: 0, logins: 1 },
    check(run) {
      expect(causeOf(run)).toBeInstanceOf(WwtInvalidResponseError);
      expect(causeOf(run).problem).toBe("its `bearer` token cannot be sent in an Authorization header");
    },
  },
  loginFails(
    "a login answer whose token cannot be sent in a header",
    (exchange, token) => answerJson(exchange, 200, { bearer: `${token}\r\nX-Injected: 1` }),
    WwtInvalidResponseError,
    { status: 200, body: { bearer: "[redacted]" } },
  ),
];

export interface Credentials {
  apiKey: string;
  issueToken?: () => string;
}

export interface RunOptions {
  /**
   * Registers a middleware that only records what it sees, before `prepare`: the sends then go
   * through openapi-fetch, where without one they go straight to the transport.
   */
  throughMiddleware?: boolean;
}

/** Starts a fault server for `scenario`, sends one message through a real client, and reports. */
export async function runScenario(scenario: FaultScenario, credentials: Credentials, { throughMiddleware = false }: RunOptions = {}): Promise<ScenarioRun> {
  const caller = new AbortController();
  const controls: Controls = { abortCaller: () => caller.abort() };
  const issueToken = credentials.issueToken ?? (() => freshToken());
  const { answerLogin } = scenario;
  const server = await startFaultServer({
    answerSend: (exchange) => scenario.answerSend(exchange, controls),
    answerLogin: answerLogin && ((exchange, token) => answerLogin(exchange, token, controls)),
    answerLookup: scenario.answerLookup,
    issueToken: () => issueToken() + (scenario.tokenSuffix ?? ""),
  });
  const rcs = createRcsClient({ apiKey: credentials.apiKey, baseUrl: server.url, ...scenario.client });
  const seen: string[] = [];
  const recording: Middleware = { onRequest: ({ schemaPath }) => void seen.push(schemaPath) };
  if (throughMiddleware) rcs.api.use(recording);
  await scenario.prepare?.(server, rcs);
  const before = server.requests.length;
  const seenBefore = seen.length;
  if (scenario.abortedBefore) caller.abort();
  const outcome = await rcs.sendRcsMessage(scenario.body ?? plainMessage, { signal: caller.signal }).then(
    (value) => ({ resolved: true as const, value }),
    (error) => ({ resolved: false as const, error }),
  );
  const received = server.requests.slice(before);
  return {
    outcome,
    sends: received.filter((r) => !r.path.startsWith("/api/auth/") && !(r.method === "GET" && r.path === "/api/messages")),
    lookups: received.filter((r) => r.method === "GET" && r.path === "/api/messages"),
    logins: received.filter((r) => r.path === "/api/auth/login"),
    server,
    seen: throughMiddleware ? seen.slice(seenBefore) : undefined,
  };
}
