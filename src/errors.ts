// Every error the client throws: one base class, one subclass per kind of failure, each with
// the fields a caller branches on. A message says what happened and whether the request went
// out; what to do about it is in the README's error table. No error holds the API key or a
// token: whatever an answer echoed is redacted before it reaches an error.

/** One problem with a body: a request's, found before anything was sent, or a callback's. */
export interface ValidationIssue {
  /** Where the problem is, e.g. `options.cards[0].title`, or `(body)` for the body itself. */
  path: string;
  /** What is wrong there, e.g. `must have at most 200 characters`. */
  message: string;
}

/** One problem the platform reported for a field (`field` is absent for list-shaped errors). */
export interface FieldError {
  field?: string;
  message: string;
}

/** What the platform answered, for the errors built from an answer (every secret redacted). */
export interface ApiAnswer {
  /** The operationId of the call, e.g. `sendRcsMessage`. */
  operation: string;
  status: number;
  statusText: string;
  /** The answer's headers, e.g. `Retry-After`. */
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
  fieldErrors: FieldError[];
}

/** The `name` of every error class, so that each class's `name` can be a literal type. */
export type WwtErrorName =
  | "WwtError"
  | "WwtConfigurationError"
  | "WwtRequestValidationError"
  | "WwtCallbackValidationError"
  | "WwtApiError"
  | "WwtAuthenticationError"
  | "WwtDuplicateRequestError"
  | "WwtServerError"
  | "WwtInvalidResponseError"
  | "WwtRedirectError"
  | "WwtUnansweredError"
  | "WwtResponseTooLargeError"
  | "WwtTimeoutError"
  | "WwtNetworkError"
  | "WwtAbortError"
  | "WwtLoginError";

interface ErrorOptions {
  /** The operationId of the call that failed; absent for errors outside any call. */
  operation?: string;
  cause?: unknown;
}

/** Base class of every error wwt-rcs throws. */
export class WwtError extends Error {
  override readonly name: WwtErrorName = "WwtError";
  /**
   * True when the request may have reached the platform and been processed although the call
   * failed (timeouts, dropped connections, 5xx, unreadable answers). False when the platform
   * certainly did not process it: nothing was sent, or its answer says so.
   */
  readonly outcomeUnknown: boolean = false;
  /**
   * The operationId of the call that failed (`sendRcsMessage`, `listMessages`, `login`, …);
   * undefined only for errors outside any call (the options of `createRcsClient`, a callback).
   */
  declare readonly operation: string | undefined;

  constructor(message: string, { operation, cause }: ErrorOptions = {}) {
    super(operation === undefined ? message : `${operation}: ${message}`, cause === undefined ? undefined : { cause });
    this.operation = operation;
  }
}

/** The client was set up or called wrongly (a bad option); nothing was sent. */
export class WwtConfigurationError extends WwtError {
  override readonly name = "WwtConfigurationError";
}

/** The request broke the API's rules, or could not be read or written as JSON; it was not sent. */
export class WwtRequestValidationError extends WwtError {
  override readonly name = "WwtRequestValidationError";
  declare readonly operation: string;
  /** Every problem found, in the order of the request. */
  declare readonly issues: ValidationIssue[];
  constructor({ operation, issues }: { operation: string; issues: ValidationIssue[] }) {
    super(`invalid, not sent: ${listed(issues)}`, { operation });
    this.issues = issues;
  }
}

/** A callback body (a status change or a click POSTed to your endpoint) is not a report. */
export class WwtCallbackValidationError extends WwtError {
  override readonly name = "WwtCallbackValidationError";
  /** Every problem found, e.g. `{ path: "id", message: "is required: …" }`. */
  declare readonly issues: ValidationIssue[];
  constructor({ issues }: { issues: ValidationIssue[] }) {
    super(`The callback payload is invalid: ${listed(issues)}`);
    this.issues = issues;
  }
}

/** The platform answered, but not with a usable success. */
export class WwtApiError extends WwtError {
  override readonly name: "WwtApiError" | "WwtAuthenticationError" | "WwtDuplicateRequestError" | "WwtServerError" | "WwtInvalidResponseError" =
    "WwtApiError";
  declare readonly operation: string;
  declare readonly status: number;
  /** The answer's headers (read `Retry-After` here), with any secret redacted. */
  declare readonly headers: Headers;
  declare readonly body: unknown;
  /** The platform's own `message`, when its body has one. */
  declare readonly serverMessage: string | undefined;
  /** Per-field problems, from either shape of the platform's `errors`. */
  declare readonly fieldErrors: FieldError[];

  constructor({ answer, outcome = "not processed" }: { answer: ApiAnswer; outcome?: string }) {
    const fields = listed(answer.fieldErrors.map(({ field, message }) => ({ path: field, message })));
    super(`${answered(answer)}; ${outcome}${fields ? `: ${fields}` : "."}`, { operation: answer.operation });
    this.status = answer.status;
    this.headers = answer.headers;
    this.body = answer.body;
    this.serverMessage = messageOf(answer.body);
    this.fieldErrors = answer.fieldErrors;
  }
}

/** 401: the API key or the token was refused. The request was not processed. */
export class WwtAuthenticationError extends WwtApiError {
  override readonly name = "WwtAuthenticationError";
}

/** 429: the platform has already received this same request (a repeated `reference_id`). */
export class WwtDuplicateRequestError extends WwtApiError {
  override readonly name = "WwtDuplicateRequestError";
  constructor({ answer }: { answer: ApiAnswer }) {
    super({ answer, outcome: "it has this request already" });
  }
}

/** 5xx: the platform or a proxy failed; whether the request was processed is unknown. */
export class WwtServerError extends WwtApiError {
  override readonly name = "WwtServerError";
  override readonly outcomeUnknown = true;
  constructor({ answer }: { answer: ApiAnswer }) {
    super({ answer, outcome: mayHaveBeen });
  }
}

/** A 2xx answer whose body is not the documented JSON; the request was probably processed. */
export class WwtInvalidResponseError extends WwtApiError {
  override readonly name = "WwtInvalidResponseError";
  override readonly outcomeUnknown = true;
  /** What is wrong with the answer, e.g. `it holds no \`data\` object`. */
  declare readonly problem: string;
  constructor({ answer, problem }: { answer: ApiAnswer; problem: string }) {
    super({ answer, outcome: `${problem}; ${mayHaveBeen}` });
    this.problem = problem;
  }
}

/**
 * The answer was a redirect (3xx), which the client never follows: the request, the
 * credentials and the body went to `baseUrl` only. A 307 or 308 says the request was not
 * processed there; any other redirect can come after it was. Also thrown when a `fetch` you
 * passed followed a redirect itself (`followed`): its answer is not used, and what it sent
 * where it was redirected is unknown.
 */
export class WwtRedirectError extends WwtError {
  override readonly name = "WwtRedirectError";
  declare readonly operation: string;
  declare readonly outcomeUnknown: boolean;
  /** The redirect's status; 0 for a browser's opaque redirect, which hides it. */
  declare readonly status: number;
  /** Where it pointed, as origin and path only (the query may hold secrets); undefined if unknown. */
  declare readonly location: string | undefined;
  /** True when the fetch followed the redirect itself, despite `redirect: "manual"`. */
  declare readonly followed: boolean;

  constructor({ operation, status, location, followed }: { operation: string; status: number; location: string | undefined; followed: boolean }) {
    const notProcessed = !followed && (status === 307 || status === 308);
    super(`${followed ? "the fetch followed" : `WWT.world answered ${status || ""}`} a redirect to ${location ?? "?"}; ${notProcessed ? "not processed" : mayHaveBeen}.`, {
      operation,
    });
    this.outcomeUnknown = !notProcessed;
    this.status = status;
    this.location = location;
    this.followed = followed;
  }
}

/**
 * The request was sent but no complete answer came back to be used, so it may have been
 * processed: the common ground of the three errors below.
 */
export class WwtUnansweredError extends WwtError {
  override readonly name: "WwtUnansweredError" | "WwtResponseTooLargeError" | "WwtTimeoutError" | "WwtNetworkError" = "WwtUnansweredError";
  declare readonly operation: string;
  override readonly outcomeUnknown = true;
  constructor(what: string, { operation, cause }: { operation: string; cause?: unknown }) {
    super(`${what}; ${mayHaveBeen}.`, { operation, cause });
  }
}

/** The answer was larger than `maxResponseBytes` (counted decoded); it was cut off unread. */
export class WwtResponseTooLargeError extends WwtUnansweredError {
  override readonly name = "WwtResponseTooLargeError";
  declare readonly status: number;
  declare readonly maxResponseBytes: number;
  constructor({ operation, status, maxResponseBytes }: { operation: string; status: number; maxResponseBytes: number }) {
    super(`WWT.world answered ${status} with over ${maxResponseBytes} bytes`, { operation });
    this.status = status;
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** No complete answer arrived within `timeoutMs`. */
export class WwtTimeoutError extends WwtUnansweredError {
  override readonly name = "WwtTimeoutError";
  declare readonly timeoutMs: number;
  constructor({ operation, timeoutMs }: { operation: string; timeoutMs: number }) {
    super(`no complete answer within ${timeoutMs} ms`, { operation });
    this.timeoutMs = timeoutMs;
  }
}

/** The connection failed or broke before a complete answer arrived. */
export class WwtNetworkError extends WwtUnansweredError {
  override readonly name = "WwtNetworkError";
  /**
   * @param reason what the fetch said, already redacted
   * @param cause the fetch's own error, or a redacted copy of it when it showed a secret
   */
  constructor({ operation, reason, cause }: { operation: string; reason: string; cause: unknown }) {
    super(`the connection failed (${reason})`, { operation, cause });
  }
}

/** The caller aborted the call through its own AbortSignal. */
export class WwtAbortError extends WwtError {
  override readonly name = "WwtAbortError";
  declare readonly operation: string;
  declare readonly outcomeUnknown: boolean;
  /** `sent`: whether the request had already been sent (then it may have been processed). */
  constructor({ operation, sent }: { operation: string; sent: boolean }) {
    super(`aborted; ${sent ? mayHaveBeen : "not sent"}.`, { operation });
    this.outcomeUnknown = sent;
  }
}

/**
 * Logging in (or renewing the token) failed, so the request was NOT sent. `cause` is the
 * login's own error (a `WwtAuthenticationError` for a refused API key, a `WwtTimeoutError`, …);
 * `status` and `body` are its answer's, when it had one.
 */
export class WwtLoginError extends WwtError {
  override readonly name = "WwtLoginError";
  declare readonly operation: string;
  /** The login's HTTP status, when it got an answer. */
  declare readonly status: number | undefined;
  /** The login's answer, when it got one (redacted). */
  declare readonly body: unknown;

  constructor({ operation, cause }: { operation: string; cause: unknown }) {
    super(`logging in failed (${summaryOf(cause)}); NOT sent.`, { operation, cause });
    this.status = cause instanceof WwtApiError || cause instanceof WwtRedirectError ? cause.status : undefined;
    this.body = cause instanceof WwtApiError ? cause.body : undefined;
  }
}

/** The error for an answer with an error status, of the kind its status says. */
export function apiErrorOf(answer: ApiAnswer): WwtApiError {
  if (answer.status === 401) return new WwtAuthenticationError({ answer });
  if (answer.status === 429) return new WwtDuplicateRequestError({ answer });
  if (answer.status >= 500) return new WwtServerError({ answer });
  return new WwtApiError({ answer });
}

/** `WWT.world answered 401 Unauthorized (Unauthenticated.)`, for messages. */
function answered({ status, statusText, body }: ApiAnswer): string {
  const said = messageOf(body) ?? (typeof body === "string" && body.trim() ? "the body is not JSON" : "no message");
  return `WWT.world answered ${status}${statusText ? ` ${statusText}` : ""} (${said})`;
}

/** What went wrong in a login's error, in a few words, without what it means for the request. */
function summaryOf(error: unknown): string {
  if (error instanceof WwtApiError) return `WWT.world answered ${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ""}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\w+: /, "").replace(/; (it|not) .*$/, "");
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}

/** Joins problems for a message, keeping it readable however many there are. */
function listed(problems: Array<{ path?: string; message: string }>, shown = 5): string {
  const list = problems
    .slice(0, shown)
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join("; ");
  return problems.length > shown ? `${list}; and ${problems.length - shown} more` : list;
}

const mayHaveBeen = "it may have been processed";
