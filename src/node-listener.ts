// toNodeListener: plugs a web-standard handler (such as createRcsCallbackHandler's) into
// node:http. Node's own Readable.toWeb streams the request body with back-pressure; Node-only,
// so it ships from the `wwt-rcs/node` entry and never reaches browser or edge bundles.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { RcsCallbackHandler } from "./callback-handler.js";

/**
 * Adapts a web-standard handler to `node:http`: `http.createServer(toNodeListener(handler))`.
 * The request body is streamed to the handler as it reads, with back-pressure, so a handler
 * that stops early (as on 413) leaves the rest unread; the connection is then closed after
 * the answer instead of being drained. `request.url` is built from the Host header, with
 * `http:`; do not trust it for anything but the path and query.
 */
export function toNodeListener(handler: RcsCallbackHandler): RequestListener {
  return (req, res) => {
    void answerNode(handler, req, res);
  };
}

async function answerNode(handler: RcsCallbackHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
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

function webRequest(req: IncomingMessage): Request {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
  }
  const host = req.headers.host;
  const origin = typeof host === "string" && /^([\w.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(host) ? `http://${host}` : "http://localhost";
  const path = req.url?.startsWith("/") ? req.url : "/";
  if (method === "GET" || method === "HEAD") return new Request(`${origin}${path}`, { method, headers });
  // The handler cancels the body it refuses; the cancel stops at the TransformStream, because
  // Node 20 and 22 throw an uncaught ERR_INVALID_STATE when data is still on its way to a
  // cancelled Readable.toWeb stream (nodejs/node#54205). Unread, `req` pauses once its buffer
  // is full. Streaming a request body requires `duplex: "half"`, which the DOM typings lack.
  const body = (Readable.toWeb(req) as ReadableStream<Uint8Array>).pipeThrough(new TransformStream<Uint8Array, Uint8Array>(), { preventCancel: true });
  const init: RequestInit & { duplex: "half" } = { method, headers, body, duplex: "half" };
  return new Request(`${origin}${path}`, init);
}
