// The mock as users run it. `npm run mock` (the code of `npx wwt-rcs-mock`) listens where
// PORT says, prints how to use it, answers in the platform's dialect, posts callbacks only to
// loopback addresses unless told otherwise, and stops, freeing its port and leaving no process,
// whoever gets the signal: itself (SIGINT, SIGTERM), its Prism process (SIGTERM), or nobody
// because it was killed with SIGKILL. startMock(), in this process: reset(), stop(), callbacks
// only when asked for and only to loopback addresses, and a clear error without Prism.
// No test here sends a packet beyond loopback: the in-process mock resolves no name but
// localhost and the tests' own (local-resolver.ts), the commands get only loopback addresses,
// 0.0.0.0 (which reaches this machine) and 169.254.169.254, which the mock refuses unconnected.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningMock } from "../../src/mock/index.js";
import { startMockWith } from "../../src/mock/start.js";
import { localResolver } from "../support/local-resolver.js";
import { closeNow, listenLocally } from "../support/local-server.js";
import { descendants, endsSoon, exitOf, freePort, isRunning, portIsClosed, startCommand, type Started } from "../support/processes.js";
import { operations, requestExamples } from "../support/spec.js";

const root = new URL("../..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

interface RunningCommand extends Started {
  port: number;
  url: string;
  prism: number[];
}

async function runMock(...args: string[]): Promise<RunningCommand> {
  const port = await freePort();
  const started = await startCommand(
    process.execPath,
    ["scripts/mock.mjs", ...args],
    { cwd: root, env: { ...process.env, PORT: String(port) } },
    /^Mock of the WWT\.world RCS API: (\S+)$/m,
  );
  return { ...started, port, url: started.printed[1], prism: descendants(started.child.pid!) };
}

const post = (url: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer test", ...headers },
    body: JSON.stringify(body),
  });
const send = (url: string, body: unknown) => post(url, "/api/messages/rcs/send", body);
const get = (url: string, path: string, token: string) => fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });

/** A local callback receiver on 127.0.0.1: what arrived, and `arrivals(n)` once `n` calls have. */
async function startReceiver() {
  const arrived: Array<{ url: string; body: Record<string, unknown> }> = [];
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      arrived.push({ url: request.url ?? "", body: JSON.parse(body) });
      response.end();
      for (const wait of waiting.filter((w) => arrived.length >= w.count)) wait.resolve();
    });
  });
  const origin = await listenLocally(server);
  return {
    arrived,
    port: Number(new URL(origin).port),
    arrivals: (count: number) => new Promise<void>((resolve) => (arrived.length >= count ? resolve() : waiting.push({ count, resolve }))),
    close: () => closeNow(server),
  };
}

/** Waits, a bounded number of times, until what `lines` gives matches every one of `patterns`. */
async function logged(lines: () => string, patterns: RegExp[], tries = 200): Promise<string> {
  for (let i = 0; i < tries && !patterns.every((pattern) => pattern.test(lines())); i++) await sleep(20);
  return lines();
}

const onlyLoopback = 'the mock posts callbacks only to localhost, 127.0.0.0/8 and [::1] unless started with --allow-callbacks-to-any-host (callbackHosts: "any")';

const cardMessage = (referenceId?: string) => ({
  phone: { number: "380661231231", ...(referenceId && { reference_id: referenceId }) },
  sender: "Acme Shop",
  options: { cards: [{ text: "Your parcel", suggestions: [{ text: "Track", url: "https://shop.example.com/t", postback_data: "track" }] }] },
});

describe("npm run mock", () => {
  const running: RunningCommand[] = [];
  let bySignal: Record<"SIGINT" | "SIGTERM" | "SIGKILL" | "prism", RunningCommand>;

  // The one given --allow-callbacks-to-any-host gets SIGTERM at the end.
  beforeAll(async () => {
    const [sigint, sigterm, sigkill, prism] = await Promise.all([runMock(), runMock("--allow-callbacks-to-any-host"), runMock(), runMock()]);
    running.push(sigint, sigterm, sigkill, prism);
    bySignal = { SIGINT: sigint, SIGTERM: sigterm, SIGKILL: sigkill, prism };
  }, 120_000);

  afterAll(() => {
    for (const { child, prism } of running) for (const pid of [child.pid, ...prism]) if (pid && isRunning(pid)) process.kill(pid, "SIGKILL");
  });

  it("listens on 127.0.0.1 at the port PORT names, and prints its URL, a client line with a test key, and how to reset it", () => {
    const { url, port, output } = bySignal.SIGINT;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(output()).toContain(`createRcsClient({ apiKey: "test_mock", baseUrl: "${url}" })`);
    expect(output()).toContain(`To empty it: curl -X POST ${url}/__mock/reset`);
    expect(output()).toContain("It keeps, per bearer token, the messages and campaigns you send");
  });

  it("runs Prism as one child process, whose log lines show the mock's address, not Prism's own", () => {
    const { prism, output, url } = bySignal.SIGINT;
    expect(prism).toHaveLength(1);
    expect(output()).toContain(`Prism is listening on ${url}`);
  });

  it("answers a valid send with 200 and an invalid one with the platform's 422", async () => {
    const { url } = bySignal.SIGINT;
    const valid = Object.values(requestExamples("sendRcsMessage"))[0] as Record<string, unknown>;
    expect((await send(url, { ...valid, phone: { number: "380661231231" } })).status).toBe(200);
    const invalid = await send(url, { ...valid, sender: "x".repeat(41) });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("sl-violations")).toBeNull();
    expect(await invalid.json()).toEqual({
      message: "The given data was invalid.",
      errors: { sender: ["The sender may not be greater than 40 characters."] },
    });
  });

  it("answers GET / with what it answers, each operation's method and path, and how to reset it, logging no error", async () => {
    const { url, output } = bySignal.SIGINT;
    const before = output().length;
    const root = await fetch(`${url}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get("content-type")).toBe("application/json");
    const body = await root.json();
    expect(body.message).toMatch(/^A mock of the WWT\.world RCS API \S+: it answers the operations below as the platform does\.$/);
    expect(body.operations).toEqual(
      operations().map(({ operationId, method, path, operation }) => ({ operationId, method: method.toUpperCase(), path, summary: operation.summary })),
    );
    expect(body.checks).toContain("lengths counted as the platform counts them (in UTF-16 code units");
    expect(body.reset).toEqual({ method: "POST", path: "/__mock/reset", description: expect.stringContaining("phone.reference_id") });
    expect((await fetch(`${url}/`, { method: "HEAD" })).status).toBe(200);
    // Prism never sees it: no "get /" line, no "Route not resolved" error.
    expect(output().slice(before)).not.toMatch(/\] (get|head) \/ |NO_PATH_MATCHED/);
  });

  it("posts callbacks to localhost, and refuses 0.0.0.0 and 169.254.169.254 without connecting, saying why", async () => {
    const { url, output } = bySignal.SIGINT;
    const receiver = await startReceiver();
    try {
      const targets = { loopback: `http://localhost:${receiver.port}/hook`, anyAddress: `http://0.0.0.0:${receiver.port}/hook`, metadata: "http://169.254.169.254/latest/meta-data" };
      for (const [name, callbackUrl] of Object.entries(targets)) {
        expect((await send(url, { ...cardMessage(`hosts${name}`), callback_url: callbackUrl })).status).toBe(200);
      }
      await receiver.arrivals(2);
      const log = await logged(output, [/callbacks to http:\/\/169\.254\.169\.254\S* not sent/, /callbacks to http:\/\/0\.0\.0\.0\S* not sent/, /suggestionClicked to http:\/\/localhost/]);
      expect(log).toContain(`[mock] callbacks to http://0.0.0.0:${receiver.port}/hook not sent: 0.0.0.0 is not a loopback address; ${onlyLoopback}\n`);
      expect(log).toContain(`[mock] callbacks to http://169.254.169.254/latest/meta-data not sent: 169.254.169.254 is not a loopback address; ${onlyLoopback}\n`);
      expect(log).toMatch(/^\[mock\] callback statusChanged to http:\/\/localhost:\d+\/hook: 200$/m);
      expect(receiver.arrived.map((call) => call.body.reference)).toEqual(["hostsloopback", "hostsloopback"]);
    } finally {
      await receiver.close();
    }
  });

  it("posts callbacks to any host when started with --allow-callbacks-to-any-host", async () => {
    const { url, output } = bySignal.SIGTERM;
    expect(output()).toContain("It posts callbacks to any callback_url (--allow-callbacks-to-any-host).");
    const receiver = await startReceiver();
    try {
      expect((await send(url, { ...cardMessage("anyhost"), callback_url: `http://0.0.0.0:${receiver.port}/hook` })).status).toBe(200);
      await receiver.arrivals(2);
      expect(receiver.arrived.map((call) => call.body.reference)).toEqual(["anyhost", "anyhost"]);
    } finally {
      await receiver.close();
    }
  });

  it.each(["SIGINT", "SIGTERM"] as const)("stops on %s with exit code 0, leaving no process and no open port", async (signal) => {
    const { child, prism, port } = bySignal[signal];
    child.kill(signal);
    expect(await exitOf(child)).toBe(0);
    for (const pid of prism) expect(await endsSoon(pid), `Prism (${pid}) still runs`).toBe(true);
    expect(await portIsClosed(port)).toBe(true);
  });

  it("killed with SIGKILL, takes its Prism process with it", async () => {
    const { child, prism, port } = bySignal.SIGKILL;
    child.kill("SIGKILL");
    await exitOf(child);
    for (const pid of prism) expect(await endsSoon(pid), `Prism (${pid}) outlived the mock`).toBe(true);
    expect(await portIsClosed(port)).toBe(true);
  });

  it("stops with exit code 1, freeing its port, when its Prism process gets SIGTERM", async () => {
    const { child, prism, port, output } = bySignal.prism;
    process.kill(prism[0], "SIGTERM");
    expect(await exitOf(child)).toBe(1);
    expect(output()).toMatch(/Prism exited \(SIGTERM\); the mock stops/);
    expect(await portIsClosed(port)).toBe(true);
  });
});

describe("npm run mock, with npm between it and the program that started it", () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  });

  /** `command args` in the project, on a fresh port, with every process it started. */
  async function run(command: string, args: string[]) {
    const port = await freePort();
    const running = await startCommand(command, args, { cwd: root, env: { ...process.env, PORT: String(port) } }, /^Mock of the WWT\.world RCS API: (\S+)$/m);
    const processes = descendants(running.child.pid!);
    started.push(running.child.pid!, ...processes);
    return { ...running, port, processes };
  }

  it("stops, leaving no process and no open port, when a program sends npm SIGINT (which npm's shell holds back)", async () => {
    const { child, processes, port, output } = await run("npm", ["run", "mock", "--silent"]);
    expect(processes.length, "npm's shell, the mock and its Prism").toBeGreaterThanOrEqual(3);
    child.kill("SIGINT");
    await exitOf(child);
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived npm`).toBe(true);
    expect(output()).toContain("wwt-rcs-mock: npm got a signal to stop (which its shell holds back); stopping");
    expect(await portIsClosed(port)).toBe(true);
  });

  it("stops, leaving no process and no open port, when the process that started npm is killed with SIGKILL", async () => {
    const { child, processes, port, output } = await run("bash", ["-c", "npm run mock --silent & wait"]);
    expect(processes.length, "npm, its shell, the mock and its Prism").toBeGreaterThanOrEqual(4);
    child.kill("SIGKILL");
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived the one that started npm`).toBe(true);
    expect(output()).toContain("wwt-rcs-mock: the process that started it ended; stopping");
    expect(await portIsClosed(port)).toBe(true);
  });
});

describe("startMock", () => {
  let mock: RunningMock;
  const lines: string[] = [];
  const log = () => lines.join("\n");
  // hooks.example.com as DNS has it; callbacks.test, a name of the tests' own, on loopback.
  const resolve = localResolver({ "hooks.example.com": ["93.184.215.14"], "callbacks.test": ["127.0.0.1"] });
  beforeAll(async () => {
    mock = await startMockWith({ onLog: (line) => lines.push(line) }, { resolve });
  }, 90_000);
  afterAll(() => mock?.stop());

  it("listens on a free port of 127.0.0.1 by default", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("reset() empties every account, messages, campaigns and reference ids, and restarts its ids, as POST /__mock/reset does", async () => {
    const found = async (token: string) => (await (await get(mock.url, "/api/messages", token)).json()).meta.page.total;
    mock.reset();
    const first = await (await send(mock.url, cardMessage("reset1"))).json();
    const scheduled = { phones: [{ number: "380661231231" }], sender: "Acme Shop", options: { text: "Soon" }, start_at: "2026-12-24 09:00:00" };
    const campaign = await (await post(mock.url, "/api/campaigns/rcs/send", scheduled, { authorization: "Bearer other" })).json();
    expect((await send(mock.url, cardMessage("reset1"))).status).toBe(429);
    expect([await found("test"), await found("other")]).toEqual([1, 1]);
    mock.reset();
    expect([await found("test"), await found("other")]).toEqual([0, 0]);
    expect((await get(mock.url, `/api/campaigns/${campaign.data.id}`, "other")).status).toBe(404);
    const again = await send(mock.url, cardMessage("reset1"));
    expect(again.status).toBe(200);
    expect((await again.json()).data.id).toBe(first.data.id);

    expect((await send(mock.url, cardMessage("reset1"))).status).toBe(429);
    const reset = await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
    expect(reset.status).toBe(204);
    expect((await send(mock.url, cardMessage("reset1"))).status).toBe(200);
    expect((await fetch(`${mock.url}/__mock/reset`)).status).toBe(405);
  });

  it("sends callbacks only for a send with a callback_url, and logs no callback error for one without", async () => {
    const receiver = await startReceiver();
    const callbackUrl = `http://127.0.0.1:${receiver.port}/hook?token=secret7`;
    try {
      const before = lines.length;
      expect((await send(mock.url, cardMessage())).status).toBe(200);
      const accepted = await (await send(mock.url, { ...cardMessage("callbacks2"), callback_url: callbackUrl })).json();
      await receiver.arrivals(2);
      const deliveries = () => lines.slice(before).filter((line) => /callback/i.test(line));
      // The mock logs each delivery once it is answered, just after the receiver got it.
      await logged(() => deliveries().join("\n"), [/suggestionClicked/]);
      expect(receiver.arrived.map((call) => call.body)).toMatchObject([
        { id: accepted.data.id, reference: "callbacks2", status: "delivered" },
        { id: accepted.data.id, reference: "callbacks2", text: "Track", postback: "track" },
      ]);
      expect(receiver.arrived.map((call) => call.url)).toEqual(["/hook?token=secret7", "/hook?token=secret7"]);
      expect(deliveries()).toEqual([
        expect.stringMatching(/^\[mock\] callback statusChanged to http:\/\/127\.0\.0\.1:\d+\/hook: 200$/),
        expect.stringMatching(/^\[mock\] callback suggestionClicked to http:\/\/127\.0\.0\.1:\d+\/hook: 200$/),
      ]);
    } finally {
      await receiver.close();
    }
  });

  it("posts no callback to a spec example's public callback_url, and logs why, naming the address it resolves to", async () => {
    const example = structuredClone(requestExamples("sendRcsMessage").singleCard) as { callback_url: string; phone: { reference_id?: string } };
    expect(example.callback_url).toMatch(/^https:\/\/hooks\.example\.com\//);
    example.phone.reference_id = "publichook";
    expect((await send(mock.url, example)).status).toBe(200);
    const shown = example.callback_url.replace(/\?.*/, "");
    await logged(log, [/callbacks to https:\/\/hooks\.example\.com/]);
    expect(lines).toContain(`[mock] callbacks to ${shown} not sent: hooks.example.com resolves to 93.184.215.14, not a loopback address; ${onlyLoopback}`);
    expect(resolve.asked).toContain("hooks.example.com");
  });

  it("posts callbacks to a host name that resolves to a loopback address", async () => {
    const receiver = await startReceiver();
    try {
      expect((await send(mock.url, { ...cardMessage("byname"), callback_url: `http://callbacks.test:${receiver.port}/hook` })).status).toBe(200);
      await receiver.arrivals(2);
      expect(receiver.arrived.map((call) => call.body.reference)).toEqual(["byname", "byname"]);
      expect(await logged(log, [/suggestionClicked to http:\/\/callbacks\.test:\d+\/hook: 200/])).toMatch(/statusChanged to http:\/\/callbacks\.test:\d+\/hook: 200/);
    } finally {
      await receiver.close();
    }
  });

  it("answers a body with a hostile property name as the platform does, with a bearer token or without, and goes on answering", async () => {
    const key = "x\n[mock] forged\u001b[31m\u0085\u2028телефон";
    const invalid = await send(mock.url, { ...cardMessage(), [key]: 1 });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toEqual({ message: "The given data was invalid.", errors: { [key]: [`The ${key} field is not allowed.`] } });
    const unauthenticated = await fetch(`${mock.url}/api/messages/rcs/send`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...cardMessage(), [key]: 1 }),
    });
    expect(unauthenticated.status).toBe(401);
    expect((await send(mock.url, cardMessage())).status).toBe(200);
  });

  it("logs what a request sends with its control characters escaped: a property name, a header, URLs", async () => {
    const before = lines.length;
    const forged = "\n[mock] forged\u001b[31m\u0085\u2028";
    expect((await send(mock.url, { ...cardMessage(), [`x${forged}`]: 1 })).status).toBe(422);
    const prefer = await fetch(`${mock.url}/api/messages/rcs/send`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer test", prefer: "example=\u009b31m\u0085[mock] forged" },
      body: JSON.stringify(cardMessage()),
    });
    expect(prefer.status).toBe(404);
    expect((await fetch(`${mock.url}/x%0A%5Bmock%5D%20forged%1B%5B31m%C2%9B`)).status).toBe(404);
    expect((await send(mock.url, { ...cardMessage("hostileurl"), callback_url: "https://%0A%5Bmock%5D%20forged%1B%5B31m/" })).status).toBe(200);

    const log = await logged(() => lines.slice(before).join("\n"), [/exampleKey/, /hostile|%0A%5Bmock%5D%20forged%1B%5B31m\/" not sent/]);
    const after = lines.slice(before);
    expect(after.filter((line) => /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(line))).toEqual([]);
    expect(after.filter((line) => /^\[mock\] forged/.test(line))).toEqual([]);
    expect(log).toContain("[mock] POST /api/messages/rcs/send refused: 422 x\\n[mock] forged\\u001b[31m\\u0085\\u2028");
    expect(log).toContain("exampleKey: \\u009b31m\\u0085[mock] forged does not exist");
    expect(log).toContain("get /x%0A%5Bmock%5D%20forged%1B%5B31m%C2%9B");
    expect(log).toContain('[mock] callbacks to "https://%0A%5Bmock%5D%20forged%1B%5B31m/" not sent: not a URL fetch can reach');
  });

  it("refuses an unknown callbackHosts", async () => {
    await expect(startMockWith({ callbackHosts: "public" as "any" }, {})).rejects.toThrow('callbackHosts must be "loopback" or "any", not "public"');
  });

  it("stop() ends Prism and frees the port, and may be called twice", async () => {
    const port = Number(new URL(mock.url).port);
    await Promise.all([mock.stop(), mock.stop()]);
    await mock.closed;
    expect(await portIsClosed(port)).toBe(true);
    await mock.stop();
  });
});

describe("startMock, at the limits of what it keeps", () => {
  let mock: RunningMock;
  // Small limits, for all accounts together: what the defaults (state.ts) do at 100000 messages.
  beforeAll(async () => {
    mock = await startMockWith({}, { resolve: localResolver(), limits: { messages: 3, campaigns: 1, contentBytes: 10_000 } });
  }, 90_000);
  afterAll(() => mock?.stop());

  it("refuses a send that would go past them, whichever account sends it, with a 422 in the platform's form, keeping nothing of it, until reset", async () => {
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const phones = { phones: [{ number: "380660000000" }, { number: "380660000001" }], sender: "Acme Shop", options: { text: "Hi" } };
    expect((await post(mock.url, "/api/campaigns/rcs/send", phones, as("one"))).status).toBe(200);
    expect((await post(mock.url, "/api/messages/rcs/send", cardMessage("last1"), as("two"))).status).toBe(200);

    const full = await post(mock.url, "/api/messages/rcs/send", cardMessage("past1"), as("two"));
    expect(full.status).toBe(422);
    expect(await full.json()).toEqual({
      message: "The mock keeps at most 3 messages, 1 campaigns and 10000 bytes of message content in all, and this send would go past that; POST /__mock/reset empties it.",
      errors: [],
    });
    expect((await post(mock.url, "/api/campaigns/rcs/send-groups", { groups: [1204], sender: "Acme Shop", options: { text: "Hi" } }, as("three"))).status).toBe(422);
    expect((await (await get(mock.url, "/api/messages?filter[reference_id]=past1", "two")).json()).meta.page.total).toBe(0);

    mock.reset();
    expect((await post(mock.url, "/api/messages/rcs/send", cardMessage("past1"), as("two"))).status).toBe(200);
    // Content counts as the JSON text of each send's options: ten cards of 1000 characters are more than 10000 bytes, nine are not.
    const cards = (count: number) => ({ ...cardMessage(), options: { cards: Array.from({ length: count }, () => ({ text: "x".repeat(1000) })) } });
    expect((await send(mock.url, cards(10))).status).toBe(422);
    expect((await send(mock.url, cards(9))).status).toBe(200);
  });
});

describe("wwt-rcs-mock", () => {
  const run = promisify(execFile);

  it("without Prism installed, fails naming the exact command that installs it", async () => {
    const project = mkdtempSync(join(tmpdir(), "wwt-rcs-no-prism-"));
    try {
      mkdirSync(join(project, "generated"));
      cpSync(join(root, "dist"), join(project, "dist"), { recursive: true });
      cpSync(join(root, "package.json"), join(project, "package.json"));
      for (const file of ["generated/openapi.json", "generated/validators.js"]) cpSync(join(root, file), join(project, file));
      const failure = await run(process.execPath, [pkg.bin["wwt-rcs-mock"], "--port", "0"], { cwd: project }).catch((error) => error);
      expect(failure.code).toBe(1);
      const version = pkg.devDependencies["@stoplight/prism-cli"];
      expect(failure.stderr).toContain(`npm install --save-dev @stoplight/prism-cli@${version}`);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it.each([
    ["an unknown option", ["--prot", "4010"]],
    ["a port that is not a number", ["--port", "http"]],
  ])("refuses %s with exit code 2 and its usage", async (_case, args) => {
    const failure = await run(process.execPath, [pkg.bin["wwt-rcs-mock"], ...args], { cwd: root }).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("Usage: wwt-rcs-mock [--port 4010] [--host 127.0.0.1]");
  });
});
