// createRcsCallbackHandler behind a real node:http server (through toNodeListener), and as a
// plain web handler: the answer for each kind of request, how often your functions run, and
// that an oversize body is refused without being read.
import { once } from "node:events";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createRcsCallbackHandler,
  toNodeListener,
  WwtConfigurationError,
  type RcsClickCallback,
  type RcsStatusCallback,
} from "../src/index.js";
import { requestExamples } from "./support/spec.js";

const statusBody = requestExamples("onRcsStatusChanged").delivered;
const clickBody = requestExamples("onRcsSuggestionClicked").clicked;
const limit = 64 * 1024;
const secret = "database password is hunter2";

const calls = { status: [] as RcsStatusCallback[], click: [] as RcsClickCallback[], urls: [] as string[], errors: [] as unknown[] };
let failNext = false;

const handler = createRcsCallbackHandler({
  onStatus: async (payload, request) => {
    calls.urls.push(request.url);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (failNext) throw new Error(secret);
    calls.status.push(payload);
  },
  onClick: (payload) => {
    calls.click.push(payload);
  },
  onError: (error) => calls.errors.push(error),
});

let server: Server;
let base: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer(toNodeListener(handler));
  server.on("connection", (socket) => sockets.push(socket));
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

beforeEach(() => {
  calls.status.length = 0;
  calls.click.length = 0;
  calls.urls.length = 0;
  calls.errors.length = 0;
  failNext = false;
});

function post(body: string, contentType: string | null = "application/json", path = "/wwt/rcs") {
  return fetch(base + path, { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });
}

function handlerCalls() {
  return calls.status.length + calls.click.length;
}

describe("a node:http server with the callback handler", () => {
  it("answers 200 to a valid status change, after calling onStatus once with it", async () => {
    const response = await post(JSON.stringify(statusBody), "application/json", "/wwt/rcs?token=t0k3n");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(calls.status).toEqual([statusBody]);
    expect(calls.click).toEqual([]);
    expect(calls.urls).toEqual([`${base}/wwt/rcs?token=t0k3n`]);
  });

  it("answers 200 to a valid click, after calling onClick once with it", async () => {
    const response = await post(JSON.stringify(clickBody), "application/json; charset=utf-8");
    expect(response.status).toBe(200);
    expect(calls.click).toEqual([clickBody]);
    expect(calls.status).toEqual([]);
  });

  it("answers 400 with the issues to an invalid callback, without calling anything", async () => {
    const response = await post(JSON.stringify({ ...statusBody, status: "lost", id: "abc" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = await response.json();
    expect(answer.error).toMatch(/not a valid/);
    expect(answer.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["id", "status"]);
    expect(answer.issues[0]).toEqual({ path: expect.any(String), message: expect.any(String) });
    expect(handlerCalls()).toBe(0);
  });

  it("answers 400 to a body that is not JSON, without calling anything", async () => {
    const response = await post('{"id": 1, "status": ');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid UTF-8 JSON/);
    expect(handlerCalls()).toBe(0);
  });

  it("answers 400 to a payload with a __proto__ key", async () => {
    const response = await post(`{"__proto__":{"polluted":true},${JSON.stringify(statusBody).slice(1)}`);
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: "__proto__", message: "is not an allowed field name" }]);
    expect(handlerCalls()).toBe(0);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["no Content-Type", null],
  ])("answers 415 to %s, without calling anything", async (_name, contentType) => {
    const response = await post(JSON.stringify(statusBody), contentType);
    expect(response.status).toBe(415);
    expect(handlerCalls()).toBe(0);
  });

  it("answers 405 with Allow: POST to a GET", async () => {
    const response = await fetch(`${base}/wwt/rcs`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(handlerCalls()).toBe(0);
  });

  it("answers 500 when onStatus throws, without its message, and reports the error to onError", async () => {
    failNext = true;
    const response = await post(JSON.stringify(statusBody));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text)).toEqual({ error: "The callback could not be processed." });
    expect(calls.errors).toHaveLength(1);
    expect((calls.errors[0] as Error).message).toBe(secret);
  });

  it("answers 413 to a declared Content-Length over the limit, before the body is sent", async () => {
    const req = httpRequest(`${base}/wwt/rcs`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) },
    });
    req.on("error", () => {}); // the server closes the connection after its answer
    req.write("{");
    const [response] = (await once(req, "response")) as [IncomingMessage];
    expect(response.statusCode).toBe(413);
    expect(response.headers.connection).toBe("close");
    expect(handlerCalls()).toBe(0);
    req.destroy();
  });

  it("answers 413 to a streamed body over the limit and stops reading it", async () => {
    const before = sockets.length;
    const chunk = Buffer.alloc(1024 * 1024, "x");
    const total = 256;
    const req = httpRequest(`${base}/wwt/rcs`, { method: "POST", headers: { "content-type": "application/json" } });
    let ended = false;
    const status = new Promise<number>((resolve) => req.on("response", (response) => resolve(response.statusCode ?? 0)));
    const closed = new Promise<void>((resolve) => req.on("close", () => resolve()));
    req.on("error", () => {});
    void (async () => {
      for (let sent = 0; sent < total && !ended && !req.destroyed; sent++) {
        if (!req.write(chunk)) await Promise.race([once(req, "drain"), closed, status]);
      }
    })();
    expect(await status).toBe(413);
    ended = true;
    req.destroy();
    await closed;

    const socket = sockets[before];
    if (!socket.destroyed) await once(socket, "close");
    // The server read at most a few socket reads past the limit of the 256 MiB offered.
    console.log("BYTESREAD", socket.bytesRead);
    expect(socket.bytesRead).toBeLessThan(4 * 1024 * 1024);
    expect(handlerCalls()).toBe(0);
  });

  it("still answers on a new connection after refusing an oversize body", async () => {
    const response = await post(JSON.stringify(clickBody));
    expect(response.status).toBe(200);
  });
});

describe("the web handler on its own", () => {
  it("answers 413 to a streamed body over maxBodyBytes and cancels the stream", async () => {
    let pulls = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1000).fill(32));
      },
      cancel() {
        cancelled = true;
      },
    });
    const small = createRcsCallbackHandler({ maxBodyBytes: 10_000, onStatus: () => {} });
    const response = await small(new Request("http://localhost/", { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit));
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThanOrEqual(13);
  });

  it("accepts a body of exactly maxBodyBytes", async () => {
    const json = JSON.stringify(statusBody);
    const seen: unknown[] = [];
    const exact = createRcsCallbackHandler({ maxBodyBytes: new TextEncoder().encode(json).byteLength, onStatus: (p) => void seen.push(p) });
    const response = await exact(new Request("http://localhost/", { method: "POST", body: json, headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(200);
    expect(seen).toEqual([statusBody]);
  });

  it("accepts a JSON media type with a suffix", async () => {
    const response = await handler(
      new Request("http://localhost/", { method: "POST", body: JSON.stringify(clickBody), headers: { "content-type": "application/vnd.wwt+json" } }),
    );
    expect(response.status).toBe(200);
  });

  it("answers 400 to a body that is not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]);
    const response = await handler(new Request("http://localhost/", { method: "POST", body: bytes, headers: { "content-type": "application/json" } }));
    expect(response.status).toBe(400);
  });

  it("acknowledges a kind of callback it was given no function for", async () => {
    const statusOnly = createRcsCallbackHandler({ onStatus: () => {} });
    const response = await statusOnly(
      new Request("http://localhost/", { method: "POST", body: JSON.stringify(clickBody), headers: { "content-type": "application/json" } }),
    );
    expect(response.status).toBe(200);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses maxBodyBytes %s", (maxBodyBytes) => {
    expect(() => createRcsCallbackHandler({ maxBodyBytes })).toThrow(WwtConfigurationError);
  });
});
