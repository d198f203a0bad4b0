// Every error the client throws: one base class, one subclass per kind of failure, each
// with the fields a caller branches on and a message a person can act on. No error holds
// the API key or the token: messages and bodies are scrubbed, requests are never attached.

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
   * message's status before sending again, or send with `phone.reference_id`.
   */
  readonly outcomeUnknown: boolean = false;
}

/**
 * The client was set up or called wrongly (a bad `baseUrl`, a missing or malformed key, a send
 * option of the wrong type); nothing was sent.
 */
export class WwtConfigurationError extends WwtError {
  override name = "WwtConfigurationError";
}

/** The request body broke the API's rules; it was not sent. */
export class RequestValidationError extends WwtError {
  override name = "RequestValidationError";
  constructor(
    /** The operation whose body was refused, e.g. `sendRcsMessage`. */
    readonly operation: string,
    /** Every problem found, in the order of the body. */
    readonly issues: ValidationIssue[],
  ) {
    super(`${operation}: the request body is invalid, so nothing was sent. ${summarize(issues.map((i) => `${i.path}: ${i.message}`))}`);
  }
}

/** A callback payload (a status change or a click POSTed to your endpoint) broke the spec. */
export class CallbackValidationError extends WwtError {
  override name = "CallbackValidationError";
  constructor(
    /** Every problem found, e.g. `{ path: "status", message: "must be one of …" }`. */
    readonly issues: ValidationIssue[],
  ) {
    super(`The callback payload is invalid. ${summarize(issues.map((i) => `${i.path}: ${i.message}`))}`);
  }
}

/** What the platform answered, for the errors built from an HTTP response. */
export interface ApiAnswer {
  status: number;
  statusText: string;
  /** The parsed JSON body, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
  fieldErrors: FieldError[];
  operation: string;
}

/** The platform answered, but not with a usable success. */
export class WwtApiError extends WwtError {
  override name = "WwtApiError";
  readonly status: number;
  readonly body: unknown;
  /** The platform's own `message`, when its body has one. */
  readonly serverMessage: string | undefined;
  /** Per-field problems, from either shape of the platform's `errors`. */
  readonly fieldErrors: FieldError[];
  readonly operation: string;

  constructor(answer: ApiAnswer, advice?: string) {
    const serverMessage = messageOf(answer.body);
    const said = serverMessage ?? (typeof answer.body === "string" && answer.body.trim() ? "the body is not JSON" : "no message");
    const fields = summarize(answer.fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)));
    super(
      `${answer.operation}: WWT.world answered ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ""} (${said}).` +
        (fields ? ` ${fields}` : "") +
        (advice ? ` ${advice}` : ""),
    );
    this.status = answer.status;
    this.body = answer.body;
    this.serverMessage = serverMessage;
    this.fieldErrors = answer.fieldErrors;
    this.operation = answer.operation;
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
    super(
      answer,
      "The request may or may not have been processed. Check before sending it again; a send with " +
        "phone.reference_id can be repeated safely.",
    );
  }
}

/** A 2xx answer whose body is not the documented JSON; the request was probably processed. */
export class WwtInvalidResponseError extends WwtApiError {
  override name = "WwtInvalidResponseError";
  override readonly outcomeUnknown = true;
  constructor(answer: ApiAnswer, problem: string) {
    super(
      answer,
      `${problem}. The request was probably accepted: check its outcome before sending it again.`,
    );
  }
}

/** No answer arrived within `timeoutMs`. */
export class WwtTimeoutError extends WwtError {
  override name = "WwtTimeoutError";
  override readonly outcomeUnknown = true;
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(
      `${operation}: no answer from WWT.world within ${timeoutMs} ms. The request may or may not have been ` +
        "processed: check before sending it again (a send with phone.reference_id can be repeated safely).",
    );
  }
}

/** The connection failed or broke before a complete answer arrived. */
export class WwtNetworkError extends WwtError {
  override name = "WwtNetworkError";
  override readonly outcomeUnknown = true;
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      `${operation}: the connection to WWT.world failed (${describeCause(cause)}). The request may or may not have ` +
        "been processed: check before sending it again (a send with phone.reference_id can be repeated safely).",
      { cause },
    );
  }
}

/** The caller aborted the request through its own AbortSignal. */
export class WwtAbortError extends WwtError {
  override name = "WwtAbortError";
  override readonly outcomeUnknown = true;
  constructor(readonly operation: string) {
    super(`${operation}: aborted by the caller. If it had already been sent, it may have been processed.`);
  }
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
