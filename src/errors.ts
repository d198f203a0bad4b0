// Every error the client throws: one base class, one subclass per kind of failure, each
// with the fields a caller branches on and a message a person can act on. No error holds
// the API key or the token: messages, bodies and headers are redacted, requests are never
// attached.

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

/** Base class of every error wwt-rcs throws. */
export class WwtError extends Error {
  override name = "WwtError";
  /**
   * True when the request may have reached the platform and been processed although the
   * call failed (timeouts, dropped connections, 5xx, unreadable answers). Check the
   * message's status before sending again, or send with `phone.reference_id`. False when
   * the platform certainly did not process it: nothing was sent, or its answer says so.
   */
  readonly outcomeUnknown: boolean = false;
  /**
   * The operationId of the call that failed (`sendRcsMessage`, `sendRcsCampaignToGroups`,
   * `login`, `refreshToken`); undefined only for errors outside any call (the options of
   * `createRcsClient`, a callback payload).
   */
  readonly operation: string | undefined;

  constructor(message: string, operation?: string, cause?: unknown) {
    super(operation === undefined ? message : `${operation}: ${message}`, cause === undefined ? undefined : { cause });
    this.operation = operation;
  }
}

/**
 * The client was set up or called wrongly (a bad `baseUrl`, a missing or malformed key, a
 * bad option); nothing was sent.
 */
export class WwtConfigurationError extends WwtError {
  override name = "WwtConfigurationError";
  constructor(message: string, operation?: string) {
    super(message, operation);
  }
}

/** The request body broke the API's rules, or could not be read or written as JSON; it was not sent. */
export class WwtRequestValidationError extends WwtError {
  override name = "WwtRequestValidationError";
  declare readonly operation: string;
  constructor(
    operation: string,
    /** Every problem found, in the order of the body. */
    readonly issues: ValidationIssue[],
  ) {
    super(`the request body is invalid, so nothing was sent. ${summarize(issues.map((i) => `${i.path}: ${i.message}`))}`, operation);
  }
}

/** A callback payload (a status change or a click POSTed to your endpoint) broke the spec. */
export class WwtCallbackValidationError extends WwtError {
  override name = "WwtCallbackValidationError";
  constructor(
    /** Every problem found, e.g. `{ path: "status", message: "must be one of …" }`. */
    readonly issues: ValidationIssue[],
  ) {
    super(`The callback payload is invalid. ${summarize(issues.map((i) => `${i.path}: ${i.message}`))}`);
  }
}

/** What the platform answered, for the errors built from an HTTP response (every secret redacted). */
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

/** The platform answered, but not with a usable success. */
export class WwtApiError extends WwtError {
  override name = "WwtApiError";
  declare readonly operation: string;
  readonly status: number;
  /** The answer's headers (read `Retry-After` here), with any secret redacted. */
  readonly headers: Headers;
  readonly body: unknown;
  /** The platform's own `message`, when its body has one. */
  readonly serverMessage: string | undefined;
  /** Per-field problems, from either shape of the platform's `errors`. */
  readonly fieldErrors: FieldError[];

  constructor(answer: ApiAnswer, advice?: string) {
    const fields = summarize(answer.fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)));
    super(`${answered(answer)}.` + (fields ? ` ${fields}` : "") + (advice ? ` ${advice}` : ""), answer.operation);
    this.status = answer.status;
    this.headers = answer.headers;
    this.body = answer.body;
    this.serverMessage = messageOf(answer.body);
    this.fieldErrors = answer.fieldErrors;
  }
}

/** 401: the API key or the token was refused. The request was not processed. */
export class WwtAuthenticationError extends WwtApiError {
  override name = "WwtAuthenticationError";
  constructor(answer: ApiAnswer) {
    super(answer, "The request was not processed. Check the API key, or log in again if you passed a token yourself.");
  }
}

/** 429: the platform has already received this same request and is processing the first copy. */
export class WwtDuplicateRequestError extends WwtApiError {
  override name = "WwtDuplicateRequestError";
  constructor(answer: ApiAnswer) {
    super(
      answer,
      "The platform saw this same request already and is processing that first copy. Do not send it again; " +
        "follow the message's status instead.",
    );
  }
}

/** 5xx: the platform or a proxy failed; whether the request was processed is unknown. */
export class WwtServerError extends WwtApiError {
  override name = "WwtServerError";
  override readonly outcomeUnknown = true;
  constructor(answer: ApiAnswer) {
    super(answer, `The request may or may not have been processed. ${checkBeforeRepeating}`);
  }
}

/** A 2xx answer whose body is not the documented JSON; the request was probably processed. */
export class WwtInvalidResponseError extends WwtApiError {
  override name = "WwtInvalidResponseError";
  override readonly outcomeUnknown = true;
  constructor(
    answer: ApiAnswer,
    /** What is wrong with the answer, e.g. `It holds no \`data\` object`. */
    readonly problem: string,
  ) {
    super(answer, `${problem}. The request was probably accepted: check its outcome before sending it again.`);
  }
}

/**
 * The answer was a redirect (3xx). The client never follows one: the request, the API key,
 * the token and the body went to the configured `baseUrl` only. A 307 or 308 says the request
 * was not processed there; any other redirect (a 303 in particular) can come after it was.
 * Also thrown when a `fetch` you passed followed a redirect although asked not to (its answer
 * is not used, and what it sent where it was redirected is unknown).
 */
export class WwtRedirectError extends WwtError {
  override name = "WwtRedirectError";
  declare readonly operation: string;
  override readonly outcomeUnknown: boolean;

  constructor(
    operation: string,
    /** The redirect's status; 0 for a browser's opaque redirect, which hides it. */
    readonly status: number,
    /** Where it pointed, as origin and path only (the query may hold secrets); undefined if unknown. */
    readonly location: string | undefined,
    /** True when the fetch followed the redirect itself, despite `redirect: "manual"`. */
    readonly followed: boolean,
  ) {
    const to = location ? `to ${location}` : "without a readable Location";
    const notProcessed = !followed && (status === 307 || status === 308);
    super(
      followed
        ? `the fetch passed to the client followed a redirect ${to}, although the client asked it not to ` +
            '(redirect: "manual"); its answer was not used. The request, with its credentials and body, may have ' +
            `been sent there and processed. Use a fetch that honours redirect: "manual". ${checkBeforeRepeating}`
        : `WWT.world answered ${status || "with"} a redirect ${to}. The client does not follow redirects, so nothing ` +
            "was sent there and your credentials stayed with baseUrl. " +
            (notProcessed
              ? `A ${status} means the request was not processed at this URL: check baseUrl.`
              : `A redirect can come after the request was processed. ${checkBeforeRepeating}`),
      operation,
    );
    this.outcomeUnknown = !notProcessed;
  }
}

/**
 * The request was sent but no complete answer came back to be used, so it may have been
 * processed: the common ground of the three errors below.
 */
abstract class WwtUnansweredError extends WwtError {
  declare readonly operation: string;
  override readonly outcomeUnknown = true;
  constructor(operation: string, what: string, cause?: unknown) {
    super(`${what} The request may or may not have been processed. ${checkBeforeRepeating}`, operation, cause);
  }
}

/** The answer was larger than `maxResponseBytes` (counted decoded); it was cut off unread. */
export class WwtResponseTooLargeError extends WwtUnansweredError {
  override name = "WwtResponseTooLargeError";
  constructor(
    operation: string,
    readonly status: number,
    readonly maxResponseBytes: number,
  ) {
    super(operation, `WWT.world answered ${status} with a body larger than maxResponseBytes (${maxResponseBytes} bytes), so it was not read to the end.`);
  }
}

/** No complete answer arrived within `timeoutMs`. */
export class WwtTimeoutError extends WwtUnansweredError {
  override name = "WwtTimeoutError";
  constructor(
    operation: string,
    readonly timeoutMs: number,
  ) {
    super(operation, `no complete answer from WWT.world within ${timeoutMs} ms.`);
  }
}

/** The connection failed or broke before a complete answer arrived. */
export class WwtNetworkError extends WwtUnansweredError {
  override name = "WwtNetworkError";
  constructor(operation: string, cause: unknown) {
    super(operation, `the connection to WWT.world failed (${describeCause(cause)}).`, cause);
  }
}

/** The caller aborted the call through its own AbortSignal. */
export class WwtAbortError extends WwtError {
  override name = "WwtAbortError";
  declare readonly operation: string;
  override readonly outcomeUnknown: boolean;
  /** `sent`: whether the request had already been sent (then it may have been processed). */
  constructor(operation: string, sent: boolean) {
    super(
      sent
        ? "aborted by the caller after the request was sent; it may have been processed."
        : "aborted by the caller before the request was sent; nothing was sent.",
      operation,
    );
    this.outcomeUnknown = sent;
  }
}

/**
 * Logging in (or renewing the token) failed, so the request was NOT sent. `cause` is the
 * login's own error (a `WwtAuthenticationError` for a refused API key, a `WwtTimeoutError`, …);
 * `status` and `body` are its answer's, when it had one.
 */
export class WwtLoginError extends WwtError {
  override name = "WwtLoginError";
  declare readonly operation: string;
  /** The login's HTTP status, when it got an answer. */
  readonly status: number | undefined;
  /** The login's answer, when it got one (redacted). */
  readonly body: unknown;

  constructor(operation: string, cause: unknown) {
    const refused = cause instanceof WwtApiError && (cause.status === 401 || cause.status === 422);
    super(
      `logging in to WWT.world failed (${summaryOf(cause)}), so the request was NOT sent. ` +
        (refused ? "Check the API key." : "It can be sent again once logging in works."),
      operation,
      cause,
    );
    this.status = cause instanceof WwtApiError || cause instanceof WwtRedirectError ? cause.status : undefined;
    this.body = cause instanceof WwtApiError ? cause.body : undefined;
  }
}

/** The error for an answer with an error status, of the kind its status says. */
export function apiErrorOf(answer: ApiAnswer): WwtApiError {
  if (answer.status === 401) return new WwtAuthenticationError(answer);
  if (answer.status === 429) return new WwtDuplicateRequestError(answer);
  if (answer.status >= 500) return new WwtServerError(answer);
  return new WwtApiError(answer);
}

const checkBeforeRepeating = "Check before sending it again (a send with phone.reference_id can be repeated safely).";

/** `WWT.world answered 401 Unauthorized (Unauthenticated.)`, for messages. */
function answered({ status, statusText, body }: ApiAnswer): string {
  const said = messageOf(body) ?? (typeof body === "string" && body.trim() ? "the body is not JSON" : "no message");
  return `WWT.world answered ${status}${statusText ? ` ${statusText}` : ""} (${said})`;
}

/** What went wrong in `error`, in a few words, without its advice. */
function summaryOf(error: unknown): string {
  if (error instanceof WwtInvalidResponseError) return `WWT.world answered ${error.status}: ${error.problem}`;
  if (error instanceof WwtApiError) return `WWT.world answered ${error.status}${error.serverMessage ? `: ${error.serverMessage}` : ""}`;
  if (error instanceof WwtTimeoutError) return `no complete answer within ${error.timeoutMs} ms`;
  if (error instanceof WwtNetworkError) return `the connection failed: ${describeCause(error.cause)}`;
  if (error instanceof WwtRedirectError) return `a redirect${error.location ? ` to ${error.location}` : ""}, not followed`;
  if (error instanceof WwtResponseTooLargeError) return `an answer larger than ${error.maxResponseBytes} bytes`;
  return error instanceof Error ? error.message : String(error);
}

function messageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === "string" && message !== "" ? message : undefined;
}

function describeCause(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = typeof inner?.code === "string" ? inner.code : typeof inner?.message === "string" ? inner.message : "";
  const message = cause instanceof Error ? cause.message : String(cause);
  return detail ? `${message}: ${detail}` : message;
}

/** Joins problems for a message, keeping it readable however many there are. */
function summarize(problems: string[], shown = 5): string {
  if (problems.length === 0) return "";
  const listed = problems.slice(0, shown).join("; ");
  return problems.length > shown ? `${listed}; and ${problems.length - shown} more` : listed;
}
