// The tests each framework recipe of the README (test/frameworks) passes, with the framework's
// JSON body parser in place: the spec's examples of both callbacks, posted as the platform may
// (its Content-Type is undocumented), reach onStatus and onClick normalised and are answered
// 200; the token, the size limit and what is not a report are answered as the handler says.
import { once } from "node:events";
import type { Server } from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRcsCallbackHandler, parseRcsCallback, type RcsCallbackHandler, type RcsClickReport, type RcsStatusReport } from "../../src/index.js";
import { requestExamples } from "./spec.js";
import { closeNow, originOf } from "./local-server.js";

export const secret = "Wq3vN8cT5yKp2LzR";
export const maxBodyBytes = 4096;

/** An app that a recipe built, running: `send` posts to its path and query. */
export interface Receiver {
  send(pathAndQuery: string, init: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** A Receiver for a node:http server on 127.0.0.1, once it listens. */
export async function listening(server: Server): Promise<Receiver> {
  if (!server.listening) await once(server, "listening");
  const origin = originOf(server);
  return { send: (pathAndQuery, init) => fetch(`${origin}${pathAndQuery}`, init), close: () => closeNow(server) };
}

const statusExamples = Object.entries(requestExamples("onRcsStatusChanged"));
const clickExamples = Object.entries(requestExamples("onRcsSuggestionClicked"));
const [, statusBody] = statusExamples[0];

/** The recipe's app, given a handler, answers callbacks as the README says. */
export function describeRecipe(name: string, start: (handleCallback: RcsCallbackHandler) => Promise<Receiver>): void {
  describe(name, () => {
    const calls = { status: [] as RcsStatusReport[], click: [] as RcsClickReport[], errors: [] as unknown[] };
    const handleCallback = createRcsCallbackHandler({
      secret,
      maxBodyBytes,
      onStatus: (report) => void calls.status.push(report),
      onClick: (click) => void calls.click.push(click),
      onError: (error) => void calls.errors.push(error),
    });
    let receiver: Receiver;

    beforeAll(async () => {
      receiver = await start(handleCallback);
    });
    afterAll(() => receiver.close());
    beforeEach(() => {
      calls.status.length = 0;
      calls.click.length = 0;
      calls.errors.length = 0;
    });
    // No answer in these tests comes from a failure that only onError hears of.
    afterEach(() => expect(calls.errors).toEqual([]));

    /** POSTs `body` to /wwt/rcs with `query`, with the Content-Type given, or none for null. */
    function post(body: string, { contentType = "application/json" as string | null, query = `?token=${secret}` } = {}) {
      const headers: Record<string, string> = contentType ? { "content-type": contentType } : {};
      // Bytes, so that fetch adds no Content-Type of its own.
      return receiver.send(`/wwt/rcs${query}`, { method: "POST", body: new TextEncoder().encode(body), headers });
    }

    it.each(statusExamples)("answers 200 to the status example %s, after handing it to onStatus normalised", async (_example, body) => {
      const response = await post(JSON.stringify(body));
      expect(response.status).toBe(200);
      expect(calls.status).toEqual([parseRcsCallback(body).payload]);
      expect(calls.status[0]).toMatchObject({ id: String(body.id), status: body.status.toLowerCase(), raw: body });
      expect(calls.click).toEqual([]);
    });

    it.each(clickExamples)("answers 200 to the click example %s, after handing it to onClick normalised", async (_example, body) => {
      const response = await post(JSON.stringify(body));
      expect(response.status).toBe(200);
      expect(calls.click).toEqual([parseRcsCallback(body).payload]);
      expect(calls.click[0]).toMatchObject({ id: String(body.id), raw: body });
      expect(calls.status).toEqual([]);
    });

    it.each([["application/json; charset=utf-8"], ["text/plain"], ["no Content-Type"]])("reads a report sent as %s", async (type) => {
      const response = await post(JSON.stringify(statusBody), { contentType: type === "no Content-Type" ? null : type });
      expect(response.status).toBe(200);
      expect(calls.status.map((report) => report.raw)).toEqual([statusBody]);
    });

    it.each([
      ["no token", "", 401, "The callback URL carries no token."],
      ["a wrong token", `?token=${secret.slice(0, -1)}X`, 403, "The callback URL carries a wrong token."],
    ])("answers a report with %s %s, handing it to nothing", async (_name, query, status, error) => {
      const response = await post(JSON.stringify(statusBody), { query });
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error });
      expect(calls.status).toEqual([]);
    });

    it.each([["application/json"], ["text/plain"]])("answers 413 to a report over maxBodyBytes sent as %s, handing it to nothing", async (type) => {
      const big = { ...statusBody, padding: "x".repeat(maxBodyBytes) };
      const response = await post(JSON.stringify(big), { contentType: type });
      expect(response.status).toBe(413);
      expect(await response.json()).toEqual({ error: `The body is larger than ${maxBodyBytes} bytes.` });
      expect(calls.status).toEqual([]);
    });

    it("answers 400 to a JSON object without an id, saying what is missing", async () => {
      const response = await post(JSON.stringify({ ...statusBody, id: undefined }));
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer.error).toBe("The body is not a report: it must be a JSON object with an id.");
      expect(answer.issues).toEqual([{ path: "id", message: expect.stringMatching(/^is required/) }]);
      expect(calls.status).toEqual([]);
    });

    it("answers 400 to a form, even one with an id and a status, saying why", async () => {
      const response = await post("id=1&status=delivered", { contentType: "application/x-www-form-urlencoded" });
      expect(response.status).toBe(400);
      const answer = await response.json();
      // Read from the stream it is not JSON; parsed by a form parser it is a form.
      expect([answer.error, ...(answer.issues ?? []).map((issue: { message: string }) => issue.message)].join(" ")).toMatch(
        /not valid UTF-8 JSON|was sent as application\/x-www-form-urlencoded and read as a form/,
      );
      expect(calls.status).toEqual([]);
    });

    it("answers 400 to broken JSON sent as application/json (the framework's parser may say so first)", async () => {
      const response = await post('{"id": 1, "status": ');
      expect(response.status).toBe(400);
      expect(calls.status).toEqual([]);
    });
  });
}
