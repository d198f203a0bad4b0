// createRcsClient: openapi-fetch with auth middleware over our transport, plus one method
// per send operation that validates the body first and resolves to the answer's `data`.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { serverUrl } from "../generated/spec-values.js";
import { apiKeyTokens, authMiddleware, authPaths, fixedToken, isSendableToken, type TokenSource } from "./auth.js";
import {
  RequestValidationError,
  WwtApiError,
  WwtAuthenticationError,
  WwtConfigurationError,
  WwtDuplicateRequestError,
  WwtInvalidResponseError,
  WwtServerError,
  type ApiAnswer,
  type FieldError,
} from "./errors.js";
import { createTransport, type RetryOptions } from "./transport.js";
import type { RcsCampaign, RcsMessage, SendRcsCampaignRequest, SendRcsMessageRequest } from "./types.js";
import { findIssues } from "./validation.js";

export interface RcsClientOptions {
  /** Your WWT.world API key (`live_…` or `test_…`); the client logs in and renews tokens itself. */
  apiKey?: string;
  /** A JWT you obtained yourself, used as given (instead of `apiKey`). */
  token?: string;
  /** Defaults to the production server of the spec. Must be https, except on localhost. */
  baseUrl?: string;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Time allowed for each HTTP request, answer included. Default 30 000 ms. */
  timeoutMs?: number;
  /** Check request bodies against the spec before sending. Default true. */
  validate?: boolean;
  /**
   * Repeat a single send after a network failure or timeout, only when it carries
   * `phone.reference_id` (which the platform refuses to deliver twice). Off by default.
   */
  retry?: boolean | RetryOptions;
}

export interface SendOptions {
  /** Aborts the send; the promise then rejects with a WwtAbortError. */
  signal?: AbortSignal;
}

export interface RcsClient {
  /** Sends one RCS message to one phone number now; resolves to the accepted message. */
  sendRcsMessage(body: SendRcsMessageRequest, options?: SendOptions): Promise<RcsMessage>;
  /** Creates a campaign to contact-book groups, now or scheduled; resolves to the campaign. */
  sendRcsCampaignToGroups(body: SendRcsCampaignRequest, options?: SendOptions): Promise<RcsCampaign>;
  /** The underlying openapi-fetch client, authenticated, for full control. */
  readonly api: Client<paths>;
}

/** What openapi-fetch resolves to, read as text so that a malformed answer can be reported. */
interface RawResult {
  data?: string;
  error?: unknown;
  response: Response;
}

export function createRcsClient(options: RcsClientOptions): RcsClient {
  const baseUrl = checkedBaseUrl(options.baseUrl ?? serverUrl);
  const secrets = new Set<string>(checkedCredentials(options));
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new WwtConfigurationError("timeoutMs must be a positive number of milliseconds.");
  }
  const transport = createTransport({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs,
    retry: options.retry === true ? {} : options.retry || undefined,
  });
  const api = createClient<paths>({ baseUrl, fetch: transport });

  const jsonOf = <T>(operation: string, result: RawResult): T => {
    const { response } = result;
    if (!response.ok) throw failure(operation, response, result.error, [...secrets]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(result.data ?? "");
    } catch {
      throw new WwtInvalidResponseError(answerOf(operation, response, result.data, [...secrets]), "Its body is not JSON");
    }
    return parsed as T;
  };

  const issuedToken = async (operation: string, call: Promise<RawResult>) => {
    const result = await call;
    const body = jsonOf<{ bearer?: unknown }>(operation, result);
    const bearer = body?.bearer;
    if (typeof bearer !== "string" || bearer === "") {
      throw new WwtInvalidResponseError(answerOf(operation, result.response, body, [...secrets]), "It holds no `bearer` token");
    }
    // A secret from here on, even when unusable: the error below must not show it either.
    secrets.add(bearer);
    if (!isSendableToken(bearer)) {
      throw new WwtInvalidResponseError(
        answerOf(operation, result.response, body, [...secrets]),
        "Its `bearer` token cannot be sent in an Authorization header",
      );
    }
    return bearer;
  };

  const tokens: TokenSource = options.token
    ? fixedToken(options.token)
    : apiKeyTokens({
        login: () => issuedToken("login", api.POST(authPaths.login, { body: { api_key: options.apiKey! }, parseAs: "text" })),
        refresh: (token) =>
          issuedToken("refreshToken", api.POST(authPaths.refresh, { headers: { Authorization: `Bearer ${token}` }, parseAs: "text" })),
      });
  api.use(authMiddleware(tokens, transport));

  const validate = options.validate ?? true;
  const checked = (operation: string, body: unknown) => {
    if (!validate) return;
    const issues = findIssues(`${operation}Body`, body);
    if (issues.length > 0) throw new RequestValidationError(operation, issues);
  };
  const dataOf = <T>(operation: string, result: RawResult): T => {
    const body = jsonOf<{ data?: unknown }>(operation, result);
    if (typeof body?.data !== "object" || body.data === null) {
      throw new WwtInvalidResponseError(answerOf(operation, result.response, body, [...secrets]), "It holds no `data` object");
    }
    return body.data as T;
  };

  return {
    api,
    async sendRcsMessage(body, options) {
      const signal = signalOf("sendRcsMessage", options);
      checked("sendRcsMessage", body);
      const bodySerializer = jsonBody("sendRcsMessage");
      const result = await api.POST("/api/messages/rcs/send", { body, signal, bodySerializer, parseAs: "text" });
      return dataOf<RcsMessage>("sendRcsMessage", result);
    },
    async sendRcsCampaignToGroups(body, options) {
      const signal = signalOf("sendRcsCampaignToGroups", options);
      checked("sendRcsCampaignToGroups", body);
      const bodySerializer = jsonBody("sendRcsCampaignToGroups");
      const result = await api.POST("/api/campaigns/rcs/send-groups", { body, signal, bodySerializer, parseAs: "text" });
      return dataOf<RcsCampaign>("sendRcsCampaignToGroups", result);
    },
  };
}

/** The caller's AbortSignal; send options of the wrong type are refused before any I/O. */
function signalOf(operation: string, options: SendOptions | undefined): AbortSignal | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== "object" || options === null) {
    throw new WwtConfigurationError(`${operation}: options must be an object such as { signal }.`);
  }
  const { signal } = options;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new WwtConfigurationError(`${operation}: options.signal must be an AbortSignal.`);
  }
  return signal;
}

/**
 * Writes the body as JSON. With validation off, a body JSON cannot hold (nested too deeply,
 * circular, holding a BigInt) is refused like an invalid one instead of escaping as a raw error.
 */
function jsonBody(operation: string) {
  return (body: unknown): string => {
    try {
      return JSON.stringify(body);
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      throw new RequestValidationError(operation, [{ path: "(body)", message: `cannot be written as JSON (${reason})` }]);
    }
  };
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new WwtConfigurationError(`baseUrl must be an absolute URL such as ${serverUrl}.`);
  }
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new WwtConfigurationError(
      `baseUrl must use https:// (plain http:// is allowed only for localhost, 127.0.0.1 and [::1]); got ${url.protocol}//${url.host}.`,
    );
  }
  return baseUrl.replace(/\/+$/, "");
}

/** Checks the credentials and returns the secrets no error may ever show. */
function checkedCredentials({ apiKey, token }: RcsClientOptions): string[] {
  if ((apiKey === undefined) === (token === undefined)) {
    throw new WwtConfigurationError("Pass exactly one of apiKey (recommended) and token.");
  }
  if (token !== undefined) {
    if (typeof token !== "string" || token.trim() === "") throw new WwtConfigurationError("token must be a non-empty JWT.");
    if (!isSendableToken(token)) {
      throw new WwtConfigurationError("token must be a JWT that can be sent in an Authorization header (no line breaks).");
    }
    return [token];
  }
  if (typeof apiKey !== "string" || findIssues("loginBody", { api_key: apiKey }).length > 0) {
    throw new WwtConfigurationError("apiKey must be a WWT.world API key: `live_` or `test_` followed by the key.");
  }
  return [apiKey];
}

function failure(operation: string, response: Response, body: unknown, secrets: string[]): WwtApiError {
  const answer = answerOf(operation, response, body, secrets);
  if (response.status === 401) return new WwtAuthenticationError(answer);
  if (response.status === 429) return new WwtDuplicateRequestError(answer);
  if (response.status >= 500) return new WwtServerError(answer);
  return new WwtApiError(answer);
}

/** What the platform answered, with every secret it may have echoed (body, reason phrase, header) redacted. */
function answerOf(operation: string, response: Response, body: unknown, secrets: string[]): ApiAnswer {
  const clean = scrub(body, secrets);
  return {
    operation,
    status: response.status,
    statusText: scrub(response.statusText, secrets) as string,
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

/**
 * A copy of `value` with every secret replaced, should the platform ever echo one. It walks
 * with a stack of its own, not by recursion: an answer nested 10,000 levels deep is no crash.
 */
function scrub(value: unknown, secrets: string[]): unknown {
  const clean = (text: string) => secrets.reduce((result, secret) => result.replaceAll(secret, "[redacted]"), text);
  // defineProperty, not assignment: a key such as `__proto__` stays a plain own property.
  const put = (into: object, key: string, item: unknown) =>
    Object.defineProperty(into, key, { value: item, enumerable: true, writable: true, configurable: true });
  const root = {} as { value?: unknown };
  const pending: Array<[source: unknown, into: object, key: string]> = [[value, root, "value"]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, into, key] = next;
    if (typeof source !== "object" || source === null) {
      put(into, key, typeof source === "string" ? clean(source) : source);
      continue;
    }
    const copy: object = Array.isArray(source) ? [] : {};
    put(into, key, copy);
    for (const [name, item] of Object.entries(source)) {
      const copiedName = Array.isArray(source) ? name : clean(name);
      put(copy, copiedName, undefined); // keeps the keys in their order; filled in when popped
      pending.push([item, copy, copiedName]);
    }
  }
  return root.value;
}
