// Steps 5 and 6 of every call: the answer becomes the operation's result, or a typed error.
// An error status becomes the WwtApiError of its kind; a success must be JSON holding what the
// operation's success holds (a `data` object or list, or a `bearer` token), or it is a
// WwtInvalidResponseError. Whatever an answer echoes of a secret is redacted first.
import { isObject } from "./copy.js";
import { apiErrorOf, WwtInvalidResponseError, type ApiAnswer, type FieldError } from "./errors.js";
import type { Answer } from "./exchange.js";
import type { Redactor } from "./redaction.js";

/** What the body of an operation's success must hold. */
export type Success = "object" | "array" | "token";

const decoder = new TextDecoder();
/** Longer than any header a server takes: a token this long could never be sent back. */
const longestToken = 16 * 1024;

/**
 * The parsed body of a successful answer (for a token operation, the token itself, trimmed,
 * with the answer's `Date`); throws the typed error of any other answer.
 */
export function readAnswer(operation: string, answer: Answer, success: Success, redactor: Redactor): unknown {
  const text = answer.bytes?.length ? decoder.decode(answer.bytes) : undefined;
  const invalid = (problem: string, body: unknown) => new WwtInvalidResponseError({ answer: apiAnswer(operation, answer, body, redactor), problem });
  if (answer.status < 200 || answer.status > 299) throw apiErrorOf(apiAnswer(operation, answer, parsedOrText(text), redactor));
  let body: unknown;
  try {
    body = JSON.parse(text ?? "");
  } catch {
    throw invalid("its body is not JSON", text);
  }
  if (success === "token") {
    const bearer = (body as { bearer?: unknown } | null)?.bearer;
    // Trimmed, as the Headers API trims it when it is sent: the token the platform refuses later
    // is then recognised as this one.
    const token = typeof bearer === "string" ? bearer.trim() : "";
    if (token === "") throw invalid("it holds no `bearer` token", body);
    // A secret from here on, even when unusable: the error below must not show it either.
    redactor.remember(token);
    if (!isSendableToken(token)) throw invalid("its `bearer` token cannot be sent in an Authorization header", body);
    return { token, date: answer.headers.get("date") };
  }
  const data = (body as { data?: unknown } | null)?.data;
  const fits = success === "array" ? Array.isArray(data) : isObject(data);
  if (!fits) throw invalid(`it holds no \`data\` ${success === "array" ? "list" : "object"}`, body);
  return body;
}

/**
 * Whether `token` can travel as `Authorization: Bearer <token>`: a token with a line break (or
 * a character beyond Latin-1) would make the Headers API throw an error quoting it, and one of
 * many kilobytes would be refused by any server.
 */
export function isSendableToken(token: string): boolean {
  if (token.length > longestToken) return false;
  try {
    new Headers({ Authorization: `Bearer ${token}` });
    return true;
  } catch {
    return false;
  }
}

/** What the platform answered, with every secret it may have echoed (body, reason phrase, headers) redacted. */
function apiAnswer(operation: string, answer: Answer, body: unknown, redactor: Redactor): ApiAnswer {
  const clean = redactor.value(body);
  return {
    operation,
    status: answer.status,
    statusText: redactor.text(answer.statusText),
    headers: redactor.headers(answer.headers),
    body: clean,
    fieldErrors: fieldErrorsOf(clean),
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

/** Both documented shapes of `errors`: a list of messages, or messages per field. */
function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors)) return errors.map((message) => ({ message: shown(message) }));
  if (typeof errors !== "object" || errors === null) return [];
  return Object.entries(errors).flatMap(([field, messages]) =>
    (Array.isArray(messages) ? messages : [messages]).map((message) => ({ field, message: shown(message) })),
  );
}

/** A message as text: the platform sends strings; anything else is shown as JSON if it can be. */
function shown(message: unknown): string {
  if (typeof message === "string") return message;
  try {
    return JSON.stringify(message) ?? String(message);
  } catch {
    return "(too deeply nested to show)";
  }
}
