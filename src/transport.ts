// The `fetch` that openapi-fetch calls, under its middleware: each attempt bounded in time
// (`timeoutMs`, the whole answer read included, or a call's own) and in size
// (`maxResponseBytes`, counted decoded, while it streams in), the caller's AbortSignal, no
// redirect ever followed, typed errors for every failure without a usable answer, and the
// opt-in retry of single sends that carry a `phone.reference_id`.
import type { Middleware } from "openapi-fetch";
import { BufferedRequest, BufferedResponse } from "./buffered.js";
import { WwtAbortError, WwtError, WwtNetworkError, WwtRedirectError, WwtResponseTooLargeError, WwtTimeoutError } from "./errors.js";

export interface RetryOptions {
  /** How many times a send may be repeated after a network failure or timeout: 0 to 10. Default 2. */
  retries?: number;
  /** Delay before the first repeat, doubled for each further one. Default 250 ms. */
  initialDelayMs?: number;
  /** Cap on the delay between repeats. Default 2000 ms. */
  maxDelayMs?: number;
}

export interface TransportOptions {
  /** The fetch you passed; undefined for the global one. */
  fetch: typeof fetch | undefined;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: Required<RetryOptions> | undefined;
  /** The operationId of a request, as errors name it. */
  operationOf(request: Request): string;
  /** Removes every secret from a text an error shows (a redirect's Location). */
  redact(text: string): string;
}

export interface Transport {
  /** The fetch openapi-fetch calls with each request. */
  fetch(request: Request): Promise<Response>;
  /** Middleware for one call (openapi-fetch's `middleware` option): its exchanges get `timeoutMs` instead of the client's. */
  timeLimit(timeoutMs: number): Middleware;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);

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

export function createTransport({ fetch, timeoutMs, maxResponseBytes, retry, operationOf, redact }: TransportOptions): Transport {
  const timeLimits = new WeakMap<Request, number>();
  // The global fetch is called as a hand-written call would be, with the URL and `init`. A
  // fetch you passed gets a standard Request as well, and `init` repeats all of it, for a
  // fetch that reads only its first argument as much as for one that reads only a URL.
  const exchange: (url: string, init: RequestInit) => Promise<Response> =
    fetch === undefined ? (url, init) => globalThis.fetch(url, init) : (url, init) => fetch(new OutgoingRequest(url, init), init);

  async function attempt(request: BufferedRequest, limitMs: number, repeat: number): Promise<Response> {
    const callerSignal = BufferedRequest.signalOf(request);
    // An earlier attempt may have been processed; before the first, nothing was sent.
    if (callerSignal?.aborted) throw new WwtAbortError(operationOf(request), repeat > 0);
    // One controller per attempt, aborted by the timer, by the caller's signal, or to drop an
    // answer that is not read to its end.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limitMs);
    const callerAborted = () => controller.abort();
    callerSignal?.addEventListener("abort", callerAborted);
    try {
      const init = await BufferedRequest.initOf(request);
      init.signal = controller.signal;
      init.redirect = "manual";
      const response = await exchange(request.url, init);
      const redirect = redirectOf(request, response);
      if (redirect) throw redirect;
      const content = await readAtMost(response, maxResponseBytes, () => new WwtResponseTooLargeError(operationOf(request), response.status, maxResponseBytes));
      return new BufferedResponse(response, nullBodyStatuses.has(response.status) ? null : content);
    } catch (error) {
      controller.abort(); // closes the connection of an answer left unread
      if (error instanceof WwtError) throw error;
      const operation = operationOf(request);
      if (callerSignal?.aborted) throw new WwtAbortError(operation, true);
      if (timedOut) throw new WwtTimeoutError(operation, limitMs);
      throw new WwtNetworkError(operation, error);
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", callerAborted);
    }
  }

  /**
   * A redirect in place of an answer: a 3xx (or a browser's opaque redirect) left unfollowed
   * as asked, or one the fetch followed anyway, which shows in `redirected` or in an answer
   * from another origin. Its answer is never used: it came from elsewhere.
   */
  function redirectOf(request: Request, response: Response): WwtRedirectError | undefined {
    const sentTo = request.url;
    if (response.redirected || (response.url !== "" && response.url !== sentTo && !sameOrigin(response.url, sentTo))) {
      return new WwtRedirectError(operationOf(request), 0, shownLocation(response.url, sentTo, redact), true);
    }
    if (response.type !== "opaqueredirect" && (response.status < 300 || response.status > 399)) return undefined;
    return new WwtRedirectError(operationOf(request), response.status, shownLocation(response.headers.get("location"), sentTo, redact), false);
  }

  /** How often `request` may be repeated; asked only after a failure. */
  const repeatsOf = async (request: BufferedRequest) =>
    retry && request.method === "POST" && carriesReferenceId(await BufferedRequest.contentOf(request)) ? retry.retries : 0;

  return {
    fetch(request) {
      const limitMs = timeLimits.get(request) ?? timeoutMs;
      // A request a middleware built itself is read once here, so that every attempt sends it.
      const buffered = BufferedRequest.from(request);
      const attempted = (repeat: number): Promise<Response> =>
        attempt(buffered, limitMs, repeat).catch(async (error: unknown) => {
          const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
          if (!retry || !transient || repeat >= (await repeatsOf(buffered).catch(() => 0))) throw error;
          const delayMs = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** repeat);
          await sleep(delayMs, BufferedRequest.signalOf(buffered), () => new WwtAbortError(operationOf(request), true));
          return attempted(repeat + 1);
        });
      return attempted(0);
    },
    timeLimit: (limitMs) => ({
      onRequest({ request }) {
        timeLimits.set(request, limitMs);
      },
    }),
  };
}

function sameOrigin(url: string, other: string): boolean {
  try {
    return new URL(url).origin === new URL(other).origin;
  } catch {
    return false;
  }
}

/** A redirect's target as an error may show it: origin and path, without the query or fragment that may hold secrets. */
function shownLocation(location: string | null, base: string, redact: (text: string) => string): string | undefined {
  if (!location) return undefined;
  try {
    const url = new URL(location, base);
    const path = url.pathname.length > 200 ? `${url.pathname.slice(0, 200)}…` : url.pathname;
    return redact(url.origin === "null" ? url.protocol : `${url.origin}${path}`);
  } catch {
    return undefined;
  }
}

/**
 * The whole body, read as it streams in and given up as soon as it exceeds `limit` bytes: the
 * bytes counted are those the fetch yields, after it decoded any gzip, deflate or br.
 */
async function readAtMost(response: Response, limit: number, tooLarge: () => Error): Promise<Uint8Array<ArrayBuffer> | null> {
  if (response.body === null) return null;
  const encoded = (response.headers.get("content-encoding") ?? "identity") !== "identity";
  if (!encoded && Number(response.headers.get("content-length")) > limit) throw tooLarge();
  const reader = response.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return chunks.length === 1 ? chunks[0] : new Uint8Array(await new Blob(chunks).arrayBuffer());
}

/**
 * Only a single send with a `phone.reference_id` may be repeated: the platform refuses a
 * second message with the same reference_id, so a repeat can never deliver (or bill) twice.
 */
function carriesReferenceId(body: string | BufferSource | null): boolean {
  if (body === null) return false;
  try {
    const sent = JSON.parse(typeof body === "string" ? body : new TextDecoder().decode(body));
    return typeof sent?.phone?.reference_id === "string" && sent.phone.reference_id !== "";
  } catch {
    return false;
  }
}

/** Waits before a repeat, unless the caller aborts meanwhile (an earlier attempt may have been processed). */
function sleep(ms: number, signal: AbortSignal | undefined, abortError: () => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal?.aborted) aborted();
    else signal?.addEventListener("abort", aborted, { once: true });
  });
}
