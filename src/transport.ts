// Every HTTP exchange the client makes, the sends' and those through openapi-fetch alike: each
// attempt bounded in time (`timeoutMs`, the whole answer read included, or a call's own) and
// in size (`maxResponseBytes`, counted decoded, while it streams in), the caller's
// AbortSignal, no redirect ever followed, typed errors for every failure without a usable
// answer, and the opt-in retry of single sends that carry a `phone.reference_id`.
import type { Middleware } from "openapi-fetch";
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
  /** The operationId of a request made through openapi-fetch, as errors name it. */
  operationOf(request: Request): string;
  /** Removes every secret from a text an error shows (a redirect's Location). */
  redact(text: string): string;
}

/** A request to send: what a RequestInit holds, its body as text or bytes, and the caller's signal. */
export interface Outgoing extends Omit<RequestInit, "body" | "signal" | "redirect"> {
  method: string;
  body: string | ArrayBuffer | null;
  signal: AbortSignal | undefined;
}

/** An answer read whole. */
export interface Answer {
  /** The fetch's own response, its body read; its status, headers and `url` are as they came. */
  response: Response;
  /** The bytes of the body, at most `maxResponseBytes`; null when it had none. */
  content: Uint8Array<ArrayBuffer> | null;
}

export interface Transport {
  /** Sends `request` to `url` and reads the answer, repeating it as `retry` allows. */
  send(operation: string, url: string, request: Outgoing, timeoutMs?: number): Promise<Answer>;
  /** The fetch openapi-fetch calls with each request: `send`, its answer as a standard Response. */
  fetch(request: Request): Promise<Response>;
  /** Middleware for one call (openapi-fetch's `middleware` option): its exchanges get `timeoutMs` instead of the client's. */
  timeLimit(timeoutMs: number): Middleware;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);
/**
 * What a Request holds besides its method, headers and body, each with the value it has when
 * not set: a call through `rcs.api` that sets one (`keepalive`, `credentials`, …) sends it.
 */
const requestDefaults: Partial<Record<keyof RequestInit, unknown>> = {
  cache: "default",
  credentials: "same-origin",
  integrity: "",
  keepalive: false,
  mode: "cors",
  referrer: "about:client",
  referrerPolicy: "",
};

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

  async function attempt(operation: string, url: string, request: Outgoing, limitMs: number, repeat: number): Promise<Answer> {
    const callerSignal = request.signal;
    // An earlier attempt may have been processed; before the first, nothing was sent.
    if (callerSignal?.aborted) throw new WwtAbortError(operation, repeat > 0);
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
      const response = await exchange(url, { ...request, signal: controller.signal, redirect: "manual" });
      const redirect = redirectOf(operation, url, response);
      if (redirect) throw redirect;
      const content = await readAtMost(response, maxResponseBytes, () => new WwtResponseTooLargeError(operation, response.status, maxResponseBytes));
      return { response, content };
    } catch (error) {
      controller.abort(); // closes the connection of an answer left unread
      if (error instanceof WwtError) throw error;
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
  function redirectOf(operation: string, sentTo: string, response: Response): WwtRedirectError | undefined {
    if (response.redirected || (response.url !== "" && response.url !== sentTo && !sameOrigin(response.url, sentTo))) {
      return new WwtRedirectError(operation, 0, shownLocation(response.url, sentTo, redact), true);
    }
    if (response.type !== "opaqueredirect" && (response.status < 300 || response.status > 399)) return undefined;
    return new WwtRedirectError(operation, response.status, shownLocation(response.headers.get("location"), sentTo, redact), false);
  }

  const send: Transport["send"] = (operation, url, request, limitMs = timeoutMs) => {
    const attempted = (repeat: number): Promise<Answer> =>
      attempt(operation, url, request, limitMs, repeat).catch(async (error: unknown) => {
        const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
        // Whether the body carries a reference_id is asked only after a failure.
        if (!retry || !transient || repeat >= (request.method === "POST" && carriesReferenceId(request.body) ? retry.retries : 0)) throw error;
        const delayMs = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** repeat);
        await sleep(delayMs, request.signal, () => new WwtAbortError(operation, true));
        return attempted(repeat + 1);
      });
    return attempted(0);
  };

  return {
    send,
    async fetch(request) {
      const operation = operationOf(request);
      // Read once here, so that every attempt sends it.
      let body: ArrayBuffer | null = null;
      try {
        if (request.body !== null) body = await request.arrayBuffer();
      } catch (error) {
        throw new WwtNetworkError(operation, error);
      }
      const outgoing: Outgoing = { method: request.method, headers: request.headers, body, signal: request.signal };
      for (const [option, unset] of Object.entries(requestDefaults)) {
        const value = request[option as keyof Request];
        if (value !== undefined && value !== unset) Object.assign(outgoing, { [option]: value });
      }
      const { response, content } = await send(operation, request.url, outgoing, timeLimits.get(request));
      const { status, statusText, headers, url } = response;
      return keepingUrl(new Response(nullBodyStatuses.has(status) ? null : content, { status, statusText, headers }), url);
    },
    timeLimit: (limitMs) => ({
      onRequest({ request }) {
        timeLimits.set(request, limitMs);
      },
    }),
  };
}

/**
 * `response`, reading as the URL that answered (which a Response built here would lack), as
 * its clones do.
 */
function keepingUrl(response: Response, url: string): Response {
  const clone = response.clone.bind(response);
  return Object.defineProperties(response, { url: { value: url }, clone: { value: () => keepingUrl(clone(), url) } });
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
function carriesReferenceId(body: string | ArrayBuffer | null): boolean {
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
