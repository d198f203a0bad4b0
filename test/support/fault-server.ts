// A real `node:http` server on 127.0.0.1 (ephemeral port; or `node:https` with a given
// certificate) that plays the platform badly on purpose: it logs clients in and checks their
// bearer tokens like the platform does, and answers each send however the test says — with a
// proxy's HTML page, a broken body, a reset connection or no answer at all. It records every
// request it receives, and when each request's connection closes.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { Socket } from "node:net";
import { freshToken } from "./fake-fetch.js";
import { listenLocally, closeNow } from "./local-server.js";

export interface Received {
  method: string;
  path: string;
  authorization: string | undefined;
  /** Every header as it arrived, by lower-case name. */
  headers: IncomingHttpHeaders;
  /** The JSON body, or the raw text when it is not JSON. */
  body: any;
  /** Resolves when the connection this request came on is closed, by either side. */
  connectionClosed: Promise<void>;
  /** Whether that connection is closed by now. */
  isClosed(): boolean;
}

/** One request and the means to answer it. */
export interface Exchange {
  request: Received;
  response: ServerResponse;
  socket: Socket;
  /** 1 for the first send (a request that is not a login or refresh) the server received, … */
  sendNumber: number;
}

export interface FaultServerOptions {
  /** Answers a send that carries a valid token. */
  answerSend(exchange: Exchange): void | Promise<void>;
  /** Answers a lookup (`GET /api/messages`) that carries a valid token; by default, an empty page: the platform holds no such message. */
  answerLookup?(exchange: Exchange): void | Promise<void>;
  /** Answers a login; by default a 200 with `{ bearer: token }`. */
  answerLogin?(exchange: Exchange, token: string): void;
  /** Makes each new token; by default a JWT valid for 30 days. */
  issueToken?(): string;
  /** Serves https with this key and certificate (PEM) instead of http. */
  tls?: { key: string; cert: string };
}

export interface FaultServer {
  url: string;
  /** Every request received, in order of arrival. */
  requests: Received[];
  /** The requests that were neither a login, a refresh nor a lookup. */
  sends(): Received[];
  logins(): Received[];
  lookups(): Received[];
  /** Refuses, with a 401, every token issued so far (and, with `alsoFuture`, every later one). */
  revokeTokens(options?: { alsoFuture?: boolean }): void;
  close(): Promise<void>;
}

const authPaths = new Set(["/api/auth/login", "/api/auth/refresh"]);
const isLookup = (request: Received) => request.method === "GET" && request.path === "/api/messages";

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const issueToken = options.issueToken ?? (() => freshToken());
  const requests: Received[] = [];
  const valid = new Set<string>();
  let refuseAll = false;
  let sendNumber = 0;

  const { server, url } = await listen(async (req, res) => {
    const received = await receive(req);
    requests.push(received);
    const exchange = (number = 0): Exchange => ({ request: received, response: res, socket: req.socket, sendNumber: number });

    if (authPaths.has(received.path)) {
      const token = issueToken();
      // Like any HTTP server, the platform sees a header value trimmed.
      if (!refuseAll) valid.add(token.trim());
      if (received.path === "/api/auth/login" && options.answerLogin) return options.answerLogin(exchange(), token);
      return answerJson(exchange(), 200, { bearer: token });
    }
    const token = received.authorization?.replace(/^Bearer /, "");
    if (token === undefined || !valid.has(token)) return answerJson(exchange(), 401, { message: "Unauthenticated." });
    if (isLookup(received)) {
      if (options.answerLookup) return options.answerLookup(exchange());
      return answerJson(exchange(), 200, { data: [], meta: { page: { limit: 500, offset: 0, total: 0 } } });
    }
    await options.answerSend(exchange(++sendNumber));
  }, options.tls);

  return {
    url,
    requests,
    sends: () => requests.filter((r) => !authPaths.has(r.path) && !isLookup(r)),
    logins: () => requests.filter((r) => r.path === "/api/auth/login"),
    lookups: () => requests.filter(isLookup),
    revokeTokens({ alsoFuture = false } = {}) {
      valid.clear();
      refuseAll = alsoFuture;
    },
    close: () => closeNow(server),
  };
}

export interface RecordingServer {
  url: string;
  /** Every request received, in order of arrival. */
  requests: Received[];
  close(): Promise<void>;
}

/**
 * A server that only records what reaches it, and answers each request with `answer` (by
 * default the spec's success example of a send): where a redirect points, to show that
 * nothing went there.
 */
export async function startRecordingServer(answer: (exchange: Exchange) => void, tls?: { key: string; cert: string }): Promise<RecordingServer> {
  const requests: Received[] = [];
  const { server, url } = await listen(async (req, res) => {
    const received = await receive(req);
    requests.push(received);
    answer({ request: received, response: res, socket: req.socket, sendNumber: requests.length });
  }, tls);
  return { url, requests, close: () => closeNow(server) };
}

type AnyServer = ReturnType<typeof createServer> | ReturnType<typeof createTlsServer>;

async function listen(handler: RequestListener, tls: { key: string; cert: string } | undefined): Promise<{ server: AnyServer; url: string }> {
  const server: AnyServer = tls ? createTlsServer(tls, handler) : createServer(handler);
  return { server, url: await listenLocally(server, tls ? "https" : "http") };
}

async function receive(req: IncomingMessage): Promise<Received> {
  let closed = req.socket.destroyed;
  const connectionClosed = new Promise<void>((resolve) => {
    if (closed) resolve();
    else
      req.socket.once("close", () => {
        closed = true;
        resolve();
      });
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  let body: unknown = text === "" ? undefined : text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return {
    method: req.method ?? "",
    path: new URL(req.url ?? "/", "http://127.0.0.1").pathname,
    authorization: req.headers.authorization,
    headers: req.headers,
    body,
    connectionClosed,
    isClosed: () => closed,
  };
}

export function answerJson(exchange: Exchange, status: number, body: unknown, headers: Record<string, string> = {}): void {
  answerText(exchange, status, JSON.stringify(body), { "content-type": "application/json", ...headers });
}

export function answerText(
  { response }: Exchange,
  status: number,
  text: string,
  headers: Record<string, string> = { "content-type": "text/html" },
  statusMessage?: string,
): void {
  const head = { ...headers, "content-length": String(Buffer.byteLength(text)) };
  if (statusMessage === undefined) response.writeHead(status, head);
  else response.writeHead(status, statusMessage, head);
  response.end(text);
}

/** Sends the headers and the start of a JSON body, then resets the connection. */
export function resetMidBody({ response, socket }: Exchange): void {
  response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  response.write('{"data":{"id":6614', () => socket.destroy());
}

/** Sends the headers and the start of a JSON body, then stalls with the connection open. */
export function stallMidBody({ response }: Exchange): void {
  response.writeHead(200, { "content-type": "application/json", "content-length": "200" });
  response.write('{"data":{"id":6614');
}

/** Closes the connection without answering at all. */
export function dropConnection({ socket }: Exchange): void {
  socket.destroy();
}

/** Never answers; the connection stays open until the client gives up. */
export function neverAnswer(): void {}
