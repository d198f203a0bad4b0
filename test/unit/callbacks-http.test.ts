// createRcsCallbackHandler behind a real node:http server (through toNodeListener, from
// wwt-rcs/node), and as a plain web handler: the answer for each kind of request, how often
// your functions run, the token, and the limits on size and time: an oversize or refused body
// stops being read (the bytes the server read are counted), a sender that stalls or trickles
// gets 408, a function that hangs gets the platform a 503. Waits are ended by the handler's
// own deadlines, set short; no test measures time.
import { once } from "node:events";
import { createServer, request as httpRequest, type ClientRequest, type IncomingMessage, type Server } from "node:http";
import type { Socket } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createRcsCallbackHandler,
  WwtConfigurationError,
  WwtError,
  type RcsCallbackHandlerOptions,
  type RcsClickReport,
  type RcsStatusReport,
} from "../../src/index.js";
import { toNodeListener } from "../../src/node.js";
import { requestExamples } from "../support/spec.js";
import { listenLocally, closeNow } from "../support/local-server.js";

const statusBody = requestExamples("onRcsStatusChanged").delivered;
const clickBody = requestExamples("onRcsSuggestionClicked").clicked;
const secret = "Wq3vN8cT5yKp2LzR";
const leakedInError = "database password is hunter2";

const calls = { status: [] as RcsStatusReport[], click: [] as RcsClickReport[], urls: [] as string[], errors: [] as unknown[] };
let failNext = false;

const handler = createRcsCallbackHandler({
  secret,
  onStatus: async (report, request) => {
    calls.urls.push(request.url);
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (failNext) throw new Error(leakedInError);
    calls.status.push(report);
  },
  onClick: (click) => {
    calls.click.push(click);
  },
  onError: (error) => calls.errors.push(error),
  bodyTimeoutMs: 300,
});

let server: Server;
let base: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer(toNodeListener(handler));
  server.on("connection", (socket) => sockets.push(socket));
  base = await listenLocally(server);
});

afterAll(() => closeNow(server));

beforeEach(() => {
  calls.status.length = 0;
  calls.click.length = 0;
  calls.urls.length = 0;
  calls.errors.length = 0;
  failNext = false;
});

function post(body: string, { contentType = "application/json" as string | null, query = `?token=${secret}` } = {}) {
  return fetch(`${base}/wwt/rcs${query}`, { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });
}

function handlerCalls() {
  return calls.status.length + calls.click.length;
}

function webPost(body: BodyInit | ReadableStream<Uint8Array>, url = "http://localhost/wwt/rcs") {
  return new Request(url, { method: "POST", body, headers: { "content-type": "application/json" }, duplex: "half" } as RequestInit);
}

/** A body that offers `chunk` each time it is pulled (once, with `once`), counting pulls and noting a cancel. */
function watchedBody(chunk: Uint8Array, { once = false } = {}) {
  const seen = { pulls: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulls++;
      controller.enqueue(chunk);
      if (once) controller.close();
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

/** POSTs with a body that `send` starts and never ends; returns the answer, then hangs up. */
async function answerBeforeBodyEnds(send: (req: ClientRequest) => void, headers: Record<string, string> = {}) {
  const req = httpRequest(`${base}/wwt/rcs?token=${secret}`, { method: "POST", headers: { "content-type": "application/json", ...headers } });
  req.on("error", () => {}); // the server closes the connection after its answer
  send(req);
  try {
    const [response] = (await once(req, "response")) as [IncomingMessage];
    return { status: response.statusCode, connection: response.headers.connection };
  } finally {
    req.destroy();
  }
}

/**
 * POSTs up to 256 MiB to `/wwt/rcs` + `query`, as fast as the server reads, until it answers;
 * then hangs up. Returns the answer and how many bytes the server read on that connection.
 */
async function offerEndlessBody(query: string) {
  const before = sockets.length;
  const chunk = Buffer.alloc(1024 * 1024, "x");
  const req = httpRequest(`${base}/wwt/rcs${query}`, { method: "POST", headers: { "content-type": "application/json" } });
  let answered = false;
  const response = new Promise<IncomingMessage>((resolve) => req.on("response", resolve));
  const closed = new Promise<void>((resolve) => req.on("close", () => resolve()));
  req.on("error", () => {});
  void (async () => {
    for (let sent = 0; sent < 256 && !answered && !req.destroyed; sent++) {
      if (!req.write(chunk)) await Promise.race([once(req, "drain"), closed, response]);
    }
  })();
  const { statusCode, headers } = await response;
  answered = true;
  req.destroy();
  await closed;
  const socket = sockets[before];
  if (!socket.destroyed) await once(socket, "close");
  return { status: statusCode, connection: headers.connection, bytesRead: socket.bytesRead };
}

/** A deferred promise, settled by the test. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("a node:http server with the callback handler", () => {
  it("answers 200 to a status change, after calling onStatus once with it, normalised", async () => {
    const response = await post(JSON.stringify(statusBody));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(calls.status).toEqual([expect.objectContaining({ id: String(statusBody.id), status: "delivered", raw: statusBody })]);
    expect(calls.click).toEqual([]);
    expect(calls.urls).toEqual([`${base}/wwt/rcs?token=${secret}`]);
  });

  it("answers 200 to a click, after calling onClick once with it", async () => {
    const response = await post(JSON.stringify(clickBody), { contentType: "application/json; charset=utf-8" });
    expect(response.status).toBe(200);
    expect(calls.click).toEqual([expect.objectContaining({ id: clickBody.id, text: clickBody.text, raw: clickBody })]);
    expect(calls.status).toEqual([]);
  });

  it("answers 200 to a status it does not know, handing it on unrecognised", async () => {
    const response = await post(JSON.stringify({ ...statusBody, status: "NOT_DELIVERED_YET" }));
    expect(response.status).toBe(200);
    expect(calls.status.map((report) => report.status)).toEqual(["not_delivered_yet"]);
  });

  it.each([
    ["text/plain", "text/plain"],
    ["no Content-Type", null],
  ])("reads JSON sent as %s: the platform does not document its Content-Type", async (_name, contentType) => {
    const response = await post(JSON.stringify(statusBody), { contentType });
    expect(response.status).toBe(200);
    expect(calls.status).toHaveLength(1);
  });

  it("answers 400 with the issue to a body without an id, without calling anything", async () => {
    const response = await post(JSON.stringify({ ...statusBody, id: undefined }));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const answer = await response.json();
    expect(answer.error).toMatch(/not a report/);
    expect(answer.issues).toEqual([{ path: "id", message: expect.stringMatching(/^is required/) }]);
    expect(handlerCalls()).toBe(0);
  });

  it("answers 400 to a body that is not JSON, without calling anything", async () => {
    const response = await post('{"id": 1, "status": ');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid UTF-8 JSON/);
    expect(handlerCalls()).toBe(0);
  });

  it("answers 200 to a report with __proto__ keys, handing it on without them", async () => {
    const response = await post(`{"__proto__":{"polluted":true},"meta":{"constructor":{"prototype":{"polluted":true}}},${JSON.stringify(statusBody).slice(1)}`);
    expect(response.status).toBe(200);
    expect(calls.status[0].raw).toEqual({ ...statusBody, meta: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers 405 with Allow: POST to a GET", async () => {
    const response = await fetch(`${base}/wwt/rcs?token=${secret}`);
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
    expect((calls.errors[0] as Error).message).toBe(leakedInError);
  });

  it("answers 408 to a sender that stops halfway, and closes the connection", async () => {
    const answer = await answerBeforeBodyEnds((req) => req.write(JSON.stringify(statusBody).slice(0, 20)));
    expect(answer).toEqual({ status: 408, connection: "close" });
    expect(handlerCalls()).toBe(0);
  });

  it("answers 413 to a declared Content-Length over the limit, before the body is sent", async () => {
    const answer = await answerBeforeBodyEnds((req) => req.write("{"), { "content-length": String(10 * 1024 * 1024) });
    expect(answer).toEqual({ status: 413, connection: "close" });
    expect(handlerCalls()).toBe(0);
  });

  it("answers 413 to a streamed body over the limit and stops reading it", async () => {
    const { status, connection, bytesRead } = await offerEndlessBody(`?token=${secret}`);
    expect(status).toBe(413);
    expect(connection).toBe("close");
    // The server read at most a few socket reads past the limit of the 256 MiB offered.
    expect(bytesRead).toBeLessThan(4 * 1024 * 1024);
    expect(handlerCalls()).toBe(0);
  });

  it("answers 408 to a sender that trickles its body, however long it keeps sending", async () => {
    let trickle: ReturnType<typeof setInterval> | undefined;
    try {
      const answer = await answerBeforeBodyEnds((req) => {
        req.write('{"id": 1, "padding": "');
        trickle = setInterval(() => req.write(" "), 5);
      });
      expect(answer).toEqual({ status: 408, connection: "close" });
    } finally {
      clearInterval(trickle);
    }
    expect(handlerCalls()).toBe(0);
  });

  // Refused at once, the body is cancelled while Node is still handing it over: a cancel that
  // reached Readable.toWeb would crash the process on Node 20 and 22 (nodejs/node#54205).
  it.each([
    ["no token", "", 401],
    ["a wrong token", "?token=guessedguessedguessed", 403],
  ])("refuses %s while a large body is on its way, without reading it, and keeps serving", async (_name, query, expected) => {
    const { status, connection, bytesRead } = await offerEndlessBody(query);
    expect(status).toBe(expected);
    expect(connection).toBe("close");
    expect(bytesRead).toBeLessThan(4 * 1024 * 1024);
    expect((await post(JSON.stringify(statusBody))).status).toBe(200);
  });

  it("still answers on a new connection after refusing an oversize body", async () => {
    const response = await post(JSON.stringify(clickBody));
    expect(response.status).toBe(200);
  });
});

describe("the secret token in the callback URL", () => {
  it.each([
    ["no token", "", 401, /no token/],
    ["an empty token", "?token=", 403, /wrong token/],
    ["a wrong token", `?token=${secret.slice(0, -1)}X`, 403, /wrong token/],
    ["the token with one more character", `?token=${secret}X`, 403, /wrong token/],
    ["the token twice", `?token=${secret}&token=${secret}`, 403, /wrong token/],
    ["the token under another name", `?secret=${secret}`, 401, /no token/],
  ])("answers %s with %s, naming neither token, and calls nothing", async (_name, query, status, error) => {
    const response = await post(JSON.stringify(statusBody), { query });
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(JSON.parse(text).error).toMatch(error);
    expect(text).not.toContain(secret.slice(0, 8));
    expect(handlerCalls()).toBe(0);
  });

  it("refuses a wrong token before reading the body", async () => {
    const { body, seen } = watchedBody(new TextEncoder().encode(JSON.stringify(statusBody)), { once: true });
    const response = await handler(webPost(body, "http://localhost/wwt/rcs?token=guess"));
    expect(response.status).toBe(403);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulls).toBeLessThanOrEqual(1);
  });

  it.each([
    ["shorter than 16 characters", "Wq3vN8cT5yKp2Lz"],
    ["with a character a URL would have to escape", "Wq3vN8cT5yKp2LzR/"],
    ["with a space", "Wq3vN8cT 5yKp2LzR"],
  ])("is refused %s, without the secret in the message", (_name, weak) => {
    let caught: unknown;
    try {
      createRcsCallbackHandler({ secret: weak });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WwtConfigurationError);
    expect((caught as Error).message).not.toContain(weak);
  });
});

describe("without onError", () => {
  it("reports what onStatus threw to console.error, and answers the caller a bare 500", async () => {
    const failure = new Error("database down: postgres://app:s3cret@db/rcs");
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const handle = createRcsCallbackHandler({
        onStatus: () => {
          throw failure;
        },
      });
      const response = await handle(webPost(JSON.stringify(statusBody)));
      expect(response.status).toBe(500);
      expect(await response.text()).not.toContain("s3cret");
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0]).toContain(failure);
    } finally {
      logged.mockRestore();
    }
  });
});

describe("the deadline for your function", () => {
  const hanging = (extra: Partial<RcsCallbackHandlerOptions> = {}) => {
    const errors: unknown[] = [];
    const gate = deferred();
    const started: string[] = [];
    const handle = createRcsCallbackHandler({
      handlerTimeoutMs: 50,
      onStatus: async (report) => {
        started.push(report.id);
        await gate.promise;
      },
      onError: (error) => errors.push(error),
      ...extra,
    });
    return { handle, gate, errors, started };
  };

  it("answers 503 when onStatus has not settled in time, so that a platform that retries tries again", async () => {
    const { handle, errors, started } = hanging();
    const response = await handle(webPost(JSON.stringify(statusBody)));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "The callback could not be processed in time." });
    expect(started).toEqual([String(statusBody.id)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(WwtError);
    expect((errors[0] as Error).message).toMatch(/onStatus did not settle within 50 ms/);
  });

  it("still reports to onError what onStatus throws after the deadline", async () => {
    const { handle, gate, errors } = hanging();
    expect((await handle(webPost(JSON.stringify(statusBody)))).status).toBe(503);
    gate.reject(new Error("the database came back with an error"));
    await gate.promise.catch(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map((error) => (error as Error).message)).toEqual([
      expect.stringMatching(/did not settle/),
      "the database came back with an error",
    ]);
  });

  it("answers 200 when onStatus settles in time", async () => {
    const { handle, gate } = hanging({ handlerTimeoutMs: 60_000 });
    const answer = handle(webPost(JSON.stringify(statusBody)));
    gate.resolve();
    expect((await answer).status).toBe(200);
  });
});

describe("the web handler on its own", () => {
  const open = createRcsCallbackHandler({ onStatus: () => {}, bodyTimeoutMs: 50 });

  it("answers 408 to a body that stops arriving, and cancels the stream", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"id":1,'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await open(webPost(body));
    expect(response.status).toBe(408);
    expect(cancelled).toBe(true);
  });

  it("answers 413 to a streamed body over maxBodyBytes and cancels the stream", async () => {
    const { body, seen } = watchedBody(new Uint8Array(1000).fill(32));
    const small = createRcsCallbackHandler({ maxBodyBytes: 10_000, onStatus: () => {} });
    const response = await small(webPost(body));
    expect(response.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulls).toBeLessThanOrEqual(13);
  });

  it("accepts a body of exactly maxBodyBytes", async () => {
    const json = JSON.stringify(statusBody);
    const seen: RcsStatusReport[] = [];
    const exact = createRcsCallbackHandler({ maxBodyBytes: new TextEncoder().encode(json).byteLength, onStatus: (report) => void seen.push(report) });
    const response = await exact(webPost(json));
    expect(response.status).toBe(200);
    expect(seen.map((report) => report.raw)).toEqual([statusBody]);
  });

  it("answers 400 to a body that is not UTF-8", async () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]);
    expect((await open(webPost(bytes))).status).toBe(400);
  });

  it("answers 500 to a request whose body something read first, and tells onError why", async () => {
    const errors: unknown[] = [];
    const reports: RcsStatusReport[] = [];
    const handle = createRcsCallbackHandler({ onStatus: (report) => void reports.push(report), onError: (error) => void errors.push(error) });
    const request = webPost(JSON.stringify(statusBody));
    await request.text();
    const response = await handle(request);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "The callback could not be processed." });
    expect(errors).toEqual([expect.any(WwtConfigurationError)]);
    expect((errors[0] as Error).message).toMatch(/body was read before the callback handler/);
    expect(reports).toEqual([]);
  });

  it("answers 401 to a request read first and without a token, as to any other", async () => {
    const request = webPost(JSON.stringify(statusBody));
    await request.json();
    expect((await createRcsCallbackHandler({ secret })(request)).status).toBe(401);
  });

  it("acknowledges a kind of report it was given no function for", async () => {
    expect((await open(webPost(JSON.stringify(clickBody)))).status).toBe(200);
  });

  it.each([
    ["maxBodyBytes", 0],
    ["maxBodyBytes", -1],
    ["maxBodyBytes", 1.5],
    ["bodyTimeoutMs", Number.NaN],
    ["bodyTimeoutMs", 0],
    ["handlerTimeoutMs", Number.POSITIVE_INFINITY],
    ["handlerTimeoutMs", -5],
  ])("refuses %s %s", (option, value) => {
    expect(() => createRcsCallbackHandler({ [option]: value })).toThrow(WwtConfigurationError);
  });
});
