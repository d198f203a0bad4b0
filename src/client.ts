// createRcsClient: openapi-fetch with auth middleware over our transport, plus one method
// per send operation that validates the body first and resolves to the answer's `data`.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { serverUrl } from "../generated/spec-values.js";
import { apiKeyTokens, authMiddleware, authPaths, fixedToken, type TokenSource } from "./auth.js";
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
    if (typeof body?.bearer !== "string" || body.bearer === "") {
      throw new WwtInvalidResponseError(answerOf(operation, result.response, body, [...secrets]), "It holds no `bearer` token");
    }
    secrets.add(body.bearer);
    return body.bearer;
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
    async sendRcsMessage(body, { signal } = {}) {
      checked("sendRcsMessage", body);
      const result = await api.POST("/api/messages/rcs/send", { body, signal, parseAs: "text" });
      return dataOf<RcsMessage>("sendRcsMessage", result);
    },
    async sendRcsCampaignToGroups(body, { signal } = {}) {
      checked("sendRcsCampaignToGroups", body);
      const result = await api.POST("/api/campaigns/rcs/send-groups", { body, signal, parseAs: "text" });
      return dataOf<RcsCampaign>("sendRcsCampaignToGroups", result);
    },
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

function answerOf(operation: string, response: Response, body: unknown, secrets: string[]): ApiAnswer {
  const clean = scrub(body, secrets);
  return {
    operation,
    status: response.status,
    statusText: response.statusText,
    body: clean,
    fieldErrors: mockViolations(response) ?? fieldErrorsOf(clean),
  };
}

/** Both documented shapes of `errors`: a list of messages, or messages per field. */
function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) return errors.map((message) => ({ message: String(message) }));
  if (typeof errors !== "object" || errors === null) return [];
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((message) => ({ field, message: String(message) })),
  );
}

/**
 * A Prism mock answers an invalid request with the spec's canned 422 example, and reports
 * what was really wrong in its `sl-violations` header: use that, so tests see the true field.
 */
function mockViolations(response: Response): FieldError[] | undefined {
  const header = response.headers.get("sl-violations");
  if (!header) return undefined;
  try {
    const violations = JSON.parse(header) as Array<{ location?: string[]; message?: string; severity?: string }>;
    const found = violations
      .filter((v) => v.severity === "Error" && v.location?.[0] === "request")
      .map((v) => ({ field: v.location!.slice(2).join(".") || v.location!.slice(1).join("."), message: String(v.message) }));
    return found.length > 0 ? found : undefined;
  } catch {
    return undefined;
  }
}

/** A copy of `value` with every secret replaced, should the platform ever echo one. */
function scrub(value: unknown, secrets: string[]): unknown {
  if (typeof value === "string") return secrets.reduce((text, secret) => text.replaceAll(secret, "[redacted]"), value);
  if (Array.isArray(value)) return value.map((item) => scrub(item, secrets));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrub(key, secrets), scrub(item, secrets)]));
  }
  return value;
}
