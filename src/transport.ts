// The `fetch` that openapi-fetch calls, under its middleware: a timeout per attempt, the
// caller's AbortSignal, typed errors for failures without an answer, and the opt-in retry
// of single sends that carry a `phone.reference_id`.
import { WwtAbortError, WwtError, WwtNetworkError, WwtTimeoutError } from "./errors.js";

export interface RetryOptions {
  /** How many times a send may be repeated after a network failure or timeout. Default 2. */
  retries?: number;
  /** Delay before the first repeat, doubled for each further one. Default 250 ms. */
  initialDelayMs?: number;
  /** Cap on the delay between repeats. Default 2000 ms. */
  maxDelayMs?: number;
}

export interface TransportOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  retry: RetryOptions | undefined;
}

export type Transport = (request: Request) => Promise<Response>;

const nullBodyStatuses = new Set([101, 204, 205, 304]);

export function createTransport({ fetch, timeoutMs, retry }: TransportOptions): Transport {
  const retries = retry?.retries ?? 2;
  const initialDelayMs = retry?.initialDelayMs ?? 250;
  const maxDelayMs = retry?.maxDelayMs ?? 2000;
  // Each request's body, read once and passed as bytes to every attempt's fetch. The request
  // is then never sent itself, so it needs no clone (a costly tee of its body stream) to stay
  // sendable for a retry, or for the auth middleware's replay after a 401 (same request).
  const bodies = new WeakMap<Request, ArrayBuffer>();

  async function bodyOf(request: Request): Promise<ArrayBuffer | null> {
    let body = bodies.get(request);
    if (body === undefined && request.body !== null) {
      body = await request.arrayBuffer();
      bodies.set(request, body);
    }
    return body ?? null;
  }

  async function attempt(request: Request): Promise<Response> {
    // One controller per attempt, aborted by the timer or by the caller's signal.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const callerAborted = () => controller.abort();
    if (request.signal.aborted) callerAborted();
    else request.signal.addEventListener("abort", callerAborted);
    try {
      // The fetch gets an unread copy of the request, with the body bytes and this attempt's
      // signal, for a fetch that reads only its first argument. `init` repeats both, so that a
      // standard fetch builds its request from the bytes instead of piping the copy's stream.
      const init = { body: await bodyOf(request), signal: controller.signal };
      const response = await fetch(new Request(request, init), init);
      // Read the whole answer under the same timeout: a body that stalls is no answer either.
      const answer = await response.arrayBuffer();
      return new Response(nullBodyStatuses.has(response.status) ? null : answer, response);
    } catch (error) {
      if (error instanceof WwtError) throw error;
      if (request.signal.aborted) throw new WwtAbortError(described(request));
      if (timedOut) throw new WwtTimeoutError(described(request), timeoutMs);
      throw new WwtNetworkError(described(request), error);
    } finally {
      clearTimeout(timer);
      request.signal.removeEventListener("abort", callerAborted);
    }
  }

  /** How often `request` may be repeated; asked only after a failure, when its body is read. */
  const repeatsOf = (request: Request) => (retry && carriesReferenceId(request, bodies.get(request)) ? retries : 0);

  return async function send(request: Request): Promise<Response> {
    for (let repeat = 0; ; repeat++) {
      try {
        return await attempt(request);
      } catch (error) {
        const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
        if (!transient || repeat >= repeatsOf(request)) throw error;
        await sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** repeat), request);
      }
    }
  };
}

/** The request as errors name it, e.g. `POST /api/messages/rcs/send`. */
function described(request: Request): string {
  return `${request.method} ${new URL(request.url).pathname}`;
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

/** Waits before a repeat, unless the caller aborts the request meanwhile. */
function sleep(ms: number, request: Request): Promise<void> {
  const { signal } = request;
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new WwtAbortError(described(request)));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal.aborted) aborted();
    else signal.addEventListener("abort", aborted, { once: true });
  });
}
