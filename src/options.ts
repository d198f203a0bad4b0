// Step 1 of every call, and of the client itself: options checked before any I/O. A bad option
// is a WwtConfigurationError that names it (never its value, which may be a secret), and an
// option this version does not know is refused rather than ignored, so that a typo such as
// `timeout` for `timeoutMs` does not pass unnoticed.
import { packageVersion, serverUrl } from "../generated/spec-values.js";
import { requestChecks } from "../generated/validators.js";
import { isSendableToken } from "./answer.js";
import { isObject } from "./copy.js";
import { WwtConfigurationError } from "./errors.js";
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
   * redirects. The client bounds every wait itself, whether or not the fetch honours `signal`.
   */
  fetch?: typeof fetch;
  /** Time allowed for each HTTP exchange, the whole answer read included. Default 30 000 ms. */
  timeoutMs?: number;
  /** The largest answer the client reads, in bytes once decoded; a larger one is cut off. Default 1 MiB. */
  maxResponseBytes?: number;
  /** Check every request against the spec before sending. Default true. */
  validate?: boolean;
  /**
   * Settle a single send with `phone.reference_id` whose outcome is unknown (a timeout, a
   * dropped connection, a 5xx) by looking the reference up, and send again only when the
   * platform does not have it. Off by default.
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

export interface RetryOptions {
  /** How many times a send may be repeated after its outcome was settled as "not sent": 0 to 10. Default 2. */
  retries?: number;
  /** Delay before the first lookup, doubled for each further attempt. Default 250 ms. */
  initialDelayMs?: number;
  /** Cap on the delay between attempts. Default 2000 ms. */
  maxDelayMs?: number;
}

/** What one call takes as its last argument. */
export interface SendOptions {
  /** Aborts the call, whatever it is waiting for; the promise then rejects with a WwtAbortError. */
  signal?: AbortSignal;
  /** Time allowed for each HTTP exchange of this call, instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  /**
   * Headers for this call only, e.g. `{ Prefer: "code=429" }` for the mock. They replace the
   * client's `headers` of the same name, and are refused on the same terms.
   */
  headers?: Record<string, string> | Headers;
}

/** One call's options, checked. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** The client's options, checked. */
export interface ClientSettings {
  baseUrl: string;
  /** The API key, or the token given instead: a secret no error may show. */
  credential: string;
  usesApiKey: boolean;
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  validate: boolean;
  retry: Required<RetryOptions> | undefined;
  /** `headers` and the User-Agent, names in lower case. */
  headers: Record<string, string>;
}

/** The longest delay a timer can wait; a longer one fires at once. */
const longestTimerMs = 2_147_483_647;
const defaultRetry: Required<RetryOptions> = { retries: 2, initialDelayMs: 250, maxDelayMs: 2000 };
/** Headers the client sets itself, or that fetch manages, which neither `headers` option may set, and why. */
const reservedHeaders: Record<string, string> = {
  authorization: "the client sends the token itself",
  "content-type": "the client sends JSON",
  "user-agent": "use the userAgent option",
};
for (const name of ["connection", "content-length", "expect", "host", "keep-alive", "te", "trailer", "transfer-encoding", "upgrade"]) reservedHeaders[name] = "fetch sets it";

/** Throws the WwtConfigurationError that says `message`, naming the call's operation when there is one. */
function fail(message: string, operation?: string): never {
  throw new WwtConfigurationError(message, { operation });
}

/** The options of `createRcsClient`, each checked. */
export function clientSettings(options: RcsClientOptions): ClientSettings {
  if (!isObject(options)) fail("createRcsClient needs an options object.");
  refuseUnknown("createRcsClient", options, ["apiKey", "token", "baseUrl", "fetch", "timeoutMs", "maxResponseBytes", "validate", "retry", "headers", "userAgent"]);
  const { fetch, validate = true, userAgent } = options;
  if (fetch !== undefined && typeof fetch !== "function") fail("fetch must be a function.");
  if (typeof validate !== "boolean") fail("validate must be true or false.");
  // Printable ASCII, no line breaks, at most 256 characters: what a header value may safely hold.
  if (userAgent !== undefined && (typeof userAgent !== "string" || !/^[\x21-\x7e](?:[\x20-\x7e]{0,254}[\x21-\x7e])?$/.test(userAgent))) {
    fail('userAgent must name your application and its version, such as "acme-shop/1.4", in up to 256 printable ASCII characters.');
  }
  return {
    baseUrl: checkedBaseUrl(options.baseUrl ?? serverUrl),
    credential: checkedCredential(options),
    usesApiKey: options.apiKey !== undefined,
    fetch: fetch as typeof globalThis.fetch | undefined,
    timeoutMs: checkedNumber("timeoutMs", options.timeoutMs ?? 30_000, longestTimerMs),
    maxResponseBytes: checkedNumber("maxResponseBytes", options.maxResponseBytes ?? 1024 * 1024, Number.MAX_SAFE_INTEGER, true),
    validate,
    retry: checkedRetry(options.retry),
    // No User-Agent in a browser (its navigator.userAgent starts with Mozilla/): a page may not set
    // it, and any header the API does not expect would fail the CORS preflight.
    headers: {
      ...checkedHeaders("headers", options.headers),
      ...(/^Mozilla\//.test(globalThis.navigator?.userAgent ?? "") ? {} : { "user-agent": [`wwt-rcs/${packageVersion}`, userAgent].filter(Boolean).join(" ") }),
    },
  };
}

/** The options of one call, each checked before any I/O. */
export function callOptions(operation: string, options: SendOptions | undefined): CallOptions {
  if (options === undefined) return {};
  if (!isObject(options)) fail("options must be an object.", operation);
  refuseUnknown("options", options, ["signal", "timeoutMs", "headers"], operation);
  const { signal, timeoutMs, headers } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) fail("options.signal must be an AbortSignal.", operation);
  return {
    signal,
    headers: checkedHeaders("options.headers", headers, operation),
    timeoutMs: timeoutMs === undefined ? undefined : checkedNumber("options.timeoutMs", timeoutMs, longestTimerMs, false, operation),
  };
}

function refuseUnknown(name: string, options: object, known: string[], operation?: string): void {
  for (const key of Object.keys(options)) if (!known.includes(key)) fail(`${name} has no option ${JSON.stringify(key.slice(0, 64))}.`, operation);
}

/**
 * `headers` as a plain object, every name a valid header name the client leaves to the
 * caller, in lower case (so that a call's replace the client's of the same name), every value
 * a string the Headers API takes. Values are never quoted in errors: they may be secrets.
 */
function checkedHeaders(name: string, headers: unknown, operation?: string): Record<string, string> | undefined {
  if (headers === undefined) return undefined;
  if (!(headers instanceof Headers) && !isObject(headers)) fail(`${name} must be an object of header names and values.`, operation);
  const entries = headers instanceof Headers ? [...headers] : Object.entries(headers);
  for (const [header, value] of entries) {
    const lower = header.toLowerCase();
    if (!/^[!#$%&'*+\-.^_`|~\w]+$/.test(header)) fail(`${name} holds ${JSON.stringify(header.slice(0, 64))}, which is not a header name.`, operation);
    if (Object.hasOwn(reservedHeaders, lower)) fail(`${name} may not set ${header}: ${reservedHeaders[lower]}.`, operation);
    if (typeof value !== "string" || !/^[\t\x20-\x7e\x80-\xff]*$/.test(value)) {
      fail(`${name}: the value of ${header} must be a string without line breaks, in Latin-1.`, operation);
    }
  }
  return Object.fromEntries(entries.map(([header, value]) => [header.toLowerCase(), value as string]));
}

function checkedBaseUrl(baseUrl: unknown): string {
  // The URL parser would drop tabs and line breaks and trim spaces, hiding a pasting mistake.
  const url = typeof baseUrl === "string" && !/[\s\u0000-\u001f\u007f?#]/.test(baseUrl) && URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url?.hostname ?? "");
  if (!url || url.username || url.password || !(url.protocol === "https:" || (url.protocol === "http:" && local))) {
    // One message names every rule; the URL itself is never quoted, as it may hold a password.
    fail(
      `baseUrl must be an https:// URL (http:// on localhost) without a user name or password, a query, a fragment, spaces, tabs or line breaks.`,
    );
  }
  return (baseUrl as string).replace(/\/+$/, "");
}

/** Checks the credentials and returns the one in use (the token trimmed): a secret no error may show. */
function checkedCredential({ apiKey, token }: RcsClientOptions): string {
  if ((apiKey === undefined) === (token === undefined)) fail("Pass exactly one of apiKey (recommended) and token.");
  if (token !== undefined) {
    if (typeof token !== "string" || !isSendableToken(token.trim()) || !token.trim()) {
      fail("token must be a non-empty JWT without line breaks.");
    }
    return token.trim();
  }
  if (typeof apiKey !== "string" || findIssues(requestChecks.login.body, { api_key: apiKey }).length > 0) {
    fail("apiKey must be a WWT.world API key (live_… or test_…).");
  }
  return apiKey;
}

/** `value` when it is a number from 1 (0 with `fromZero`) to `max`, an integer where asked; throws otherwise. */
function checkedNumber(name: string, value: unknown, max: number, integer = false, operation?: string, min = 1): number {
  if (typeof value !== "number" || !(value >= min && value <= max) || (integer && !Number.isInteger(value))) {
    fail(`${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}.`, operation);
  }
  return value;
}

/** The retry schedule, or undefined when off; every field checked, so that no option can make it repeat forever. */
function checkedRetry(retry: unknown): Required<RetryOptions> | undefined {
  if (retry === undefined || retry === false) return undefined;
  if (retry === true) return defaultRetry;
  if (!isObject(retry)) fail("retry must be true, false or an object.");
  refuseUnknown("retry", retry, Object.keys(defaultRetry));
  const { retries, initialDelayMs, maxDelayMs } = { ...defaultRetry, ...retry } as Record<keyof RetryOptions, unknown>;
  return {
    retries: checkedNumber("retry.retries", retries, 10, true, undefined, 0),
    initialDelayMs: checkedNumber("retry.initialDelayMs", initialDelayMs, longestTimerMs, false, undefined, 0),
    maxDelayMs: checkedNumber("retry.maxDelayMs", maxDelayMs, longestTimerMs, false, undefined, 0),
  };
}
