// toNodeListener (wwt-rcs/node) behind a body parser, on a real node:http server: a body that
// something read before the handler is taken from req.body (an object, a string, bytes) and
// answered exactly as the same body streamed, token and size limit included; a req.body on a
// request nobody read is not the body; a form is not a report; a body read and not kept is
// the server's fault. The "parser" here is a few lines that read the request as body-parser
// does (its stream consumed, the result on req.body); the README's recipes run the real
// frameworks in callbacks-frameworks, callbacks-express4 and callbacks-hono.test.ts.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRcsCallbackHandler, WwtConfigurationError, type RcsClickReport, type RcsStatusReport } from "../../src/index.js";
import { toNodeListener, type NodeCallbackRequest } from "../../src/node.js";
import { requestExamples } from "../support/spec.js";
import { listenLocally, closeNow } from "../support/local-server.js";

const statusBody = requestExamples("onRcsStatusChanged").delivered;
const clickBody = requestExamples("onRcsSuggestionClicked").clicked;
const secret = "Wq3vN8cT5yKp2LzR";
const maxBodyBytes = 2048;

const calls = { status: [] as RcsStatusReport[], click: [] as RcsClickReport[], errors: [] as unknown[] };
const listener = toNodeListener(
  createRcsCallbackHandler({
    secret,
    maxBodyBytes,
    onStatus: (report) => void calls.status.push(report),
    onClick: (click) => void calls.click.push(click),
    onError: (error) => void calls.errors.push(error),
  }),
);

/** What the test's parser does before the listener runs: read the stream, and leave something on req.body. */
type Parser = (req: NodeCallbackRequest, bytes: () => Promise<Buffer>) => Promise<void>;
let parser: Parser = async () => {};
/** What the listener saw: whether the stream had been read when it was called. */
let seen: { didRead: boolean; ended: boolean }[] = [];

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage & { body?: unknown }, res) => {
    const bytes = async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    };
    await parser(req, bytes);
    seen.push({ didRead: req.readableDidRead, ended: req.readableEnded });
    await listener(req, res);
  });
  base = await listenLocally(server);
});

afterAll(() => closeNow(server));

beforeEach(() => {
  calls.status.length = 0;
  calls.click.length = 0;
  calls.errors.length = 0;
  seen = [];
  parser = async () => {};
});

function post(body: string, { contentType = "application/json", query = `?token=${secret}`, method = "POST" } = {}) {
  return fetch(`${base}/wwt/rcs${query}`, { method, body: method === "GET" ? undefined : body, headers: { "content-type": contentType } });
}

/** `json` with more than maxBodyBytes of whitespace after its first brace. */
function padded(json: string) {
  return `{${" ".repeat(maxBodyBytes)}${json.slice(1)}`;
}

const parsers: Array<[string, Parser]> = [
  ["an object, parsed from JSON", async (req, bytes) => void (req.body = JSON.parse((await bytes()).toString("utf8")))],
  ["a string", async (req, bytes) => void (req.body = (await bytes()).toString("utf8"))],
  ["a Buffer", async (req, bytes) => void (req.body = await bytes())],
  ["a Uint8Array that is not a Buffer", async (req, bytes) => void (req.body = new Uint8Array(await bytes()))],
  ["an ArrayBuffer", async (req, bytes) => void (req.body = new Uint8Array(await bytes()).buffer)],
];

describe("a body read before the listener, left on req.body as", () => {
  it.each(parsers)("%s: the status change is handed to onStatus, normalised, and answered 200", async (_name, parse) => {
    parser = parse;
    const response = await post(JSON.stringify(statusBody));
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ didRead: true, ended: true }]);
    expect(calls.status).toEqual([expect.objectContaining({ id: String(statusBody.id), status: "delivered", raw: statusBody })]);
  });

  it.each(parsers)("%s: the click is handed to onClick and answered 200", async (_name, parse) => {
    parser = parse;
    expect((await post(JSON.stringify(clickBody))).status).toBe(200);
    expect(calls.click).toEqual([expect.objectContaining({ id: clickBody.id, text: clickBody.text, raw: clickBody })]);
  });

  it.each([
    ["no token", "", 401, /no token/],
    ["a wrong token", "?token=guessedguessedguessed", 403, /wrong token/],
  ])("%s: answered %s, as for a streamed body, and nothing called", async (_name, query, status, error) => {
    parser = parsers[0][1];
    const response = await post(JSON.stringify(statusBody), { query });
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(error);
    expect(calls.status).toEqual([]);
  });

  it("an object whose JSON is over maxBodyBytes: answered 413", async () => {
    parser = parsers[0][1];
    const big = { ...statusBody, padding: "x".repeat(maxBodyBytes) };
    const response = await post(JSON.stringify(big));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toBe(`The body is larger than ${maxBodyBytes} bytes.`);
    expect(calls.status).toEqual([]);
  });

  it("an object sent with more whitespace than maxBodyBytes, whose JSON is within it: counted by its JSON, answered 200", async () => {
    parser = parsers[0][1];
    const sent = padded(JSON.stringify(statusBody));
    expect(Buffer.byteLength(sent)).toBeGreaterThan(maxBodyBytes);
    expect((await post(sent)).status).toBe(200);
    expect(calls.status).toHaveLength(1);
  });

  it("a string over maxBodyBytes: answered 413 by its length as sent", async () => {
    parser = parsers[1][1];
    expect((await post(padded(JSON.stringify(statusBody)))).status).toBe(413);
  });

  it("an object without an id: answered 400 with the issue", async () => {
    parser = parsers[0][1];
    const response = await post(JSON.stringify({ ...statusBody, id: undefined }));
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: "id", message: expect.stringMatching(/^is required/) }]);
  });

  it("a string that is not JSON: answered 400, not valid JSON", async () => {
    parser = parsers[1][1];
    const response = await post("delivered", { contentType: "text/plain" });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid UTF-8 JSON/);
  });

  it("null (JSON's null): answered 400, not an object", async () => {
    parser = parsers[0][1];
    const response = await post("null");
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: "(body)", message: "must be a JSON object" }]);
  });

  it.each([
    ["application/x-www-form-urlencoded", "id=1&status=delivered"],
    ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="id"\r\n\r\n1\r\n--x--\r\n'],
  ])("an object parsed from a form (%s), even one with an id: answered 400, saying it was a form", async (type, sent) => {
    parser = async (req, bytes) => {
      await bytes();
      req.body = { id: "1", status: "delivered" };
    };
    const response = await post(sent, { contentType: type });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.error).toMatch(/not a report/);
    expect(answer.issues).toEqual([{ path: "(body)", message: expect.stringContaining(`was sent as ${type.split(";")[0]} and read as a form`) }]);
    expect(calls.status).toEqual([]);
  });

  it("an object the test's parser filled from a form, without a token: answered 401 first", async () => {
    parser = async (req, bytes) => {
      await bytes();
      req.body = { id: "1" };
    };
    expect((await post("id=1", { contentType: "application/x-www-form-urlencoded", query: "" })).status).toBe(401);
  });
});

describe("req.body on a request whose stream nobody read", () => {
  it.each([
    ["{} (Express 4's body-parser on a type it skips)", {}],
    ["a report that is not the one sent", { id: 999, status: "failed" }],
  ])("is not the body: %s is ignored and the report sent is read from the stream", async (_name, stale) => {
    parser = async (req) => void (req.body = stale);
    const response = await post(JSON.stringify(statusBody), { contentType: "text/plain" });
    expect(response.status).toBe(200);
    expect(seen).toEqual([{ didRead: false, ended: false }]);
    expect(calls.status.map((report) => report.raw)).toEqual([statusBody]);
  });

  it("is not the body of a GET either: answered 405", async () => {
    parser = async (req) => void (req.body = {});
    expect((await post("", { method: "GET" })).status).toBe(405);
  });
});

describe("a stream read with nothing left on req.body", () => {
  it("that had no bytes: read as the empty body it was, answered 400", async () => {
    parser = async (req, bytes) => void (await bytes());
    const response = await post("");
    expect(seen).toEqual([{ didRead: false, ended: true }]);
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/not valid UTF-8 JSON/);
    expect(calls.errors).toEqual([]);
  });

  it("that had a report: answered 500 (the server's fault, so a platform that retries tries again), and onError told why", async () => {
    parser = async (_req, bytes) => void (await bytes());
    const response = await post(JSON.stringify(statusBody));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "The callback could not be processed." });
    expect(calls.errors).toEqual([expect.any(WwtConfigurationError)]);
    expect((calls.errors[0] as Error).message).toMatch(/read before toNodeListener's handler, and req.body does not hold it/);
  });

  it("without a token: answered 401, the token checked first", async () => {
    parser = async (_req, bytes) => void (await bytes());
    expect((await post(JSON.stringify(statusBody), { query: "" })).status).toBe(401);
    expect(calls.errors).toEqual([]);
  });

  it("but something that is not JSON, such as a cycle: answered 500, and onError told why", async () => {
    parser = async (req, bytes) => {
      await bytes();
      const cyclic: Record<string, unknown> = { id: 1 };
      cyclic.self = cyclic;
      req.body = cyclic;
    };
    expect((await post(JSON.stringify(statusBody))).status).toBe(500);
    expect((calls.errors[0] as Error).message).toMatch(/cannot be written as JSON/);
  });
});

describe("the headers that described the body as sent", () => {
  it("do not describe a body read already: a gzip body inflated by the parser is read as it was left", async () => {
    const sent = gzipSync(JSON.stringify(statusBody));
    parser = async (req, bytes) => {
      req.body = JSON.parse(gunzipSync(await bytes()).toString("utf8"));
    };
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${base}/wwt/rcs?token=${secret}`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-encoding": "gzip", "content-length": sent.byteLength },
      });
      req.on("response", (response) => {
        response.resume();
        resolve(response.statusCode);
      });
      req.on("error", reject);
      req.end(sent);
    });
    expect(status).toBe(200);
    expect(calls.status.map((report) => report.raw)).toEqual([statusBody]);
  });
});
