// The corpus (test/support/platform-corpus.ts) through every part that meets what the platform
// sends or accepts, each row with the verdict the table states:
// - the pages' example requests: the request schema (a plain JSON Schema validator), the
//   client's validator before sending, and the Prism mock;
// - answers: the response schema of the answer's status (a plain JSON Schema validator), the
//   client over a fake fetch and over a real node:http server, and Prism as a validating proxy
//   in front of that server, which reports an answer that breaks the spec in its
//   `sl-violations` header. The operations the client has no method for yet
//   (sendRcsCampaignToPhones, listMessages, getCampaign, stopCampaign) skip the client's part
//   (their requests its validation) until it has them;
// - callbacks: the callback schema of the report's kind, parseRcsCallback, and
//   createRcsCallbackHandler as a web handler and behind a real node:http server.
// Prism cannot be handed a callback to judge: it only fires the spec's own callback
// examples, which callbacks-prism.test.ts receives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  WwtCallbackValidationError,
  createRcsCallbackHandler,
  createRcsClient,
  parseRcsCallback,
  WwtRequestValidationError,
  WwtInvalidResponseError,
  type RcsCallback,
} from "../../src/index.js";
import { toNodeListener } from "../../src/node.js";
import { call, type Operation } from "../support/calls.js";
import { startPrismProxy } from "../support/prism-proxy.js";
import { answerRows, callbackRows, requestRows, type AnswerRow, type CallbackRow, type RequestRow } from "../support/platform-corpus.js";
import { fakeFetch, freshToken, json } from "../support/fake-fetch.js";
import { validateAgainst } from "../support/reference-validator.js";
import { operation, requestExamples, resolve, responseExamples } from "../support/spec.js";
import { listenLocally, closeNow } from "../support/local-server.js";

const token = freshToken();

/** The spec's first success example of an operation. */
function answerOf(operationId: string): unknown {
  return Object.values(responseExamples(operationId, "200"))[0];
}

/** What a server sends a row's body as: JSON, or, for a body that is not, a proxy's HTML. */
function contentTypeOf(row: AnswerRow): string {
  return jsonOf(row.text) ? "application/json" : "text/html; charset=utf-8";
}

/** A body as JSON, or undefined when it is not JSON at all. */
function jsonOf(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function schemaOf(operationId: string, part: "answer" | "body", status = 200): string {
  const op = operation(operationId).operation;
  const response = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`];
  const media = part === "body" ? resolve(op.requestBody).content["application/json"] : resolve(response).content["application/json"];
  return media.schema.$ref.slice(1);
}

/** A valid request of an operation, from the spec's examples: its method, its path filled in, its body. */
function requestOf(operationId: Operation): { method: string; path: string; body?: unknown } {
  const { method, path, operation: op } = operation(operationId);
  const body = op.requestBody ? Object.values(requestExamples(operationId))[0] : undefined;
  const query = operationId === "listMessages" ? "?filter[reference_id]=otp20261201x7&page[limit]=50" : "";
  return { method: method.toUpperCase(), path: path.replace("{id}", "56022") + query, body };
}

/** A row's call through the client: its own body, or what `requestOf` sends for its operation. */
function send(baseUrl: string, row: AnswerRow | RequestRow, fetch?: typeof globalThis.fetch) {
  const rcs = createRcsClient({ token, baseUrl, fetch });
  if ("body" in row) return call(rcs, row.operation, { body: row.body });
  const { body } = requestOf(row.operation);
  return call(rcs, row.operation, { body, query: { filter: { reference_id: "otp20261201x7" }, page: { limit: 50 } }, path: { id: 56022 } });
}

async function expectClientVerdict(row: AnswerRow, sending: Promise<unknown>) {
  if ((row.clientVerdict ?? row.verdict) === "accepted") {
    const sent = JSON.parse(row.text);
    expect(await sending).toEqual(row.operation === "listMessages" ? sent : sent.data);
  } else {
    await expect(sending).rejects.toBeInstanceOf(WwtInvalidResponseError);
  }
}

// One node:http server: /wwt/rcs receives callbacks; any other path answers with the row
// under test, for the client and for Prism's proxy.
const received: RcsCallback[] = [];
const receiver = createRcsCallbackHandler({
  onStatus: (payload) => void received.push({ kind: "status", payload }),
  onClick: (payload) => void received.push({ kind: "click", payload }),
});
const receive = toNodeListener(receiver);
let answering: AnswerRow | undefined;

function answer(req: IncomingMessage, res: ServerResponse) {
  if (req.url?.startsWith("/wwt/rcs")) return receive(req, res);
  req.resume();
  req.on("end", () => {
    res.writeHead(answering!.status ?? 200, { "content-type": contentTypeOf(answering!) }).end(answering!.text);
  });
}

let server: Server;
let serverUrl: string;
let prism: { url: string; stop: () => Promise<void> };

beforeAll(async () => {
  server = createServer(answer);
  serverUrl = await listenLocally(server);
  prism = await startPrismProxy(serverUrl);
}, 90_000);

afterAll(async () => {
  await prism?.stop();
  await closeNow(server);
});

describe("the corpus", () => {
  it("holds the example answers of both pages and of the machine-readable description, and says why of every row", () => {
    const sources = new Set(answerRows.map((row) => row.source));
    for (const source of ["rcs-send.txt", "rcs-campaign-send-groups.txt", "PLATFORM-FACTS.md"]) expect(sources).toContain(source);
    for (const row of [...answerRows, ...callbackRows]) expect(row.why.length, row.name).toBeGreaterThan(10);
    const names = [...answerRows, ...callbackRows].map((row) => `${"operation" in row ? row.operation : "callback"} ${row.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it("holds both pages' example requests, as published and with their placeholders made real, and the machine-readable description's of a campaign to phone numbers", () => {
    expect(requestRows.map((row) => `${row.source} ${row.verdict}`).sort()).toEqual([
      "api/openapi.yaml (bsgworld/go-sdk) accepted",
      "api/openapi.yaml (bsgworld/go-sdk) accepted",
      "api/openapi.yaml (bsgworld/go-sdk) refused",
      "api/openapi.yaml (bsgworld/go-sdk) refused",
      "rcs-campaign-send-groups.txt accepted",
      "rcs-campaign-send-groups.txt refused",
      "rcs-send.txt accepted",
      "rcs-send.txt refused",
    ]);
  });

  it("holds an answer of every operation, the answers with 201, 404 and 422 among them", () => {
    const operations = new Set(answerRows.map((row) => row.operation));
    for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "listMessages", "getCampaign", "stopCampaign"]) {
      expect(operations, operationId).toContain(operationId);
    }
    expect(new Set(answerRows.map((row) => row.status ?? 200))).toEqual(new Set([200, 201, 404, 422, 429]));
  });

  it("has callbacks of each verdict: status changes, clicks, and both refusals", () => {
    const verdicts = new Set(callbackRows.map((row) => ("refused" in row.verdict ? row.verdict.refused : row.verdict.kind)));
    expect([...verdicts].sort()).toEqual([400, 413, "click", "status"].sort());
  });
});

const requestTable = requestRows.map((row) => [row.operation, row.name, row.verdict, row] as const);

describe("the pages' example requests", () => {
  it.each(requestTable)("%s, %s: %s by the request schema", (operationId, _name, verdict, row) => {
    const { valid, errors } = validateAgainst(schemaOf(operationId, "body"), row.body);
    expect(valid, JSON.stringify(errors, null, 1)).toBe(verdict === "accepted");
  });

  it.each(requestTable)("%s, %s: %s by the client, which sends it exactly or not at all", async (_operationId, _name, verdict, row) => {
    const { fetch, sends } = fakeFetch((request) => (request.path.includes("campaigns") ? json(answerOf("sendRcsCampaignToGroups")) : json(answerOf("sendRcsMessage"))));
    const sending = send("https://one-api.wwt.world", row, fetch);
    if (verdict === "accepted") {
      await sending;
      expect(sends().map((request) => request.body)).toEqual([row.body]);
    } else {
      const error = await sending.then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(WwtRequestValidationError);
      expect((error as WwtRequestValidationError).issues.map((issue) => issue.path)).toContain(row.issue);
      expect(sends()).toEqual([]);
    }
  });

  it.each(requestTable)("%s, %s: %s by the Prism mock", async (operationId, _name, verdict, row) => {
    const response = await fetch(new URL(operation(operationId).path, inject("prismUrl")), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(row.body),
    });
    await response.arrayBuffer();
    if (verdict === "accepted") expect(response.status).toBe(200);
    else expect(response.status).toBe(422);
  });
});

const answerTable = answerRows.map((row) => [row.operation, row.name, row.verdict, row] as const);

// The client hands over `data` of a success; its errors are the contract tests' business.
const clientAnswerTable = answerRows
  .filter((row) => (row.status ?? 200) < 300)
  .map((row) => [row.operation, row.name, row.verdict, row] as const);

describe("answers", () => {
  it.each(answerTable)("%s, %s: %s by the response schema of its status", (operationId, _name, verdict, row) => {
    const parsed = jsonOf(row.text);
    if (!parsed) {
      expect(verdict, "a body that is not JSON can only be refused").toBe("refused");
      return;
    }
    const { valid, errors } = validateAgainst(schemaOf(operationId, "answer", row.status), parsed.value);
    expect(valid, JSON.stringify(errors, null, 1)).toBe(verdict === "accepted");
  });

  it.each(clientAnswerTable)("%s, %s: %s by the client, over a fake fetch", async (_operationId, _name, _verdict, row) => {
    const { fetch } = fakeFetch(() => new Response(row.text, { status: row.status ?? 200, headers: { "content-type": contentTypeOf(row) } }));
    await expectClientVerdict(row, send("https://one-api.wwt.world", row, fetch));
  });

  it.each(clientAnswerTable)("%s, %s: %s by the client, over node:http", async (_operationId, _name, _verdict, row) => {
    answering = row;
    await expectClientVerdict(row, send(serverUrl, row));
  });

  it.each(answerTable)("%s, %s: %s by Prism as a validating proxy", async (operationId, _name, verdict, row) => {
    answering = row;
    const { method, path, body } = requestOf(operationId);
    const response = await fetch(new URL(path, prism.url), {
      method,
      headers: { ...(body !== undefined && { "content-type": "application/json" }), authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(await response.text()).toBe(row.text);
    const violations: Array<{ location: string[]; message: string }> = JSON.parse(response.headers.get("sl-violations") ?? "[]");
    const aboutTheAnswer = violations.filter((violation) => violation.location[0] === "response");
    if (verdict === "accepted") expect(aboutTheAnswer).toEqual([]);
    else expect(aboutTheAnswer.length).toBeGreaterThan(0);
    expect(violations.filter((violation) => violation.location[0] === "request"), "the request sent is valid").toEqual([]);
  });
});

const callbackTable = callbackRows.map((row) => [row.name, verdictOf(row), row] as const);

function verdictOf(row: CallbackRow): string {
  return "refused" in row.verdict ? `refused ${row.verdict.refused}` : `a ${row.verdict.kind}`;
}

/** Checks what a receiver made of a row: the answer, and what reached onStatus or onClick. */
function expectReceived(row: CallbackRow, status: number, calls: RcsCallback[]) {
  if ("refused" in row.verdict) {
    expect(status).toBe(row.verdict.refused);
    expect(calls).toEqual([]);
    return;
  }
  expect(status).toBe(200);
  expect(calls).toHaveLength(1);
  expect(calls[0].kind).toBe(row.verdict.kind);
  expect(calls[0].payload).toMatchObject(row.verdict.fields);
}

describe("callbacks", () => {
  it.each(callbackTable)("%s: %s; the spec's schema says so too, or the row says why not", (_name, _verdict, row) => {
    const parsed = jsonOf(row.text);
    if (!parsed) {
      expect(row.verdict, "a body that is not JSON can only be refused").toEqual({ refused: 400 });
      return;
    }
    // A refused payload matches neither kind; a report is judged by its own kind's schema.
    const kinds = "refused" in row.verdict && row.verdict.refused === 400 ? ["onRcsStatusChanged", "onRcsSuggestionClicked"] : [];
    if ("kind" in row.verdict) kinds.push(row.verdict.kind === "status" ? "onRcsStatusChanged" : "onRcsSuggestionClicked");
    if (kinds.length === 0) kinds.push("onRcsStatusChanged");
    const valid = kinds.some((kind) => validateAgainst(schemaOf(kind, "body"), parsed.value).valid);
    expect(valid).toBe(row.schema);
  });

  it.each(callbackTable)("%s: %s by parseRcsCallback", (_name, _verdict, row) => {
    const parsed = jsonOf(row.text);
    if (!parsed) return; // parseRcsCallback takes a body already parsed from JSON
    if ("refused" in row.verdict && row.verdict.refused === 400) {
      expect(() => parseRcsCallback(parsed.value)).toThrow(WwtCallbackValidationError);
      return;
    }
    // The size limit is the handler's: parseRcsCallback reads whatever it is given.
    const callback = parseRcsCallback(parsed.value);
    expectReceived("kind" in row.verdict ? row : { ...row, verdict: { kind: "status", fields: {} } }, 200, [callback]);
  });

  it.each(callbackTable)("%s: %s by createRcsCallbackHandler, as a Fetch Request", async (_name, _verdict, row) => {
    received.length = 0;
    const response = await receiver(new Request("https://hooks.example.com/wwt/rcs", { method: "POST", body: row.text, headers: { "content-type": "application/json" } }));
    expectReceived(row, response.status, received);
  });

  it.each(callbackTable)("%s: %s by createRcsCallbackHandler, over node:http", async (_name, _verdict, row) => {
    received.length = 0;
    const response = await fetch(`${serverUrl}/wwt/rcs`, { method: "POST", body: row.text, headers: { "content-type": "application/json" } });
    await response.arrayBuffer();
    expectReceived(row, response.status, received);
  });
});
