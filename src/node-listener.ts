// toNodeListener: plugs a web-standard handler (such as createRcsCallbackHandler's) into
// node:http and the frameworks built on it. Node's own Readable.toWeb streams the request
// body with back-pressure; a body that a framework's parser has already read is taken from
// `req.body` instead, so that `app.use(express.json())` in front loses no report. Node-only,
// so it ships from the `wwt-rcs/node` entry and never reaches browser or edge bundles.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { RcsCallbackHandler } from "./callback-handler.js";
import { WwtCallbackValidationError, WwtConfigurationError } from "./errors.js";

/**
 * A request as `node:http` gives it, or as a framework hands it on: Express's `req`, or Koa's
 * `ctx.req` and Fastify's `request.raw` with the parsed body put on `body`.
 */
export type NodeCallbackRequest = IncomingMessage & { body?: unknown };

/**
 * A `node:http` request listener (`http.createServer` and Express take it as it is) that
 * settles once the answer is written, never with an error, so that Koa and Fastify can await it.
 */
export type NodeCallbackListener = (req: NodeCallbackRequest, res: ServerResponse) => Promise<void>;

/**
 * Adapts a web-standard handler to `node:http`: `http.createServer(toNodeListener(handler))`,
 * or `app.post("/wwt/rcs", toNodeListener(handler))` in Express.
 *
 * The body the handler reads is, while nothing has read the request stream, the stream itself,
 * handed on as it arrives with back-pressure: a handler that stops early (as on 413) leaves the
 * rest unread, and the connection is closed after the answer instead of being drained.
 * Once a body parser has read the stream (`req.readableDidRead`, or `req.readableEnded` for an
 * empty body), it is what the parser left on `req.body`, taken as the body as sent: a string or
 * bytes (a `Buffer`, any typed array) as they are, anything else written back as JSON. So the
 * token, the size limit (a parsed body counts by its length as JSON) and the rules for a report
 * apply to it as to a streamed one; `bodyTimeoutMs` does not, as the body has already arrived.
 * An object parsed from a form (`application/x-www-form-urlencoded`, `multipart/form-data`) is
 * not a report: it is answered 400, saying so. A `req.body` left on a request nobody read
 * (Express 4 sets `{}` on the requests its parsers skip) is ignored. A stream read by something
 * that left no `req.body` is answered 500, and the handler's `onError` told why.
 *
 * `request.url` is built from the Host header, with `http:`; do not trust it for anything but
 * the path and query.
 */
export function toNodeListener(handler: RcsCallbackHandler): NodeCallbackListener {
  return (req, res) => answerNode(handler, req, res);
}

async function answerNode(handler: RcsCallbackHandler, req: NodeCallbackRequest, res: ServerResponse): Promise<void> {
  let response: Response;
  try {
    response = await handler(webRequest(req));
  } catch {
    response = Response.json({ error: "The callback could not be processed." }, { status: 500 });
  }
  try {
    const bytes = new Uint8Array(await response.arrayBuffer());
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    // Left unread, the rest of the body would be drained to keep the connection alive.
    if (!req.complete) res.setHeader("connection", "close");
    res.end(bytes);
  } catch {
    // The handler's response could not be read, or the client is gone: nothing left to tell.
  }
}

function webRequest(req: NodeCallbackRequest): Request {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const host = req.headers.host;
  const origin = typeof host === "string" && /^([\w.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host) ? `http://${host}` : "http://localhost";
  const url = `${origin}${req.url?.startsWith("/") ? req.url : "/"}`;
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  if (!req.readableDidRead && !req.readableEnded) return new Request(url, streamingInit(req, method, headers));

  // Read already: the body is what the reader left, and the headers that described the body
  // as sent (its length, its compression) describe it no longer.
  for (const name of ["content-length", "transfer-encoding", "content-encoding"]) headers.delete(name);
  const body = bodyLeftOn(req);
  if (body instanceof Uint8Array) {
    headers.set("content-length", String(body.byteLength));
    return new Request(url, { method, headers, body });
  }
  // The handler checks the token first; then reading this body fails with why there is none.
  const failing = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(body);
    },
  });
  const init: RequestInit & { duplex: "half" } = { method, headers, body: failing, duplex: "half" };
  return new Request(url, init);
}

/** The request stream, as the body of a web Request. */
function streamingInit(req: IncomingMessage, method: string, headers: Headers): RequestInit & { duplex: "half" } {
  // The handler cancels the body it refuses; the cancel stops at the TransformStream, because
  // Node 20 and 22 throw an uncaught ERR_INVALID_STATE when data is still on its way to a
  // cancelled Readable.toWeb stream (nodejs/node#54205). Unread, `req` pauses once its buffer
  // is full. Streaming a request body requires `duplex: "half"`, which the DOM typings lack.
  const body = (Readable.toWeb(req) as ReadableStream<Uint8Array>).pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { preventCancel: true });
  return { method, headers, body, duplex: "half" };
}

const formTypes = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

/**
 * The bytes of a body that something has read from `req`, from what it left on `req.body`; or
 * the error that says why there are none: a form (the sender's doing) or nothing left (the
 * server's).
 */
function bodyLeftOn(req: NodeCallbackRequest): Uint8Array<ArrayBuffer> | WwtCallbackValidationError | WwtConfigurationError {
  const body = req.body;
  if (body === undefined) {
    // Ended without a byte emitted: the body was empty.
    if (!req.readableDidRead) return new Uint8Array(0);
    return new WwtConfigurationError(
      "The request's body was read before toNodeListener's handler, and req.body does not hold it: put what the body parser made of it on req.body.",
    );
  }
  if (typeof body === "string") return new TextEncoder().encode(body);
  // Copies, so that the handler owns what it reads; a Buffer is a Uint8Array.
  if (ArrayBuffer.isView(body)) return Uint8Array.from(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  if (body instanceof ArrayBuffer) return new Uint8Array(body.slice(0));
  const type = String(req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (formTypes.has(type)) {
    return new WwtCallbackValidationError({ issues: [{ path: "(body)", message: `was sent as ${type} and read as a form by a body parser; a report is JSON` }] });
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(body);
  } catch {
    // A cycle or a BigInt: no JSON parser made this.
  }
  if (json === undefined) return new WwtConfigurationError("req.body holds something that cannot be written as JSON, so it is not what a JSON body parser made of the body.");
  return new TextEncoder().encode(json);
}
