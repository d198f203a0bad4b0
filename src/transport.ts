// The `fetch` that openapi-fetch calls, under its middleware: each attempt bounded in time
// (`timeoutMs`, the whole answer read included) and in size (`maxResponseBytes`, counted
// decoded, while it streams in), the caller's AbortSignal, no redirect ever followed, typed
// errors for every failure without a usable answer, and the opt-in retry of single sends
// that carry a `phone.reference_id`.
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
  fetch: typeof fetch;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: Required<RetryOptions> | undefined;
  /** The operationId of a request, as errors name it. */
  operationOf(request: Request): string;
  /** Removes every secret from a text an error shows (a redirect's Location). */
  redact(text: string): string;
}

export type Transport = (request: Request) => Promise<Response>;

const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * The request handed to the fetch, which reads as its URL when turned into a string. A fetch
 * from another copy of undici (the npm package `undici`, not Node's own) does not take it for
 * a Request of its own and reads its first argument as a URL; it then builds the request from
 * that URL and `init`, which carries everything else.
 */
class OutgoingRequest extends Request {
  override toString(): string {
    return this.url;
  }
}

export function createTransport({ fetch, timeoutMs, maxResponseBytes, retry, operationOf, redact }: TransportOptions): Transport {
  // Each request's body, read once and passed as bytes to every attempt's fetch. The request
  // is then never sent itself, so it needs no clone (a costly tee of its body stream) to stay
  // sendable for a retry.
  const bodies = new WeakMap<Request, ArrayBuffer>();

  async function bodyOf(request: Request): Promise<ArrayBuffer | null> {
    let body = bodies.get(request);
    if (body === undefined && request.body !== null) {
      body = await request.arrayBuffer();
      bodies.set(request, body);
    }
    return body ?? null;
  }

  async function attempt(request: Request, operation: string, repeat: number): Promise<Response> {
    // An earlier attempt may have been processed; before the first, nothing was sent.
    if (request.signal.aborted) throw new WwtAbortError(operation, repeat > 0);
    // One controller per attempt, aborted by the timer, by the caller's signal, or to drop an
    // answer that is not read to its end.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const callerAborted = () => controller.abort();
    request.signal.addEventListener("abort", callerAborted);
    try {
      // The fetch gets an unread copy of the request, and `init` repeats all of it, for a
      // fetch that reads only its first argument as much as for one that reads only a URL.
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        body: await bodyOf(request),
        signal: controller.signal,
        redirect: "manual",
      };
      const outgoing = new OutgoingRequest(request, init);
      const response = await fetch(outgoing, init);
      const redirect = redirectOf(outgoing, response, operation, redact);
      if (redirect) throw redirect;
      return answerOf(response, await readAtMost(response, maxResponseBytes, operation));
    } catch (error) {
      controller.abort(); // closes the connection of an answer left unread
      if (error instanceof WwtError) throw error;
      if (request.signal.aborted) throw new WwtAbortError(operation, true);
      if (timedOut) throw new WwtTimeoutError(operation, timeoutMs);
      throw new WwtNetworkError(operation, error);
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", callerAborted);
    }
  }

  /** How often `request` may be repeated; asked only after a failure, when its body is read. */
  const repeatsOf = (request: Request) => (retry && carriesReferenceId(request, bodies.get(request)) ? retry.retries : 0);

  return async function send(request: Request): Promise<Response> {
    const operation = operationOf(request);
    for (let repeat = 0; ; repeat++) {
      try {
        return await attempt(request, operation, repeat);
      } catch (error) {
        const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
        if (!retry || !transient || repeat >= repeatsOf(request)) throw error;
        await sleep(Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** repeat), request.signal, operation);
      }
    }
  };
}

/**
 * A redirect in place of an answer: a 3xx (or a browser's opaque redirect) left unfollowed
 * as asked, or one the fetch followed anyway, which shows in `redirected` or in an answer
 * from another origin. Its answer is never used: it came from elsewhere.
 */
function redirectOf(outgoing: Request, response: Response, operation: string, redact: (text: string) => string): WwtRedirectError | undefined {
  if (response.redirected || (response.url !== "" && !sameOrigin(response.url, outgoing.url))) {
    return new WwtRedirectError(operation, 0, shownLocation(response.url, outgoing.url, redact), true);
  }
  if (response.type !== "opaqueredirect" && (response.status < 300 || response.status > 399)) return undefined;
  return new WwtRedirectError(operation, response.status, shownLocation(response.headers.get("location"), outgoing.url, redact), false);
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
async function readAtMost(response: Response, limit: number, operation: string): Promise<BodyInit | null> {
  if (response.body === null) return null;
  const tooLarge = () => new WwtResponseTooLargeError(operation, response.status, limit);
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
  return chunks.length === 1 ? chunks[0] : new Blob(chunks);
}

/** The answer, its body read; it keeps the URL it came from, which a Response built here lacks. */
function answerOf(response: Response, body: BodyInit | null): Response {
  const { status, statusText, headers, url } = response;
  const answer = new Response(nullBodyStatuses.has(status) ? null : body, { status, statusText, headers });
  Object.defineProperty(answer, "url", { value: url, enumerable: true });
  return answer;
}

/**
 * Only a single send with a `phone.reference_id` may be repeated: the platform refuses a
 * second message with the same reference_id, so a repeat can never deliver (or bill) twice.
 */
function carriesReferenceId(request: Request, body: ArrayBuffer | undefined): boolean {
  if (request.method !== "POST" || body === undefined) return false;
  try {
    const sent = JSON.parse(new TextDecoder().decode(body));
    return typeof sent?.phone?.reference_id === "string" && sent.phone.reference_id !== "";
  } catch {
    return false;
  }
}

/** Waits before a repeat, unless the caller aborts meanwhile (an earlier attempt may have been processed). */
function sleep(ms: number, signal: AbortSignal, operation: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new WwtAbortError(operation, true));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal.aborted) aborted();
    else signal.addEventListener("abort", aborted, { once: true });
  });
}
