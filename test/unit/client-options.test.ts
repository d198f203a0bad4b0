// The options that shape what goes out: client-level `headers` and `userAgent`, and a send's
// own `headers`, `timeoutMs` and `signal`, each both ways a send goes out (straight to the
// transport, or through openapi-fetch and a middleware of yours). The headers are checked where
// they arrive, at a real node:http server; the timeouts with fake timers, by counts, never by
// the clock.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRcsClient, WwtAbortError, WwtConfigurationError, WwtTimeoutError, type SendRcsCampaignRequest } from "../../src/index.js";
import { minimalCampaign } from "../support/request-cases.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { answerJson, startFaultServer, type FaultServer } from "../support/fault-server.js";
import { afterTurns } from "../support/turns.js";
import { sendingThrough, ways } from "../support/ways.js";
import { fakeFetch, freshToken, json } from "../support/fake-fetch.js";

const apiKey = "test_4f1c2a9e0b7d";
const campaignBody = minimalCampaign as SendRcsCampaignRequest;
const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const servers: FaultServer[] = [];

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function platform() {
  const server = await startFaultServer({ answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer) });
  servers.push(server);
  return server;
}

/** A fake platform that logs in and accepts every send, for what needs no real server. */
const fakePlatform = () => fakeFetch((request) => json(request.path === "/api/auth/login" ? { bearer: freshToken() } : acceptedAnswer));

describe("client-level headers", () => {
  it("go with every request, the login and calls through rcs.api included, beside the client's own", async () => {
    const server = await platform();
    const rcs = createRcsClient({ apiKey, baseUrl: server.url, headers: { "X-Request-Source": "billing", "X-Tenant": "acme" } });
    await rcs.sendRcsMessage(plainMessage);
    await rcs.api.POST("/api/messages/rcs/send", { body: plainMessage });
    expect(server.requests.map((request) => request.path)).toEqual(["/api/auth/login", "/api/messages/rcs/send", "/api/messages/rcs/send"]);
    for (const { headers } of server.requests) {
      expect(headers).toMatchObject({ "x-request-source": "billing", "x-tenant": "acme", "content-type": "application/json", "user-agent": `wwt-rcs/${version}` });
    }
    expect(server.sends().map((request) => request.headers.authorization)).toEqual([expect.stringMatching(/^Bearer /), expect.stringMatching(/^Bearer /)]);
  });

  it("may be given as a Headers object", async () => {
    const server = fakePlatform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, headers: new Headers({ "X-Request-Source": "billing" }) });
    await rcs.sendRcsMessage(plainMessage);
    expect(server.sends()[0].headers["x-request-source"]).toBe("billing");
  });

  it.each([
    ["Authorization", "the client sends the token itself"],
    ["content-type", "the client sends JSON"],
    ["User-Agent", "use the userAgent option"],
    ["Content-Length", "fetch sets it"],
    ["Host", "fetch sets it"],
    ["Transfer-Encoding", "fetch sets it"],
    ["Connection", "fetch sets it"],
  ])("refuses %s (%s) before any request", (name, reason) => {
    const server = fakePlatform();
    expect(() => createRcsClient({ apiKey, fetch: server.fetch, headers: { [name]: "x" } })).toThrow(
      new WwtConfigurationError(`headers may not set ${name}: ${reason}.`),
    );
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["a value with a line break", { "X-Trace": "hunter2\r\nX-Injected: 1" }, "the value of X-Trace must be a string without line breaks"],
    ["a value beyond Latin-1", { "X-Trace": "hunter2 ✓" }, "the value of X-Trace must be a string"],
    ["a value that is not a string", { "X-Trace": 42 }, "the value of X-Trace must be a string"],
    ["a name that is not a header name", { "X Trace": "hunter2" }, 'holds "X Trace", which is not a header name'],
    ["an array", [["X-Trace", "hunter2"]], "headers must be an object of header names and values"],
    ["a string", "X-Trace: hunter2", "headers must be an object of header names and values"],
    ["null", null, "headers must be an object of header names and values"],
  ])("refuses %s, without quoting any value", (_what, headers, message) => {
    let error: any;
    try {
      createRcsClient({ apiKey, headers: headers as never });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(error.message).toContain(message);
    expect(error.message).not.toContain("hunter2");
  });
});

describe("userAgent", () => {
  it("is sent after the client's own name and version, on every request", async () => {
    const server = await platform();
    const rcs = createRcsClient({ apiKey, baseUrl: server.url, userAgent: "acme-shop/1.4 (+https://shop.example.com)" });
    await rcs.sendRcsMessage(plainMessage);
    expect(server.requests.map((request) => request.headers["user-agent"])).toEqual([
      `wwt-rcs/${version} acme-shop/1.4 (+https://shop.example.com)`,
      `wwt-rcs/${version} acme-shop/1.4 (+https://shop.example.com)`,
    ]);
  });

  it.each([["", "empty"], [" acme/1", "a leading space"], ["acme/1\nX-Injected: 1", "a line break"], ["acme/1 ✓", "non-ASCII"], ["a".repeat(257), "too long"], [42, "a number"]])(
    "refuses %j (%s)",
    (userAgent, _why) => {
      expect(() => createRcsClient({ apiKey, userAgent: userAgent as never })).toThrow("userAgent must name your application and its version");
    },
  );

  it("is left out in a browser, which does not let a page set User-Agent, and so is the client's own", async () => {
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36" });
    const server = fakePlatform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, userAgent: "acme-shop/1.4" });
    await rcs.sendRcsMessage(plainMessage);
    for (const request of server.requests) expect(request.headers).not.toHaveProperty("user-agent");
  });
});

describe.each(ways)("a send's own headers, sent %s", (_way, throughMiddleware) => {
  it("go with that send only, and replace a client-level header of the same name", async () => {
    const server = await platform();
    const rcs = sendingThrough(createRcsClient({ apiKey, baseUrl: server.url, headers: { Prefer: "code=200", "X-Request-Source": "billing" } }), throughMiddleware);
    await rcs.sendRcsMessage(plainMessage, { headers: { Prefer: "code=429", "X-Attempt": "2" } });
    await rcs.sendRcsCampaignToGroups(campaignBody);
    const [login, first, second] = server.requests;
    expect(login.headers).toMatchObject({ prefer: "code=200", "x-request-source": "billing" });
    expect(login.headers).not.toHaveProperty("x-attempt");
    expect(first.headers).toMatchObject({ prefer: "code=429", "x-request-source": "billing", "x-attempt": "2" });
    expect(second.headers).toMatchObject({ prefer: "code=200", "x-request-source": "billing" });
    expect(second.headers).not.toHaveProperty("x-attempt");
  });

  it("go with the replay after a 401 too", async () => {
    const server = await platform();
    const rcs = sendingThrough(createRcsClient({ apiKey, baseUrl: server.url }), throughMiddleware);
    await rcs.sendRcsMessage(plainMessage); // logs in
    server.revokeTokens();
    await rcs.sendRcsMessage(plainMessage, { headers: { "X-Trace": "t-1" } });
    const [refused, replayed] = server.sends().slice(1);
    expect([refused.headers["x-trace"], replayed.headers["x-trace"]]).toEqual(["t-1", "t-1"]);
    expect(replayed.authorization).not.toBe(refused.authorization);
  });

  it.each([
    [{ headers: { Authorization: "Bearer mine" } }, "options.headers may not set Authorization: the client sends the token itself."],
    [{ headers: { "X-Trace": "a\nb" } }, "options.headers: the value of X-Trace must be a string"],
    [{ headers: "Prefer: code=429" }, "options.headers must be an object of header names and values"],
  ])("refuses %j before anything is sent, naming the send", async (options, message) => {
    const server = fakePlatform();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const error = await rcs.sendRcsMessage(plainMessage, options as never).catch((e) => e);
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(error.message.startsWith(`sendRcsMessage: ${message}`)).toBe(true);
    expect(error.operation).toBe("sendRcsMessage");
    expect(server.requests).toHaveLength(0);
  });
});

describe.each(ways)("a send's own timeoutMs, sent %s", (_way, throughMiddleware) => {
  const hang = (_r: unknown, _n: number, signal: AbortSignal) =>
    new Promise<Response>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
  /** A platform that logs in at once and never answers a send. */
  const silent = () => fakeFetch((request, call, signal) => (request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : hang(request, call, signal)));

  /** Starts a send, and tells whether it has settled after each advance of the fake clock. */
  function pending(promise: Promise<unknown>) {
    let settled = false;
    const result = promise.catch((e) => e).finally(() => (settled = true));
    return { result, settled: () => settled };
  }

  it("replaces the client's, when shorter", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = silent();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch, timeoutMs: 10_000 }), throughMiddleware);
    const send = pending(rcs.sendRcsMessage(plainMessage, { timeoutMs: 150 }));
    await vi.advanceTimersByTimeAsync(149);
    expect(send.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await send.result).toMatchObject({ name: "WwtTimeoutError", operation: "sendRcsMessage", timeoutMs: 150 });
  });

  it("replaces the client's, when longer, and applies to that send only", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = silent();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch, timeoutMs: 100 }), throughMiddleware);
    const patient = pending(rcs.sendRcsMessage(plainMessage, { timeoutMs: 5_000 }));
    const hasty = pending(rcs.sendRcsMessage(plainMessage));
    await vi.advanceTimersByTimeAsync(100);
    expect(await hasty.result).toBeInstanceOf(WwtTimeoutError);
    expect(patient.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(await patient.result).toMatchObject({ name: "WwtTimeoutError", timeoutMs: 5_000 });
    expect(server.sends()).toHaveLength(2);
  });

  it("bounds each repeat of a retried send", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = silent();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch, timeoutMs: 10_000, retry: { retries: 1, initialDelayMs: 0 } }), throughMiddleware);
    const send = pending(rcs.sendRcsMessage({ ...plainMessage, phone: { number: "380661231231", reference_id: "order10452" } }, { timeoutMs: 50 }));
    await vi.advanceTimersByTimeAsync(50);
    await afterTurns(() => server.sends().length === 2);
    expect(send.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(50);
    expect(await send.result).toMatchObject({ name: "WwtTimeoutError", timeoutMs: 50 });
  });

  it.each([0, -1, Number.NaN, Infinity, 2 ** 31, "150"])("refuses %s before anything is sent, naming the send", async (timeoutMs) => {
    const server = fakePlatform();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const error = await rcs.sendRcsCampaignToGroups(campaignBody, { timeoutMs: timeoutMs as never }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(error.message).toBe("sendRcsCampaignToGroups: options.timeoutMs must be a number from 1 to 2147483647.");
    expect(server.requests).toHaveLength(0);
  });
});

describe.each(ways)("a send's own signal, sent %s", (_way, throughMiddleware) => {
  it("aborts that send only", async () => {
    const server = fakeFetch((request, _call, signal) => {
      if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
      if (request.headers["x-send"] === "kept") return json(acceptedAnswer);
      return new Promise<Response>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    });
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const controller = new AbortController();
    const aborted = rcs.sendRcsMessage(plainMessage, { signal: controller.signal, headers: { "X-Send": "aborted" } });
    await afterTurns(() => server.sends().length === 1);
    const kept = rcs.sendRcsMessage(plainMessage, { headers: { "X-Send": "kept" } });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: "WwtAbortError", outcomeUnknown: true });
    await expect(kept).resolves.toEqual(acceptedAnswer.data);
  });

  it("already aborted, refuses the send before logging in", async () => {
    const server = fakePlatform();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const error = await rcs.sendRcsMessage(plainMessage, { signal: AbortSignal.abort() }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtAbortError);
    expect(error.outcomeUnknown).toBe(false);
    expect(server.requests).toHaveLength(0);
  });

  it("that is not an AbortSignal is refused before anything is sent", async () => {
    const server = fakePlatform();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    await expect(rcs.sendRcsMessage(plainMessage, { signal: new AbortController() as never })).rejects.toThrow(
      "sendRcsMessage: options.signal must be an AbortSignal.",
    );
    expect(server.requests).toHaveLength(0);
  });
});
