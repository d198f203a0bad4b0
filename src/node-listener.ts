// toNodeListener: plugs a web-standard handler (such as createRcsCallbackHandler's) into
// node:http without importing any Node module, streaming the request body with back-pressure.
import type { RcsCallbackHandler } from "./callback-handler.js";

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
    response = Response.json({ error: "The callback could not be processed." }, { status: 500 });
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
