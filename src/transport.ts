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

  async function attempt(request: Request): Promise<Response> {
    const what = `${request.method} ${new URL(request.url).pathname}`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = anySignal(request.signal, timeout.signal);
    try {
      // The request is cloned so that the original stays readable for a replay or a retry.
      const response = await fetch(request.clone(), { signal: signal.signal });
      // Read the whole answer under the same timeout: a body that stalls is no answer either.
      const body = await response.arrayBuffer();
      return new Response(nullBodyStatuses.has(response.status) ? null : body, response);
    } catch (error) {
      if (error instanceof WwtError) throw error;
      if (request.signal.aborted) throw new WwtAbortError(what);
      if (timeout.signal.aborted) throw new WwtTimeoutError(what, timeoutMs);
      throw new WwtNetworkError(what, error);
    } finally {
      clearTimeout(timer);
      signal.release();
    }
  }

  return async function send(request: Request): Promise<Response> {
    const repeats = retry && (await carriesReferenceId(request)) ? retries : 0;
    for (let repeat = 0; ; repeat++) {
      try {
        return await attempt(request);
      } catch (error) {
        const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
        if (!transient || repeat >= repeats) throw error;
        await sleep(Math.min(maxDelayMs, initialDelayMs * 2 ** repeat), request);
      }
    }
  };
}

/**
 * Only a single send with a `phone.reference_id` may be repeated: the platform refuses a
 * second message with the same reference_id, so a repeat can never deliver (or bill) twice.
 */
async function carriesReferenceId(request: Request): Promise<boolean> {
  if (request.method !== "POST" || request.body === null) return false;
  try {
    const body = JSON.parse(await request.clone().text());
    return typeof body?.phone?.reference_id === "string" && body.phone.reference_id !== "";
  } catch {
    return false;
  }
}

/** An AbortSignal that fires when either input fires; `release` detaches it from both. */
function anySignal(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; release(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  if (a.aborted || b.aborted) abort();
  a.addEventListener("abort", abort, { once: true });
  b.addEventListener("abort", abort, { once: true });
  return {
    signal: controller.signal,
    release() {
      a.removeEventListener("abort", abort);
      b.removeEventListener("abort", abort);
    },
  };
}

/** Waits before a repeat, unless the caller aborts the request meanwhile. */
function sleep(ms: number, request: Request): Promise<void> {
  const { signal } = request;
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new WwtAbortError(`${request.method} ${new URL(request.url).pathname}`));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    if (signal.aborted) aborted();
    else signal.addEventListener("abort", aborted, { once: true });
  });
}
