// Receiving what the platform POSTs to a message's `callback_url`: status changes and button
// clicks. parseRcsCallback checks a parsed body against the spec; createRcsCallbackHandler
// wraps it in a web-standard handler with the limits an endpoint open to anyone needs; and
// toNodeListener plugs that handler into node:http without importing any Node module.
import { finalRcsMessageStatuses } from "../generated/spec-values.js";
import { onRcsStatusChangedBody, onRcsSuggestionClickedBody } from "../generated/validators.js";
import { WwtCallbackValidationError as CallbackValidationError, WwtConfigurationError, type ValidationIssue } from "./errors.js";
import type { RcsClickCallback, RcsMessageFinalStatus, RcsStatusCallback } from "./types.js";
import { findIssues } from "./validation.js";

/**
 * A callback that matches the spec. `kind` says which one it is; `payload` is the body as the
 * platform sent it, fields added later included. The body stays whole under `payload`, rather
 * than spread beside `kind`, so that no field the platform may add can clash with `kind`.
 *
 * - `{ kind: "status", payload }`: the message's status changed (see `isFinalStatus`).
 * - `{ kind: "click", payload }`: the recipient pressed a suggestion button; `payload.postback`
 *   is that button's `postback_data`.
 *
 * `payload.id` may be a number or a string of digits and dates come in two forms, as the
 * platform is inconsistent; compare ids as strings: `String(payload.id)`.
 */
export type RcsCallback = { kind: "status"; payload: RcsStatusCallback } | { kind: "click"; payload: RcsClickCallback };

const kinds = [
  { kind: "status", validatorName: "onRcsStatusChangedBody", validate: onRcsStatusChangedBody },
  { kind: "click", validatorName: "onRcsSuggestionClickedBody", validate: onRcsSuggestionClickedBody },
] as const;

/**
 * Checks a callback body, already parsed from JSON, against the spec and says which callback
 * it is. Throws a `CallbackValidationError` listing every problem (`{ path, message }`) when
 * it is neither a valid status change nor a valid click. Prototype-altering keys such as
 * `__proto__` are refused, so the payload is safe to copy or merge.
 */
export function parseRcsCallback(body: unknown): RcsCallback {
  const matching = kinds.filter((kind) => kind.validate(body));
  if (matching.length === 1) return { kind: matching[0].kind, payload: body } as RcsCallback;
  if (matching.length > 1) {
    throw new CallbackValidationError([{ path: "(body)", message: "is both a status change and a click" }]);
  }
  throw new CallbackValidationError(issuesOfClosestKind(body));
}

/**
 * Explains an invalid body by the kind it lacks the fewest required fields of; when both are
 * as close, by both.
 */
function issuesOfClosestKind(body: unknown): ValidationIssue[] {
  const missing = kinds.map((kind) => {
    kind.validate(body);
    return (kind.validate.errors ?? []).filter((e) => e.keyword === "required" && e.instancePath === "").length;
  });
  const fewest = Math.min(...missing);
  const closest = kinds.filter((_, i) => missing[i] === fewest);
  const issues = closest.flatMap((kind) => findIssues(kind.validatorName, body));
  if (closest.length > 1) issues.unshift({ path: "(body)", message: "is neither a valid status change nor a valid click" });
  return issues.filter((issue, i) => issues.findIndex((o) => o.path === issue.path && o.message === issue.message) === i);
}

const finalStatuses: ReadonlySet<string> = new Set(finalRcsMessageStatuses);

/**
 * True when `status` is final: the message's delivery outcome no longer changes (a
 * `delivered` message may still become `read`). False for the pending statuses and for
 * anything that is not a status.
 */
export function isFinalStatus(status: string): status is RcsMessageFinalStatus {
  return finalStatuses.has(status);
}

export interface RcsCallbackHandlerOptions {
  /**
   * Called with each valid status change. The platform is answered 200 once it resolves, or
   * 500 if it throws. Without it, status changes are acknowledged and dropped.
   */
  onStatus?: (payload: RcsStatusCallback, request: Request) => unknown;
  /** Called with each valid click; answered like `onStatus`. Without it, clicks are dropped. */
  onClick?: (payload: RcsClickCallback, request: Request) => unknown;
  /** The largest body read, in bytes; anything larger is answered 413 unread. Default 65 536. */
  maxBodyBytes?: number;
  /**
   * Told what `onStatus` or `onClick` threw; the caller only sees a bare 500. Defaults to
   * `console.error`.
   */
  onError?: (error: unknown, request: Request) => void;
}

/** A web-standard HTTP handler, as Deno, Bun, Cloudflare Workers and Next.js route handlers take. */
export type RcsCallbackHandler = (request: Request) => Promise<Response>;

/**
 * An HTTP handler for your `callback_url`. It answers:
 * - 200 once your `onStatus` or `onClick` has resolved for a valid callback;
 * - 400 with `{ error, issues }` for invalid JSON or a body that is not a valid callback
 *   (your functions are not called);
 * - 405 for a method other than POST, 415 for a Content-Type other than JSON;
 * - 413 for a body over `maxBodyBytes`, refused from its Content-Length or, while streaming,
 *   as soon as the limit is passed, without reading on;
 * - 500 when your function throws; its message goes to `onError`, never to the caller.
 *
 * Callbacks are not signed: anyone who knows the URL can call it. Put a secret token in the
 * `callback_url` and check it before calling this handler.
 */
export function createRcsCallbackHandler(options: RcsCallbackHandlerOptions): RcsCallbackHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new WwtConfigurationError("maxBodyBytes must be a positive whole number of bytes.");
  }
  const onError = options.onError ?? ((error: unknown) => console.error("wwt-rcs: a callback handler threw; answered 500.", error));

  return async (request) => {
    if (request.method !== "POST") return refuse(request, 405, "Only POST is accepted.", { allow: "POST" });
    if (!isJsonMediaType(request.headers.get("content-type"))) {
      return refuse(request, 415, "The body must be JSON, sent with Content-Type: application/json.");
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readAtMost(request, maxBodyBytes);
    } catch {
      return problem(400, "The body could not be read.");
    }
    if (!bytes) return problem(413, `The body is larger than ${maxBodyBytes} bytes.`);

    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch {
      return problem(400, "The body is not valid UTF-8 JSON.");
    }
    let callback: RcsCallback;
    try {
      callback = parseRcsCallback(body);
    } catch (error) {
      if (!(error instanceof CallbackValidationError)) throw error;
      return problem(400, "The body is not a valid status change or click callback.", error.issues);
    }

    try {
      if (callback.kind === "status") await options.onStatus?.(callback.payload, request);
      else await options.onClick?.(callback.payload, request);
    } catch (error) {
      try {
        onError(error, request);
      } catch {
        // A failing error reporter must not turn the 500 into an unanswered request.
      }
      return problem(500, "The callback could not be processed.");
    }
    return new Response(null, { status: 200 });
  };
}

function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = contentType?.split(";")[0].trim().toLowerCase() ?? "";
  return mediaType === "application/json" || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType);
}

/** The whole body, or undefined as soon as it proves larger than `limit` bytes. */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers.get("content-length")) > limit) {
    await request.body?.cancel();
    return undefined;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function refuse(request: Request, status: number, error: string, headers?: Record<string, string>): Promise<Response> {
  await request.body?.cancel();
  return problem(status, error, undefined, headers);
}

function problem(status: number, error: string, issues?: ValidationIssue[], headers?: Record<string, string>): Response {
  return Response.json(issues ? { error, issues } : { error }, { status, headers });
}

/** The parts of `node:http`'s IncomingMessage that `toNodeListener` uses. */
export interface NodeRequestLike {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  on(event: "data", listener: (chunk: Uint8Array) => void): unknown;
  on(event: "end", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
  on(event: "close", listener: () => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

/** The parts of `node:http`'s ServerResponse that `toNodeListener` uses. */
export interface NodeResponseLike {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(chunk: Uint8Array): unknown;
}

/**
 * Adapts a web-standard handler to `node:http`: `http.createServer(toNodeListener(handler))`.
 * The request body is streamed to the handler as it reads, with back-pressure, so a handler
 * that stops early (as on 413) leaves the rest unread; the connection is then closed after
 * the answer instead of being drained. `request.url` is built from the Host header, with
 * `http:`; do not trust it for anything but the path and query.
 */
export function toNodeListener(handler: RcsCallbackHandler): (req: NodeRequestLike, res: NodeResponseLike) => void {
  return (req, res) => {
    void answerNode(handler, req, res);
  };
}

async function answerNode(handler: RcsCallbackHandler, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
  const body = bodyStream(req);
  let response: Response;
  try {
    response = await handler(webRequest(req, body.stream));
  } catch {
    response = problem(500, "The callback could not be processed.");
  }
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    if (!body.ended()) res.setHeader("connection", "close");
    res.end(bytes);
  } catch {
    // The handler's response could not be read, or the client is gone: nothing left to tell.
  }
}

function webRequest(req: NodeRequestLike, body: ReadableStream<Uint8Array>): Request {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const host = req.headers.host;
  const origin = typeof host === "string" && /^([\w.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host) ? `http://${host}` : "http://localhost";
  const path = req.url?.startsWith("/") ? req.url : "/";
  const hasBody = method !== "GET" && method !== "HEAD";
  // Streaming a request body requires `duplex: "half"`, which the DOM typings do not list yet.
  const init: RequestInit & { duplex?: "half" } = hasBody ? { method, headers, body, duplex: "half" } : { method, headers };
  return new Request(`${origin}${path}`, init);
}

/** The request body as a web stream that reads from `req` only when asked to. */
function bodyStream(req: NodeRequestLike): { stream: ReadableStream<Uint8Array>; ended: () => boolean } {
  let ended = false;
  let settled = false;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on("data", (chunk) => {
        if (settled) return;
        controller.enqueue(chunk);
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.on("end", () => {
        ended = true;
        if (!settled) controller.close();
        settled = true;
      });
      req.on("error", (error) => {
        if (!settled) controller.error(error);
        settled = true;
      });
      req.on("close", () => {
        if (!settled) controller.error(new Error("The connection closed before the body ended."));
        settled = true;
      });
    },
    pull() {
      req.resume();
    },
    cancel() {
      settled = true;
      req.pause();
    },
  });
  return { stream, ended: () => ended };
}
