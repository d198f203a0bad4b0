// The client against a real HTTP server that misbehaves: every fault ends in the right typed
// error, with the right fields, after exactly the requests it should make — no duplicate
// send, no retry loop, no unhandled rejection — and in the same outcome whichever way the send
// goes out: straight to the transport, or through openapi-fetch and your middleware.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createRcsClient,
  WwtAbortError,
  WwtApiError,
  WwtDuplicateRequestError,
  WwtError,
  WwtInvalidResponseError,
  WwtLoginError,
  WwtNetworkError,
  WwtServerError,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { minimalCampaign } from "../support/request-cases.js";
import { answerJson, answerText, dropConnection, startFaultServer, type Exchange, type FaultServer, type Received } from "../support/fault-server.js";
import { acceptedAnswer, faultScenarios, plainMessage, runScenario, type FaultScenario, type ScenarioRun } from "../support/fault-scenarios.js";

const apiKey = "test_4f1c+2a9e/0b7d=";
const unhandled: unknown[] = [];
const recordUnhandled = (reason: unknown) => unhandled.push(reason);
const servers: FaultServer[] = [];

beforeAll(() => {
  process.on("unhandledRejection", recordUnhandled);
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
  // A rejection nobody handles is reported after the microtask queue drains: give it a turn.
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(unhandled).toEqual([]);
});

afterAll(() => {
  process.off("unhandledRejection", recordUnhandled);
});

function outcomeOf({ expected }: FaultScenario): string {
  const requests = `${expected.sends} send${expected.sends === 1 ? "" : "s"} and ${expected.logins} login${expected.logins === 1 ? "" : "s"}`;
  return `${expected.error ? `fails with ${expected.error.name}` : "succeeds"} after exactly ${requests}`;
}

async function expectOutcome({ expected, check }: FaultScenario, run: ScenarioRun): Promise<void> {
  const { outcome } = run;
  if (expected.error) {
    expect(outcome.resolved, "the send should have failed").toBe(false);
    const { error } = outcome as { error: Error };
    expect(error.constructor).toBe(expected.error);
    expect(error).toMatchObject(expected.fields ?? {});
  } else {
    expect(outcome.resolved, "the send should have succeeded").toBe(true);
  }
  expect(run.sends).toHaveLength(expected.sends);
  expect(run.logins).toHaveLength(expected.logins);
  await check?.(run);
}

/**
 * An error as a caller can observe it: its class and message, every field of ours, and its
 * cause's. (The answer's Date and Content-Length are left out: the clock and the tokens issued
 * differ from one server to another.)
 */
function observed(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { headers, ...fields } = error instanceof WwtError ? ({ ...error } as Record<string, unknown>) : {};
  const answerHeaders = headers instanceof Headers ? [...headers].filter(([name]) => name !== "date" && name !== "content-length") : undefined;
  return { class: error.constructor.name, message: error.message, ...fields, headers: answerHeaders, cause: observed(error.cause) };
}

/**
 * Everything a run shows but what differs from one server to another (its port, the tokens it
 * issued, its clock) and the order of the request's headers, which means nothing in HTTP.
 */
function summaryOf(run: ScenarioRun): unknown {
  const request = ({ method, path, headers, body }: Received) => ({
    method,
    path,
    body,
    headers: Object.entries(headers).filter(([name]) => !["host", "authorization", "date"].includes(name)).sort(),
  });
  const { outcome, sends, logins } = run;
  const summary = { outcome: outcome.resolved ? outcome.value : observed(outcome.error), sends: sends.map(request), logins: logins.map(request) };
  return JSON.parse(JSON.stringify(summary).replaceAll(run.server.url, "<server>"));
}

describe("each fault, the same straight to the transport and through your middleware", () => {
  it.each(faultScenarios.map((scenario) => [scenario.name, outcomeOf(scenario), scenario] as const))(
    "%s: %s",
    async (_name, _outcome, scenario) => {
      const [direct, throughMiddleware] = await Promise.all([
        runScenario(scenario, { apiKey }),
        runScenario(scenario, { apiKey }, { throughMiddleware: true }),
      ]);
      servers.push(direct.server, throughMiddleware.server);
      await expectOutcome(scenario, direct);
      await expectOutcome(scenario, throughMiddleware);
      expect(summaryOf(throughMiddleware)).toEqual(summaryOf(direct));
      // The middleware saw the send (unless it never got past the token), the login and any lookup.
      const { outcome } = throughMiddleware;
      const stoppedBeforeSending = !outcome.resolved && (outcome.error instanceof WwtLoginError || (outcome.error instanceof WwtAbortError && !outcome.error.outcomeUnknown));
      const reached = stoppedBeforeSending ? [] : ["/api/messages/rcs/send"];
      const loggedIn = throughMiddleware.logins.length > 0 ? ["/api/auth/login"] : [];
      const lookedUp = throughMiddleware.lookups.length > 0 ? ["/api/messages"] : [];
      expect(new Set(throughMiddleware.seen)).toEqual(new Set([...loggedIn, ...reached, ...lookedUp]));
    },
  );
});

describe("one failed login, shared by 200 sends waiting for it", () => {
  it("fails each send with an error of its own, naming its own operation, and sends nothing", async () => {
    const server = await startFaultServer({
      answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer),
      answerLogin: (exchange) => answerJson(exchange, 429, { message: "Too Many Attempts." }),
    });
    servers.push(server);
    const rcs = createRcsClient({ apiKey, baseUrl: server.url });
    const calls = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? ["sendRcsMessage", rcs.sendRcsMessage(plainMessage)] : ["sendRcsCampaignToGroups", rcs.sendRcsCampaignToGroups(minimalCampaign)],
    ) as Array<[string, Promise<unknown>]>;
    const errors: any[] = await Promise.all(calls.map(([, call]) => call.catch((e) => e)));
    errors.forEach((error, i) => {
      expect(error).toBeInstanceOf(WwtLoginError);
      expect(error).toMatchObject({ operation: calls[i][0], status: 429, outcomeUnknown: false });
      expect(error.cause).toBeInstanceOf(WwtDuplicateRequestError);
    });
    expect(new Set(errors).size).toBe(200);
    expect(server.logins()).toHaveLength(1);
    expect(server.sends()).toHaveLength(0);
  });
});

describe("rcs.api against a real server", () => {
  it("answers with the response's own URL", async () => {
    const server = await startFaultServer({ answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer) });
    servers.push(server);
    const { data, response } = await createRcsClient({ apiKey, baseUrl: server.url }).api.POST("/api/messages/rcs/send", { body: plainMessage });
    expect(data).toEqual(acceptedAnswer);
    expect(response.url).toBe(`${server.url}/api/messages/rcs/send`);
  });
});

describe("answers nested too deeply to walk recursively", () => {
  const nested = (depth: number) => '{"x":'.repeat(depth) + "1" + "}".repeat(depth);

  it.each([
    [200, WwtInvalidResponseError],
    [500, WwtServerError],
  ])("a %s whose body is nested 10,000 levels deep ends in %o, not a stack overflow", async (status, type) => {
    const server = await startFaultServer({
      answerSend: (exchange) => answerText(exchange, status, nested(10_000), { "content-type": "application/json" }),
    });
    servers.push(server);
    const rcs = createRcsClient({ apiKey, baseUrl: server.url });
    const error = await rcs.sendRcsMessage(plainMessage).catch((e) => e);
    expect(error).toBeInstanceOf(type);
    expect(error.status).toBe(status);
    let depth = 0;
    for (let node = error.body; typeof node === "object"; node = node.x) depth++;
    expect(depth).toBe(10_000);
    expect(server.sends()).toHaveLength(1);
  });

  it("a 422 whose field error is nested 10,000 levels deep shows that message as too deeply nested, and the others as sent", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    const server = await startFaultServer({
      answerSend: (exchange) =>
        answerText(exchange, 422, `{"message":"The given data was invalid.","errors":{"sender":[${deep},"too long"]}}`, { "content-type": "application/json" }),
    });
    servers.push(server);
    const error = await createRcsClient({ apiKey, baseUrl: server.url }).sendRcsMessage(plainMessage).catch((e) => e);
    expect(error).toBeInstanceOf(WwtApiError);
    expect(error.fieldErrors).toEqual([
      { field: "sender", message: "(too deeply nested to show)" },
      { field: "sender", message: "too long" },
    ]);
    expect(error.message).toContain("sender: (too deeply nested to show); sender: too long");
  });
});

describe("1,000 sends in parallel, a tenth of them failing", () => {
  /** mulberry32: a small seeded PRNG, so the same sends fail on every run. */
  function mulberry32(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  const failures = {
    serverError: [WwtServerError, (exchange: Exchange) => answerJson(exchange, 500, { message: "Server Error" })],
    proxyPage: [WwtServerError, (exchange: Exchange) => answerText(exchange, 502, "<h1>502 Bad Gateway</h1>")],
    duplicate: [WwtDuplicateRequestError, (exchange: Exchange) => answerJson(exchange, 429, { message: "Too many duplicate request detected" })],
    brokenJson: [WwtInvalidResponseError, (exchange: Exchange) => answerText(exchange, 200, '{"data":', { "content-type": "application/json" })],
    dropped: [WwtNetworkError, dropConnection],
  } as const;
  type Fate = keyof typeof failures | "accepted";

  it("settles every promise, accounts for each success and failure, and sends each message exactly once", async () => {
    const random = mulberry32(20261201);
    const kinds = Object.keys(failures) as (keyof typeof failures)[];
    const fates: Fate[] = Array.from({ length: 1000 }, () => (random() < 0.1 ? kinds[Math.floor(random() * kinds.length)] : "accepted"));
    const indexOf = (exchange: Exchange) => Number(/^message (\d+)$/.exec(exchange.request.body.options.text)![1]);

    const server = await startFaultServer({
      answerSend(exchange) {
        const index = indexOf(exchange);
        const fate = fates[index];
        if (fate === "accepted") return answerJson(exchange, 200, { data: { ...acceptedAnswer.data, id: index } });
        failures[fate][1](exchange);
      },
    });
    servers.push(server);
    const rcs = createRcsClient({ apiKey, baseUrl: server.url });
    const bodies = fates.map((_, i): SendRcsMessageRequest => ({ ...plainMessage, options: { text: `message ${i}` } }));

    const settled = await Promise.allSettled(bodies.map((body) => rcs.sendRcsMessage(body)));

    settled.forEach((result, i) => {
      const fate = fates[i];
      if (fate === "accepted") {
        expect(result, `send ${i}`).toEqual({ status: "fulfilled", value: expect.objectContaining({ id: i }) });
      } else {
        expect(result.status, `send ${i}`).toBe("rejected");
        expect((result as PromiseRejectedResult).reason.constructor, `send ${i}`).toBe(failures[fate][0]);
      }
    });
    const failed = fates.filter((fate) => fate !== "accepted").length;
    expect(settled.filter((r) => r.status === "rejected")).toHaveLength(failed);
    expect(failed).toBeGreaterThan(50);
    expect(new Set(fates.filter((fate) => fate !== "accepted"))).toEqual(new Set(kinds));

    const received = server.sends().map((request) => Number(/^message (\d+)$/.exec(request.body.options.text)![1]));
    expect(received).toHaveLength(1000);
    expect(new Set(received).size).toBe(1000);
    expect(server.logins()).toHaveLength(1);
  }, 60_000);
});
