// createRcsClient: openapi-fetch with auth middleware over our transport, plus one method
// per send operation that validates the body first and resolves to the answer's `data`. A send
// goes through openapi-fetch only when middleware of yours is there to see it; otherwise
// straight to the transport, which is all the work a send needs.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { operations, paths } from "../generated/schema.js";
import { packageVersion, serverUrl } from "../generated/spec-values.js";
import { loginBodyCheck, sendRcsCampaignToGroupsBodyCheck, sendRcsMessageBodyCheck, type BodyCheck } from "../generated/validators.js";
import {
  apiKeyTokens,
  authMiddleware,
  authPaths,
  fixedToken,
  isSendableToken,
  onceMoreAfter401,
  replayingAfter401,
  tokenFor,
  type TokenSource,
} from "./auth.js";
import {
  apiErrorOf,
  WwtAbortError,
  WwtConfigurationError,
  WwtInvalidResponseError,
  WwtRequestValidationError,
  type ApiAnswer,
  type FieldError,
  type ValidationIssue,
} from "./errors.js";
import { operationOf } from "./operations.js";
import { createRedactor, type Redactor } from "./redaction.js";
import { createTransport, type RetryOptions } from "./transport.js";
import type { JsonRequestBody, JsonSuccessBody, RcsCampaign, RcsMessage, SendRcsCampaignRequest, SendRcsMessageRequest } from "./types.js";
import { findIssues } from "./validation.js";

export interface RcsClientOptions {
  /** Your WWT.world API key (`live_…` or `test_…`); the client logs in and renews tokens itself. */
  apiKey?: string;
  /** A JWT you obtained yourself, used as given, trimmed (instead of `apiKey`). */
  token?: string;
  /**
   * Defaults to the production server of the spec. Must be https (plain http only on
   * localhost, 127.0.0.1 and [::1]), without a user name or password, query or fragment.
   */
  baseUrl?: string;
  /**
   * The fetch to use; defaults to the global one. It is called as `fetch(request, init)` with a
   * standard Request, and `init` holds all of it again; it asks the fetch not to follow
   * redirects.
   */
  fetch?: typeof fetch;
  /** Time allowed for each HTTP exchange, the whole answer read included. Default 30 000 ms. */
  timeoutMs?: number;
  /** The largest answer the client reads, in bytes once decoded; a larger one is cut off. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Check request bodies against the spec before sending. Default true. */
  validate?: boolean;
  /**
   * Repeat a single send after a network failure or timeout, only when it carries
   * `phone.reference_id` (which the platform refuses to deliver twice). Off by default.
   */
  retry?: boolean | RetryOptions;
  /**
   * Headers sent with every request, the login and calls through `api` included, e.g.
   * `{ "X-Request-Source": "billing" }`. Headers the client sets itself (`Authorization`,
   * `Content-Type`, `User-Agent`) or that fetch manages (`Content-Length`, `Host`, …) are
   * refused with a `WwtConfigurationError`.
   */
  headers?: Record<string, string> | Headers;
  /**
   * Your application's name and version, e.g. `acme-shop/1.4`, sent after the client's own in
   * the `User-Agent` header: `wwt-rcs/<version> acme-shop/1.4`. In a browser, which does not let a
   * page set `User-Agent`, the client sends neither.
   */
  userAgent?: string;
}

export interface SendOptions {
  /** Aborts the send, whatever it is waiting for; the promise then rejects with a WwtAbortError. */
  signal?: AbortSignal;
  /** Time allowed for each HTTP exchange of this send (its repeats too), instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * Headers for this send only, e.g. `{ Prefer: "code=429" }` for the mock. They replace the
   * client's `headers` of the same name, and are refused on the same terms.
   */
  headers?: Record<string, string> | Headers;
}

export interface RcsClient {
  /** Sends one RCS message to one phone number now; resolves to the accepted message. */
  sendRcsMessage(body: SendRcsMessageRequest, options?: SendOptions): Promise<RcsMessage>;
  /** Creates a campaign to contact-book groups, now or scheduled; resolves to the campaign. */
  sendRcsCampaignToGroups(body: SendRcsCampaignRequest, options?: SendOptions): Promise<RcsCampaign>;
  /** The underlying openapi-fetch client, authenticated, for full control. */
  readonly api: Client<paths>;
}

/**
 * What a send or a login resolves to, as openapi-fetch gives it with `parseAs: "text"`: the body
 * of a success as text, so that a malformed answer can be reported, and of a failure parsed
 * when it is JSON.
 */
interface RawResult {
  data?: string;
  error?: unknown;
  response: Response;
}

/** The path whose POST is the operation `Id`. */
type PathOf<Id extends keyof operations> = { [Path in keyof paths]: paths[Path] extends { post: operations[Id] } ? Path : never }[keyof paths];

/** Each send: its path and the check of its body, which the compiler holds to the spec. */
const sends = {
  sendRcsMessage: { path: "/api/messages/rcs/send", bodyCheck: sendRcsMessageBodyCheck },
  sendRcsCampaignToGroups: { path: "/api/campaigns/rcs/send-groups", bodyCheck: sendRcsCampaignToGroupsBodyCheck },
} as const satisfies { [Id in keyof operations]?: { path: PathOf<Id>; bodyCheck: BodyCheck } };

type SendOperation = keyof typeof sends;

/** What one send's options ask for. */
interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

const decoder = new TextDecoder();
/** Sized for these answers (a few KiB), with room for a proxy's error page. */
const defaultMaxResponseBytes = 1024 * 1024;
/** The longest delay a timer can wait; a longer one fires at once. */
const longestTimerMs = 2_147_483_647;
const defaultRetry: Required<RetryOptions> = { retries: 2, initialDelayMs: 250, maxDelayMs: 2000 };
/** Headers the client sets itself, or that fetch manages, which neither `headers` option may set. */
const reservedHeaders = new Map([
  ["authorization", "the client sends the token itself"],
  ["content-type", "the client sends JSON"],
  ["user-agent", "use the userAgent option"],
  ...["connection", "content-length", "expect", "host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"].map(
    (name) => [name, "fetch sets it"] as const,
  ),
]);

export function createRcsClient(options: RcsClientOptions): RcsClient {
  if (typeof options !== "object" || options === null) {
    throw new WwtConfigurationError("createRcsClient needs an options object such as { apiKey }.");
  }
  const baseUrl = checkedBaseUrl(options.baseUrl ?? serverUrl);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const credential = checkedCredential(options);
  const redactor = createRedactor(credential);
  if (options.fetch !== undefined && typeof options.fetch !== "function") throw new WwtConfigurationError("fetch must be a function.");
  if (options.validate !== undefined && typeof options.validate !== "boolean") throw new WwtConfigurationError("validate must be true or false.");
  const clientHeaders = { ...checkedHeaders("headers", options.headers), ...userAgentHeader(options.userAgent) };
  const transport = createTransport({
    fetch: options.fetch,
    timeoutMs: checkedNumber("timeoutMs", options.timeoutMs ?? 30_000, 1, longestTimerMs),
    maxResponseBytes: checkedNumber("maxResponseBytes", options.maxResponseBytes ?? defaultMaxResponseBytes, 1, Number.MAX_SAFE_INTEGER, true),
    retry: checkedRetry(options.retry),
    operationOf: (request) => operationOf(request.method, new URL(request.url).pathname.slice(basePath.length)),
    redact: redactor.text,
  });
  const client = createClient<paths>({ baseUrl, headers: clientHeaders, fetch: transport.fetch });

  const jsonOf = <T>(operation: string, result: RawResult): T => {
    const { response } = result;
    // An empty body is undefined, whether or not the answer said its length.
    if (!response.ok) throw apiErrorOf(answerOf(operation, response, result.error === "" ? undefined : result.error, redactor));
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.data ?? "");
    } catch {
      throw new WwtInvalidResponseError(answerOf(operation, response, result.data || undefined, redactor), "Its body is not JSON");
    }
    return parsed as T;
  };

  const issuedToken = async (operation: "login" | "refreshToken", call: Promise<RawResult>) => {
    const result = await call;
    const body = jsonOf<{ bearer?: unknown }>(operation, result);
    // Trimmed, as the Headers API trims it when it is sent: the token the platform refuses
    // later is then recognised as this one, and replaced.
    const bearer = typeof body?.bearer === "string" ? body.bearer.trim() : "";
    if (bearer === "") {
      throw new WwtInvalidResponseError(answerOf(operation, result.response, body, redactor), "It holds no `bearer` token");
    }
    // A secret from here on, even when unusable: the error below must not show it either.
    redactor.remember(bearer);
    if (!isSendableToken(bearer)) {
      throw new WwtInvalidResponseError(
        answerOf(operation, result.response, body, redactor),
        "Its `bearer` token cannot be sent in an Authorization header",
      );
    }
    return bearer;
  };

  const tokens: TokenSource =
    options.apiKey === undefined
      ? fixedToken(credential)
      : apiKeyTokens({
          login: () => issuedToken("login", client.POST(authPaths.login, { body: { api_key: credential }, parseAs: "text" })),
          refresh: (token) =>
            issuedToken("refreshToken", client.POST(authPaths.refresh, { headers: { Authorization: `Bearer ${token}` }, parseAs: "text" })),
        });
  client.use(authMiddleware(tokens));
  const userMiddleware: Middleware[] = [];
  const api = replayingAfter401(tracking(client, userMiddleware), tokens);

  /**
   * A send made without openapi-fetch, as its auth middleware and our fetch would make it:
   * the token, the headers, the transport, and the answer as openapi-fetch would give it.
   */
  const sendDirect = async (operation: SendOperation, body: string, { signal, headers, timeoutMs }: CallOptions): Promise<RawResult> => {
    const token = tokens.ready() ?? (await tokenFor(operation, signal, tokens));
    const request = { method: "POST", headers: { ...clientHeaders, ...headers, authorization: `Bearer ${token}`, "content-type": "application/json" }, body, signal };
    const { response, content } = await transport.send(operation, `${baseUrl}${sends[operation].path}`, request, timeoutMs);
    if (response.status === 401) tokens.refused(token);
    const text = content?.length ? decoder.decode(content) : undefined;
    return response.ok ? { data: text, response } : { error: parsedOrText(text), response };
  };

  const validate = options.validate ?? true;
  /**
   * Sends `body` with the operation's path, after refusing before any I/O what cannot go out:
   * bad options, an aborted signal, a body the spec refuses. Resolves to the answer's `data`.
   */
  const send = async <Id extends SendOperation>(operation: Id, body: JsonRequestBody<Id>, sendOptions: SendOptions | undefined) => {
    const { path, bodyCheck } = sends[operation];
    const call = callOptionsOf(operation, sendOptions);
    if (call.signal?.aborted) throw new WwtAbortError(operation, false);
    if (validate) refuseInvalid(operation, bodyCheck, body);
    const bodySerializer = jsonBody(operation);
    let result: RawResult;
    if (userMiddleware.length > 0) {
      const { signal, headers, timeoutMs } = call;
      const middleware = timeoutMs === undefined ? [] : [transport.timeLimit(timeoutMs)];
      result = await api.POST(path, { body, signal, headers, middleware, bodySerializer, parseAs: "text" });
    } else {
      const json = bodySerializer(body);
      result = await onceMoreAfter401(tokens, () => sendDirect(operation, json, call));
    }
    const answer = jsonOf<{ data?: unknown }>(operation, result);
    if (typeof answer?.data !== "object" || answer.data === null) {
      throw new WwtInvalidResponseError(answerOf(operation, result.response, answer, redactor), "It holds no `data` object");
    }
    return answer.data as JsonSuccessBody<Id>["data"];
  };

  return {
    api,
    sendRcsMessage: (body, sendOptions) => send("sendRcsMessage", body, sendOptions),
    sendRcsCampaignToGroups: (body, sendOptions) => send("sendRcsCampaignToGroups", body, sendOptions),
  };
}

/** The options of one send, each checked before any I/O. */
function callOptionsOf(operation: string, options: SendOptions | undefined): CallOptions {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null) {
    throw new WwtConfigurationError("options must be an object such as { signal }.", operation);
  }
  const { signal, timeoutMs, headers } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new WwtConfigurationError("options.signal must be an AbortSignal.", operation);
  }
  return {
    signal,
    headers: checkedHeaders("options.headers", headers, operation),
    timeoutMs: timeoutMs === undefined ? undefined : checkedNumber("options.timeoutMs", timeoutMs, 1, longestTimerMs, false, operation),
  };
}

/**
 * `api`, whose use() and eject() also keep `registered` up to date: the middleware you added,
 * as openapi-fetch holds it (one at a time, so that it stops where openapi-fetch throws).
 */
function tracking(api: Client<paths>, registered: Middleware[]): Client<paths> {
  return {
    ...api,
    use(...middleware) {
      for (const added of middleware) {
        api.use(added);
        if (added) registered.push(added);
      }
    },
    eject(...middleware) {
      for (const ejected of middleware) {
        api.eject(ejected);
        const at = registered.indexOf(ejected);
        if (at !== -1) registered.splice(at, 1);
      }
    },
  };
}

/** Throws a WwtRequestValidationError naming every issue of a body the spec refuses. */
function refuseInvalid(operation: string, bodyCheck: BodyCheck, body: unknown): void {
  let issues: ValidationIssue[];
  try {
    issues = findIssues(bodyCheck, body);
  } catch (error) {
    throw new WwtRequestValidationError(operation, [{ path: "(body)", message: `cannot be read (${reasonOf(error)})` }]);
  }
  if (issues.length > 0) throw new WwtRequestValidationError(operation, issues);
}

/**
 * `headers` as a plain object, every name a valid header name the client leaves to the
 * caller, in lower case (so that a send's replace the client's of the same name), every value
 * a string the Headers API takes. Values are never quoted in errors: they may be secrets.
 */
function checkedHeaders(name: string, headers: unknown, operation?: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  const entries =
    headers instanceof Headers ? [...headers] : typeof headers === "object" && headers !== null && !Array.isArray(headers) ? Object.entries(headers) : undefined;
  if (entries === undefined) {
    throw new WwtConfigurationError(`${name} must be an object of header names and values, such as { "X-Request-Source": "billing" }.`, operation);
  }
  for (const [header, value] of entries) {
    if (!/^[!#$%&'*+\-.^_`|~\w]+$/.test(header)) {
      throw new WwtConfigurationError(`${name} holds ${JSON.stringify(header.slice(0, 64))}, which is not a header name.`, operation);
    }
    const reserved = reservedHeaders.get(header.toLowerCase());
    if (reserved) throw new WwtConfigurationError(`${name} may not set ${header}: ${reserved}.`, operation);
    if (typeof value !== "string" || !/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
      throw new WwtConfigurationError(`${name}: the value of ${header} must be a string without line breaks, of Latin-1 characters only.`, operation);
    }
  }
  return Object.fromEntries(entries.map(([header, value]) => [header.toLowerCase(), value]));
}

/**
 * The `User-Agent` header: the client's name and version, then the application's. None in a
 * browser (its `navigator.userAgent` starts with `Mozilla/`), which does not let a page set
 * it, and where any header the API does not expect would fail the CORS preflight.
 */
function userAgentHeader(userAgent: unknown): Record<string, string> {
  if (userAgent !== undefined && (typeof userAgent !== "string" || !/^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/.test(userAgent))) {
    throw new WwtConfigurationError(
      'userAgent must name your application and its version, such as "acme-shop/1.4": printable ASCII, without line breaks, up to 256 characters.',
    );
  }
  if (/^Mozilla\//.test(globalThis.navigator?.userAgent ?? "")) return {};
  return { "user-agent": [`wwt-rcs/${packageVersion}`, userAgent].filter(Boolean).join(" ") };
}

/**
 * Writes the body as JSON. With validation off, a body JSON cannot hold (nested too deeply,
 * circular, holding a BigInt, with a getter that throws) is refused like an invalid one
 * instead of escaping as a raw error.
 */
function jsonBody(operation: string) {
  return (body: unknown): string => {
    try {
      return JSON.stringify(body);
    } catch (error) {
      throw new WwtRequestValidationError(operation, [{ path: "(body)", message: `cannot be written as JSON (${reasonOf(error)})` }]);
    }
  };
}

/** An error's body: parsed when it is JSON, else the text; undefined when empty. */
function parsedOrText(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The first line of what a body's getter, Proxy trap or toJSON threw, whatever it threw. */
function reasonOf(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 200);
  } catch {
    return "a value that cannot be shown";
  }
}

function checkedBaseUrl(baseUrl: unknown): string {
  const expected = `baseUrl must be an absolute URL such as ${serverUrl}`;
  if (typeof baseUrl !== "string") throw new WwtConfigurationError(`${expected}.`);
  // The URL parser would drop tabs and line breaks and trim spaces, hiding a pasting mistake.
  if (/[\s\u0000-\u001f\u007f]/.test(baseUrl)) throw new WwtConfigurationError(`${expected}, without spaces, tabs or line breaks.`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new WwtConfigurationError(`${expected}.`);
  }
  // Never quoted whole: the password would show in the message.
  if (url.username !== "" || url.password !== "") {
    throw new WwtConfigurationError(`${expected}, without a user name or password (${url.protocol}//…@${url.host}).`);
  }
  if (baseUrl.includes("?") || baseUrl.includes("#")) {
    throw new WwtConfigurationError(`${expected}, without a query (?…) or fragment (#…).`);
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new WwtConfigurationError(
      `baseUrl must use https:// (plain http:// is allowed only for localhost, 127.0.0.1 and [::1]); got ${url.protocol}//${url.host}.`,
    );
  }
  return baseUrl.replace(/\/+$/, "");
}

/** Checks the credentials and returns the one in use (the token trimmed): a secret no error may show. */
function checkedCredential({ apiKey, token }: RcsClientOptions): string {
  if ((apiKey === undefined) === (token === undefined)) {
    throw new WwtConfigurationError("Pass exactly one of apiKey (recommended) and token.");
  }
  if (token !== undefined) {
    if (typeof token !== "string" || token.trim() === "") throw new WwtConfigurationError("token must be a non-empty JWT.");
    if (!isSendableToken(token.trim())) {
      throw new WwtConfigurationError("token must be a JWT that can be sent in an Authorization header (no line breaks).");
    }
    return token.trim();
  }
  if (typeof apiKey !== "string" || findIssues(loginBodyCheck, { api_key: apiKey }).length > 0) {
    throw new WwtConfigurationError("apiKey must be a WWT.world API key: `live_` or `test_` followed by the key.");
  }
  return apiKey;
}

function checkedNumber(name: string, value: unknown, min: number, max: number, integer = false, operation?: string): number {
  if (typeof value !== "number" || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    throw new WwtConfigurationError(`${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}.`, operation);
  }
  return value;
}

/** The retry schedule, or undefined when off; every field checked, so that no option can make it repeat forever. */
function checkedRetry(retry: unknown): Required<RetryOptions> | undefined {
  if (retry === undefined || retry === false) return undefined;
  if (retry === true) return defaultRetry;
  if (typeof retry !== "object" || retry === null) {
    throw new WwtConfigurationError("retry must be true, false or an object such as { retries: 2 }.");
  }
  const { retries, initialDelayMs, maxDelayMs } = { ...defaultRetry, ...retry } as Record<keyof RetryOptions, unknown>;
  return {
    retries: checkedNumber("retry.retries", retries, 0, 10, true),
    initialDelayMs: checkedNumber("retry.initialDelayMs", initialDelayMs, 0, longestTimerMs),
    maxDelayMs: checkedNumber("retry.maxDelayMs", maxDelayMs, 0, longestTimerMs),
  };
}

/** What the platform answered, with every secret it may have echoed (body, reason phrase, headers) redacted. */
function answerOf(operation: string, response: Response, body: unknown, redactor: Redactor): ApiAnswer {
  const clean = redactor.value(body);
  return {
    operation,
    status: response.status,
    statusText: redactor.text(response.statusText),
    headers: redactor.headers(response.headers),
    body: clean,
    fieldErrors: fieldErrorsOf(clean),
  };
}

/** Both documented shapes of `errors`: a list of messages, or messages per field. */
function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) return errors.map((message) => ({ message: textOf(message) }));
  if (typeof errors !== "object" || errors === null) return [];
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((message) => ({ field, message: textOf(message) })),
  );
}

/** A message as text: the platform sends strings; anything else is shown as JSON if it can be. */
function textOf(message: unknown): string {
  if (typeof message === "string") return message;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return "(a value too deeply nested to show)";
  }
}
