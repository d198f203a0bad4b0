// How a test talks to the app (test/runtimes/consumer/app.mjs) a runtime hosts, and the
// checks every runtime goes through: a message and a campaign sent to the fake API, a body
// refused before anything is sent, and the status callback answered 200.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { examples, startFakeApi, type FakeApi } from "./fake-api.js";

export interface AppRequest {
  method: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
}

export interface AppAnswer {
  status: number;
  body: any;
}

/** A runtime hosting the app: `call` reaches it the way that runtime is reached. */
export interface RunningApp {
  call(path: string, request: AppRequest): Promise<AppAnswer>;
  stop(): Promise<void>;
}

/** Reads an answer of the app: its status and its JSON body, if any. */
export async function appAnswer(response: Response): Promise<AppAnswer> {
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

/** An app served over HTTP at `url`, called with the test process's own fetch. */
export function overHttp(url: string, stop: () => Promise<void>): RunningApp {
  return { call: async (path, request) => appAnswer(await fetch(new URL(path, url), request)), stop };
}

/**
 * The checks every runtime goes through. `runtime` is what the runtime says it is, as the
 * app reports it; `start` brings the runtime up with the app (it may allow the page's
 * origin on the fake API).
 */
export function describeRuntime(title: string, runtime: string | RegExp, start: (api: FakeApi) => Promise<RunningApp>) {
  describe(title, () => {
    let api: FakeApi;
    let app: RunningApp | undefined;
    let run: AppAnswer;
    let callback: AppAnswer;
    let reported: AppAnswer;

    beforeAll(async () => {
      api = await startFakeApi();
      app = await start(api);
      run = await app.call("/run", {
        method: "POST",
        body: JSON.stringify({ apiUrl: api.url, message: examples.message, campaign: examples.campaign }),
      });
      callback = await app.call("/wwt/rcs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(examples.statusCallback),
      });
      reported = await app.call("/reported", { method: "GET" });
    });

    afterAll(async () => {
      await app?.stop();
      await api?.close();
    });

    it(`runs there (reports itself as ${runtime})`, () => {
      expect(run.status, JSON.stringify(run.body)).toBe(200);
      if (typeof runtime === "string") expect(run.body.runtime).toBe(runtime);
      else expect(run.body.runtime).toMatch(runtime);
    });

    it("logs in once, then sends a message and a campaign, each as the spec's example", () => {
      expect(api.requests.map((request) => request.route)).toEqual([
        "POST /api/auth/login",
        "POST /api/messages/rcs/send",
        "POST /api/campaigns/rcs/send-groups",
      ]);
      const [login, message, campaign] = api.requests;
      expect(login.body).toEqual({ api_key: "test_runtimes" });
      expect(message.body).toEqual(examples.message);
      expect(campaign.body).toEqual(examples.campaign);
      for (const send of [message, campaign]) expect(send.authorization).toBe(`Bearer ${examples.login.bearer}`);
      expect(run.body.message).toEqual(examples.messageSent.data);
      expect(run.body.campaign).toEqual(examples.campaignSent.data);
    });

    it("refuses a 41-character sender with a WwtError naming `sender`, sending nothing", () => {
      expect(run.body.refused).toEqual({
        refused: true,
        name: expect.stringMatching(/^(Wwt)?RequestValidationError$/),
        isWwtError: true,
        firstIssuePath: "sender",
      });
      // Sent between the message and the campaign, it would be a second message request.
      expect(api.requests.filter((request) => request.route === "POST /api/messages/rcs/send")).toHaveLength(1);
    });

    it("answers the spec's status callback 200 and passes it to onStatus", () => {
      expect(callback.status, JSON.stringify(callback.body)).toBe(200);
      expect(reported.body).toEqual([{ id: String(examples.statusCallback.id), status: examples.statusCallback.status }]);
    });
  });
}
