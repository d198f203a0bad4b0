// createRcsCallbackHandler: a web-standard HTTP handler for your `callback_url`, with the
// limits an endpoint open to anyone needs: an optional token in the URL, a size and a time
// limit on the body, and a time limit on your code. Every report is acknowledged; only what
// cannot be a report is refused (parseRcsCallback decides), and each answer says why.
// checkCallbackToken, the handler's token check, serves those who read the body themselves.
import { discard, readAtMost } from "./bounded-read.js";
import { parseRcsCallback, type RcsCallback } from "./callbacks.js";
import { WwtCallbackValidationError, WwtConfigurationError, WwtError, type ValidationIssue } from "./errors.js";
import type { RcsClickReport, RcsStatusReport } from "./types.js";

export interface RcsCallbackHandlerOptions {
  /**
   * Called with each status change. The platform is answered 200 once it resolves, 500 if it
   * throws, 503 if it has not settled within `handlerTimeoutMs`. Without it, status changes
   * are acknowledged and dropped.
   */
  onStatus?: (report: RcsStatusReport, request: Request) => unknown;
  /** Called with each click; answered like `onStatus`. Without it, clicks are acknowledged and dropped. */
  onClick?: (click: RcsClickReport, request: Request) => unknown;
  /**
   * The token your `callback_url` carries in its `token` query parameter
   * (`https://hooks.example.com/wwt/rcs?token=…`). With it, a request without a token is
   * answered 401 and one with another token 403, before its body is read; the comparison
   * takes the same time whatever the token. At least 16 characters, each a letter, a digit or
   * one of `-._~`, so that it stands in the URL as it is. Callbacks are not signed: this
   * token is the only proof that a report comes from the platform.
   */
  secret?: string;
  /**
   * The largest body read, in bytes; anything larger is answered 413 unread. Default 65 536.
   * A body a framework has already parsed (see `toNodeListener`) counts by its length as JSON.
   */
  maxBodyBytes?: number;
  /**
   * Time allowed for the whole body to arrive; a slower sender is answered 408. Default 5 000 ms.
   * It does not apply to a body a framework has already read: that one has arrived, under the
   * framework's limits and Node.js's `server.requestTimeout`.
   */
  bodyTimeoutMs?: number;
  /**
   * Time allowed for `onStatus` or `onClick`; after it the platform is answered 503, so that
   * a platform that retries will try again. Your function is not stopped: what it throws
   * later still goes to `onError`. Default 10 000 ms.
   */
  handlerTimeoutMs?: number;
  /**
   * Told what `onStatus` or `onClick` threw, or that it ran out of time (a `WwtError`); the
   * caller only sees a bare 500 or 503. Defaults to `console.error`.
   */
  onError?: (error: unknown, request: Request) => void;
}

/** A web-standard HTTP handler, as Deno, Bun, Cloudflare Workers and Next.js route handlers take. */
export type RcsCallbackHandler = (request: Request) => Promise<Response>;

/**
 * An HTTP handler for your `callback_url`. It answers:
 * - 200 to every report (a JSON object with an `id`), once your `onStatus` or `onClick` has
 *   resolved, whatever its status or fields;
 * - 400 with `{ error, issues }` to a body that is not UTF-8 JSON, not an object or has no
 *   `id` (your functions are not called);
 * - 401 / 403 with a `secret`, to a callback URL whose `token` is missing / wrong;
 * - 405 to a method other than POST;
 * - 408 to a body that has not arrived within `bodyTimeoutMs`;
 * - 413 to a body over `maxBodyBytes`, refused from its Content-Length or, while streaming,
 *   as soon as the limit is passed, without reading on;
 * - 500 when your function throws, 503 when it has not settled within `handlerTimeoutMs`;
 *   what happened goes to `onError`, never to the caller;
 * - 500 too when something read the body before the handler (`request.bodyUsed`), told to
 *   `onError` as a `WwtConfigurationError`.
 */
export function createRcsCallbackHandler(options: RcsCallbackHandlerOptions): RcsCallbackHandler {
  const maxBodyBytes = positiveWhole("maxBodyBytes", options.maxBodyBytes ?? 64 * 1024);
  const bodyTimeoutMs = positiveWhole("bodyTimeoutMs", options.bodyTimeoutMs ?? 5_000);
  const handlerTimeoutMs = positiveWhole("handlerTimeoutMs", options.handlerTimeoutMs ?? 10_000);
  const checkToken = options.secret === undefined ? undefined : tokenChecker(options.secret);
  const onError = options.onError ?? ((error: unknown) => console.error("wwt-rcs: a callback could not be handled.", error));
  const report = (error: unknown, request: Request) => {
    try {
      onError(error, request);
    } catch {
      // A failing error reporter must not change the answer.
    }
  };
  /** Tells onError what went wrong, and the caller only that it did. */
  const fail = (error: unknown, request: Request) => {
    report(error, request);
    return problem(500, "The callback could not be processed.");
  };

  return async (request) => {
    const token = await checkToken?.(request.url);
    if (token === "missing") return refuse(request, 401, "The callback URL carries no token.");
    if (token === "wrong") return refuse(request, 403, "The callback URL carries a wrong token.");
    if (request.method !== "POST") return refuse(request, 405, "Only POST is accepted.", { allow: "POST" });

    let body: Uint8Array;
    try {
      body = await readBody(request, maxBodyBytes, bodyTimeoutMs);
    } catch (error) {
      if (error === "too large") return problem(413, `The body is larger than ${maxBodyBytes} bytes.`);
      if (error === timedOut) return problem(408, `The body did not arrive within ${bodyTimeoutMs} ms.`);
      // What stood in for the body may say why there is none to read: a body parser in front
      // made a form of it (toNodeListener), or something read it before the handler (the
      // server's fault: onError hears of it, and a platform that retries tries again).
      if (error instanceof WwtCallbackValidationError) return notAReport(error);
      return error instanceof WwtConfigurationError ? fail(error, request) : problem(400, "The body could not be read.");
    }

    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
    } catch {
      return problem(400, "The body is not valid UTF-8 JSON.");
    }
    let callback: RcsCallback;
    try {
      callback = parseRcsCallback(parsed);
    } catch (error) {
      if (!(error instanceof WwtCallbackValidationError)) throw error;
      return notAReport(error);
    }

    // Async, so that what your function throws at once rejects `work` like what it rejects with.
    const work = (async () =>
      callback.kind === "status" ? options.onStatus?.(callback.payload, request) : options.onClick?.(callback.payload, request))();
    try {
      await within(handlerTimeoutMs, (deadline) => Promise.race([work, deadline]));
      return new Response(); // 200, no body
    } catch (error) {
      if (error !== timedOut) return fail(error, request);
      const kind = callback.kind === "status" ? "onStatus" : "onClick";
      report(new WwtError(`${kind} did not settle within ${handlerTimeoutMs} ms.`), request);
      work.catch((error: unknown) => report(error, request));
      return problem(503, "The callback could not be processed in time.");
    }
  };
}

/** What a time limit rejects with: nothing a stream or your function throws can be it. */
const timedOut = Symbol("timed out");

function positiveWhole(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new WwtConfigurationError(`${name} must be a positive integer.`);
  return value;
}

/** What `checkCallbackToken` finds in a callback URL. */
export type CallbackTokenCheck = "valid" | "missing" | "wrong";

/**
 * Checks the token of a callback URL against your secret, as `createRcsCallbackHandler` does
 * with its `secret` option, for a route that reads the body itself (with `parseRcsCallback`):
 *
 * - `"valid"`: the URL's `token` query parameter is `secret`;
 * - `"missing"`: it has no `token` parameter (answer 401), or cannot be parsed at all;
 * - `"wrong"`: it has another token, an empty one, or more than one (answer 403).
 *
 * `url` is the request's URL, whole (`request.url`) or only its path and query (Express's
 * `req.originalUrl`, Koa's `ctx.url`). The comparison takes the same time whatever the token:
 * both are hashed with SHA-256 (Web Crypto, `crypto.subtle`) and the digests compared in full.
 * Check the token before reading the body. Rejects with a `WwtConfigurationError` when
 * `secret` is not at least 16 characters, each a letter, a digit or one of `-._~`, or when the
 * runtime lacks `crypto.subtle`.
 *
 * @example
 * const token = await checkCallbackToken(req.originalUrl, process.env.WWT_CALLBACK_TOKEN!);
 * if (token !== "valid") return res.status(token === "missing" ? 401 : 403).end();
 */
export async function checkCallbackToken(url: string | URL, secret: string): Promise<CallbackTokenCheck> {
  return tokenChecker(secret)(url);
}

const secretPattern = /^[A-Za-z0-9._~-]{16,}$/;

/** Checks a URL's `token` query parameter against `secret`, comparing SHA-256 digests in constant time. */
function tokenChecker(secret: string): (url: string | URL) => Promise<CallbackTokenCheck> {
  if (typeof secret !== "string" || !secretPattern.test(secret)) {
    throw new WwtConfigurationError("secret must be at least 16 characters of A-Za-z0-9-._~.");
  }
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new WwtConfigurationError("secret needs crypto.subtle, which is missing.");
  const digest = async (text: string) => new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(text)));
  const expected = digest(secret);
  return async (url) => {
    let tokens: string[] = [];
    try {
      // A path and query alone is read against a placeholder origin.
      tokens = new URL(url, "http://localhost").searchParams.getAll("token");
    } catch {
      // A URL that cannot be parsed carries no token.
    }
    if (tokens.length === 0) return "missing";
    // Two tokens never match: joined, they hold a character no secret has.
    const wanted = await expected;
    const given = await digest(tokens.join("\n"));
    // Every byte is compared, whatever the first difference.
    return given.reduce((difference, byte, i) => difference | (byte ^ wanted[i]), 0) === 0 ? "valid" : "wrong";
  };
}

/** What `task` returns; it is handed a promise that rejects with `timedOut` once `timeoutMs` has passed. */
async function within<T>(timeoutMs: number, task: (deadline: Promise<never>) => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(reject, timeoutMs, timedOut);
  });
  try {
    return await task(deadline);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The whole body. Throws "too large" once it passes `limit` bytes, `timedOut` when it is not
 * complete within `timeoutMs`, and otherwise why it cannot be read.
 */
async function readBody(request: Request, limit: number, timeoutMs: number): Promise<Uint8Array> {
  if (request.bodyUsed) throw new WwtConfigurationError("The body was read before the callback handler.");
  if (Number(request.headers.get("content-length")) > limit) {
    await discard(request);
    throw "too large";
  }
  return within(timeoutMs, (tooSlow) => readAtMost(request.body, limit, tooSlow, () => "too large"));
}

async function refuse(request: Request, status: number, error: string, headers?: Record<string, string>): Promise<Response> {
  await discard(request);
  return problem(status, error, undefined, headers);
}

function notAReport(error: WwtCallbackValidationError): Response {
  return problem(400, "The body is not a report: it must be a JSON object with an id.", error.issues);
}

/** A JSON answer `{ error, issues }`; without issues, JSON leaves the key out. */
function problem(status: number, error: string, issues?: ValidationIssue[], headers?: Record<string, string>): Response {
  return Response.json({ error, issues }, { status, headers });
}
