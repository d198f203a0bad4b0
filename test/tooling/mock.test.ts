// The mock as users run it. `npm run mock` (the code of `npx wwt-rcs-mock`) listens where
// PORT says, prints how to use it, answers in the platform's dialect, and stops, freeing its
// port and leaving no process, whoever gets the signal: itself (SIGINT, SIGTERM), its Prism
// process (SIGTERM), or nobody because it was killed with SIGKILL. startMock(), in this
// process: reset(), stop(), callbacks only when asked for, and a clear error without Prism.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type RunningMock } from "../../src/mock/index.js";
import { descendants, endsSoon, exitOf, freePort, isRunning, portIsClosed, startCommand, type Started } from "../support/processes.js";
import { requestExamples } from "../support/spec.js";

const root = new URL("../..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

interface RunningCommand extends Started {
  port: number;
  url: string;
  prism: number[];
}

async function runMock(): Promise<RunningCommand> {
  const port = await freePort();
  const started = await startCommand(
    process.execPath,
    ["scripts/mock.mjs"],
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

describe("npm run mock", () => {
  const running: RunningCommand[] = [];
  let bySignal: Record<"SIGINT" | "SIGTERM" | "SIGKILL" | "prism", RunningCommand>;

  beforeAll(async () => {
    const [sigint, sigterm, sigkill, prism] = await Promise.all([runMock(), runMock(), runMock(), runMock()]);
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
    expect(output()).toContain(`curl -X POST ${url}/__mock/reset`);
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

describe("startMock", () => {
  let mock: RunningMock;
  const lines: string[] = [];
  beforeAll(async () => {
    mock = await startMock({ onLog: (line) => lines.push(line) });
  }, 90_000);
  afterAll(() => mock?.stop());

  const message = (referenceId?: string) => ({
    phone: { number: "380661231231", ...(referenceId && { reference_id: referenceId }) },
    sender: "Acme Shop",
    options: { cards: [{ text: "Your parcel", suggestions: [{ text: "Track", url: "https://shop.example.com/t", postback_data: "track" }] }] },
  });

  it("listens on a free port of 127.0.0.1 by default", () => {
    expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("reset() forgets the reference ids it accepted and restarts its ids, as POST /__mock/reset does", async () => {
    mock.reset();
    const first = await (await send(mock.url, message("reset1"))).json();
    expect((await send(mock.url, message("reset1"))).status).toBe(429);
    mock.reset();
    const again = await send(mock.url, message("reset1"));
    expect(again.status).toBe(200);
    expect((await again.json()).data.id).toBe(first.data.id);

    expect((await send(mock.url, message("reset1"))).status).toBe(429);
    const reset = await fetch(`${mock.url}/__mock/reset`, { method: "POST" });
    expect(reset.status).toBe(204);
    expect((await send(mock.url, message("reset1"))).status).toBe(200);
    expect((await fetch(`${mock.url}/__mock/reset`)).status).toBe(405);
  });

  it("sends callbacks only for a send with a callback_url, and logs no callback error for one without", async () => {
    const arrived: unknown[] = [];
    let bothArrived = () => {};
    const receiver = createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        arrived.push(JSON.parse(body));
        response.end();
        if (arrived.length === 2) bothArrived();
      });
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook?token=secret7`;
    try {
      const before = lines.length;
      expect((await send(mock.url, message())).status).toBe(200);
      const done = new Promise<void>((resolve) => (bothArrived = resolve));
      const accepted = await (await send(mock.url, { ...message("callbacks2"), callback_url: callbackUrl })).json();
      await done;
      const logged = () => lines.slice(before).filter((line) => /callback/i.test(line));
      // The mock logs each delivery once it is answered, just after the receiver got it.
      for (let i = 0; i < 100 && logged().length < 2; i++) await sleep(20);
      expect(arrived).toMatchObject([
        { id: accepted.data.id, reference: "callbacks2", status: "delivered" },
        { id: accepted.data.id, reference: "callbacks2", text: "Track", postback: "track" },
      ]);
      expect(logged()).toEqual([
        expect.stringMatching(/^\[mock\] callback statusChanged to http:\/\/127\.0\.0\.1:\d+\/hook: 200$/),
        expect.stringMatching(/^\[mock\] callback suggestionClicked to http:\/\/127\.0\.0\.1:\d+\/hook: 200$/),
      ]);
    } finally {
      receiver.close();
    }
  });

  it("stop() ends Prism and frees the port, and may be called twice", async () => {
    const port = Number(new URL(mock.url).port);
    await Promise.all([mock.stop(), mock.stop()]);
    await mock.closed;
    expect(await portIsClosed(port)).toBe(true);
    await mock.stop();
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
      cpSync(join(root, "generated/openapi.json"), join(project, "generated/openapi.json"));
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
