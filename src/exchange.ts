// Step 4 of every call: one HTTP exchange, bounded by our own code whatever the fetch does.
// Each exchange has a deadline (`timeoutMs`, the whole answer read included) and listens to
// the caller's AbortSignal; every wait — for the fetch, for each chunk of the answer — races
// both, so a fetch that ignores its signal, never answers, or stalls after the headers still
// ends on time, and whatever it does later is dropped. The answer is read as it arrives and
// given up past `maxResponseBytes` (counted decoded). No redirect is ever followed.
import { WwtAbortError, WwtError, WwtNetworkError, WwtRedirectError, WwtResponseTooLargeError, WwtTimeoutError } from "./errors.js";
import { discard, readAtMost } from "./bounded-read.js";
import type { Redactor } from "./redaction.js";
import { whenAborted } from "./signals.js";

/** An exchange's time limit and the caller's abort, which every wait of the exchange races. */
export interface Deadline {
  /** Aborted when the exchange is given up: the fetch's own signal. */
  readonly signal: AbortSignal;
  /** Rejects with the error that ends the exchange: a WwtTimeoutError or a WwtAbortError. */
  readonly stopped: Promise<never>;
  /** Records that the request was handed to the fetch: an abort from now on may come after it was processed. */
  sent(): void;
  /** Ends the deadline: its timer and its listener on the caller's signal. */
  end(): void;
}

/** Starts the deadline of one exchange of `operation`. */
export function startDeadline(operation: string, timeoutMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let sent = false;
  let stop!: (error: WwtError) => void;
  const stopped = new Promise<never>((_, reject) => {
    // Only the first stop counts: aborting or rejecting once more does nothing.
    stop = (error) => {
      controller.abort();
      reject(error);
    };
  });
  stopped.catch(() => undefined);
  const timer = setTimeout(() => stop(new WwtTimeoutError({ operation, timeoutMs })), timeoutMs);
  const abort = () => stop(new WwtAbortError({ operation, sent }));
  const stopListening = whenAborted(callerSignal, abort);
  if (callerSignal?.aborted) abort();
  return {
    signal: controller.signal,
    stopped,
    sent: () => void (sent = true),
    end() {
      clearTimeout(timer);
      stopListening();
    },
  };
}

/**
 * A request as the exchange sends it: its method, headers and body, and any further RequestInit
 * members a call through `rcs.api` set (`keepalive`, `credentials`, …). The signal and the
 * redirect mode are the exchange's own.
 */
export interface Outgoing extends Omit<RequestInit, "signal" | "redirect"> {
  method: string;
  headers: Headers | Record<string, string>;
  body: string | ArrayBuffer | null;
}

/** An answer read whole. */
export interface Answer {
  status: number;
  statusText: string;
  headers: Headers;
  /** The URL that answered, as the fetch says; "" when it does not say. */
  url: string;
  /** The body, at most `maxResponseBytes`; null when the answer had none. */
  bytes: Uint8Array<ArrayBuffer> | null;
}

export type Exchange = (operation: string, url: string, outgoing: Outgoing, deadline: Deadline, maxResponseBytes: number) => Promise<Answer>;

/**
 * The request a fetch you passed receives, which reads as its URL when turned into a string. A
 * fetch from another copy of undici (the npm package `undici`, not Node's own) does not take it
 * for a Request of its own and reads its first argument as a URL; it then builds the request
 * from that URL and `init`, which carries everything else.
 */
class OutgoingRequest extends Request {
  override toString(): string {
    return this.url;
  }
}

/**
 * The exchange of a client. The global fetch is called as a hand-written call would be, with the
 * URL and `init`; a fetch you passed gets a standard Request as well, and `init` repeats all of
 * it, for a fetch that reads only its first argument as much as for one that reads only a URL.
 */
export function createExchange(fetch: typeof globalThis.fetch | undefined, redactor: Redactor): Exchange {
  const send: (url: string, init: RequestInit) => Promise<Response> =
    fetch === undefined ? (url, init) => globalThis.fetch(url, init) : (url, init) => fetch(new OutgoingRequest(url, init), init);

  return async (operation, url, outgoing, deadline, maxResponseBytes) => {
    try {
      deadline.sent();
      const pending = send(url, { ...outgoing, signal: deadline.signal, redirect: "manual" });
      // An answer that comes after the exchange was given up is dropped unread.
      pending.then(
        (late) => {
          if (deadline.signal.aborted) discard(late);
        },
        () => undefined,
      );
      const response = await Promise.race([pending, deadline.stopped]);
      refuseRedirect(operation, url, response, redactor);
      return answerOf(response, await readBody(response, operation, maxResponseBytes, deadline));
    } catch (error) {
      if (error instanceof WwtError) throw error;
      // A fetch that honours the signal rejects when the deadline stops it: the deadline's error says why.
      if (deadline.signal.aborted) await deadline.stopped;
      throw new WwtNetworkError({ operation, reason: redactor.text(describe(error)), cause: redactor.error(error) });
    }
  };
}

/** The answer of `response`, with its body as read. */
export function answerOf({ status, statusText, headers, url }: Response, bytes: Uint8Array<ArrayBuffer> | null): Answer {
  return { status, statusText, headers, url, bytes };
}

/**
 * The body of `response`, read as it streams in, given up as soon as it passes
 * `maxResponseBytes` (those the fetch yields, after it decoded any gzip, deflate or br) or when
 * the deadline stops; null when the answer has no body.
 */
export async function readBody(response: Response, operation: string, maxResponseBytes: number, deadline: Deadline): Promise<Uint8Array<ArrayBuffer> | null> {
  const tooLarge = () => new WwtResponseTooLargeError({ operation, status: response.status, maxResponseBytes });
  if (response.body === null) return null;
  // Content-Length counts the bytes sent, which are the bytes read only when nothing decodes them.
  const identity = (response.headers.get("content-encoding") ?? "identity") === "identity";
  if (identity && Number(response.headers.get("content-length")) > maxResponseBytes) {
    discard(response);
    throw tooLarge();
  }
  return readAtMost(response.body, maxResponseBytes, deadline.stopped, tooLarge);
}

/**
 * Throws if a redirect came in place of an answer: a 3xx (or a browser's opaque redirect) left
 * unfollowed as asked, or one the fetch followed anyway, which shows in `redirected` or in an
 * answer from another origin. Its answer is never used: it came from elsewhere.
 */
function refuseRedirect(operation: string, sentTo: string, response: Response, redactor: Redactor): void {
  const { redirected, url, status } = response;
  // `sentTo` parses: the fetch took it.
  const followed = redirected || (url !== "" && url !== sentTo && parsed(url)?.origin !== new URL(sentTo).origin);
  if (!followed && response.type !== "opaqueredirect" && (status < 300 || status > 399)) return;
  discard(response);
  const location = shownLocation(followed ? url : response.headers.get("location"), sentTo, redactor);
  throw new WwtRedirectError({ operation, status: followed ? 0 : status, location, followed });
}

/** `text` as a URL, relative to `base` if given; undefined when it is not one. */
function parsed(text: string, base?: string): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

/** A redirect's target as an error may show it: origin and path, without the query or fragment that may hold secrets. */
function shownLocation(location: string | null, base: string, redactor: Redactor): string | undefined {
  const url = location ? parsed(location, base) : undefined;
  if (!url) return undefined;
  const path = url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
  return redactor.text(url.origin === "null" ? url.protocol : `${url.origin}${path}`);
}

/** What a failed fetch said, with the code or message of its own cause (undici hides the reason there). */
function describe(error: unknown): string {
  const inner = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const detail = [inner?.code, inner?.message].find((said) => typeof said === "string");
  const message = error instanceof Error ? error.message : String(error);
  return detail ? `${message}: ${detail}` : message;
}
