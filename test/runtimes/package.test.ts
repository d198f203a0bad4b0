// The package as a user gets it, from the consumer project the global setup packed and
// installed (with the optional peer dependency Prism): type-checked there, run against a local
// server that plays WWT.world, and its mock started there with `npx wwt-rcs-mock`, as the
// README's new-user path goes: started with the README's commands, which wait until it
// answers, the curl it prints pasted twice, stopped by SIGINT from a program, started again
// and its starter killed, each time leaving no process and no open port.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freshToken } from "../support/fake-fetch.js";
import { closeNow, listenLocally } from "../support/local-server.js";
import { descendants, endsSoon, exitOf, freePort, isRunning, portIsClosed, startCommand } from "../support/processes.js";
import { responseExamples } from "../support/spec.js";

const root = new URL("../..", import.meta.url).pathname;
const tsc = join(root, "node_modules/.bin/tsc");
const project = inject("consumerDir");
const packedFiles = inject("packedFiles");
/** The TypeScript consumer's own folder in the project, beside the runtimes' app. */
const typed = join(project, "installed");
/** tsc on the TypeScript consumer, started first: the tests that need no compiled code run meanwhile. */
let typeChecked: Promise<{ code: number; output: string }>;
let server: Server;
/** The origin of the local server that plays WWT.world. */
let platformUrl: string;
const received: string[] = [];

// The consumer needs no @types/node (whose own check would triple the type-check's cost): it
// declares the one Node global it reads, and imports the spec as JSON.
const consumer = `
import { createRcsClient, WwtRequestValidationError, type RcsMessage } from "wwt-rcs";
import { startMock, type RunningMock } from "wwt-rcs/mock";
import spec from "wwt-rcs/openapi.json" with { type: "json" };

declare const process: { env: Record<string, string | undefined> };

// Type-checked only: the mock's programmatic API as a user's test setup calls it.
export async function freshMock(): Promise<RunningMock> {
  const mock = await startMock({ port: 0, host: "127.0.0.1", onLog: (line: string) => console.log(line) });
  mock.reset();
  return mock;
}

const rcs = createRcsClient({ apiKey: "test_consumer", baseUrl: process.env.WWT_BASE_URL });
const message: RcsMessage = await rcs.sendRcsMessage({
  phone: { number: "380661231231", reference_id: "consumer1" },
  sender: "Acme Shop",
  options: { text: "Hello from the packed package" },
});
let refused = "";
try {
  await rcs.sendRcsMessage({ phone: { number: "+1" }, sender: "Acme Shop", options: { text: "x" } });
} catch (error) {
  if (error instanceof WwtRequestValidationError) refused = error.issues[0].path;
}
console.log(JSON.stringify({ id: message.id, status: message.status, refused, title: spec.info.title }));
`;

beforeAll(async () => {
  mkdirSync(typed);
  writeFileSync(join(typed, "consumer.ts"), consumer);
  writeFileSync(
    join(typed, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out",
        lib: ["ES2022", "DOM"], types: [], resolveJsonModule: true, skipLibCheck: false, skipDefaultLibCheck: true,
      },
      files: ["consumer.ts"],
    }),
  );
  typeChecked = promisify(execFile)(tsc, ["-p", typed], { cwd: typed, encoding: "utf8" }).then(
    () => ({ code: 0, output: "" }),
    (failure) => ({ code: Number(failure.code ?? 1), output: `${failure.stdout}${failure.stderr}` }),
  );

  const accepted = responseExamples("sendRcsMessage", "200").textMessage;
  server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    request.resume();
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(request.url === "/api/auth/login" ? { bearer: freshToken() } : accepted));
    });
  });
  platformUrl = await listenLocally(server);
});

afterAll(async () => {
  if (server) await closeNow(server);
  await typeChecked;
});

describe("the packed package", () => {
  it("ships only what a user needs", () => {
    const files = packedFiles;
    expect(files.filter((f) => !f.startsWith("dist/"))).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "SECURITY.md",
      "docs/receiving-callbacks-with-frameworks.md",
      "generated/openapi.json",
      "generated/openapi.yaml",
      "generated/schema.d.ts",
      "generated/spec-values.d.ts",
      "generated/spec-values.js",
      "generated/validators.d.ts",
      "generated/validators.js",
      "openapi/arazzo/wwt-rcs.arazzo.yaml",
      "package.json",
    ]);
    for (const entry of ["index", "node", "mock/index"]) expect(files).toEqual(expect.arrayContaining([`dist/${entry}.js`, `dist/${entry}.d.ts`]));
    expect(files).toContain("dist/mock/bin.js");
    expect(files.filter((f) => f.startsWith("dist/") && !/\.(js|d\.ts)$/.test(f))).toEqual([]);
  });

  it("starts its mock with `npx wwt-rcs-mock`, which answers in the platform's dialect and stops on SIGTERM to npx", async () => {
    const port = await freePort();
    const { child, printed } = await startCommand(
      "npx",
      ["wwt-rcs-mock", "--port", String(port)],
      { cwd: project, env: { ...process.env, SCARF_ANALYTICS: "false" } },
      /^Mock of the WWT\.world RCS API: (\S+)$/m,
    );
    const processes = descendants(child.pid!);
    try {
      expect(printed[1]).toBe(`http://127.0.0.1:${port}`);
      const send = (body: unknown) =>
        fetch(`${printed[1]}/api/messages/rcs/send`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: "Bearer installed" },
          body: JSON.stringify(body),
        }).then(async (response) => ({ status: response.status, body: await response.json() }));
      const message = { phone: { number: "380661231231", reference_id: "installed1" }, sender: "Acme Shop", options: { text: "Hi" } };
      expect(await send({ ...message, sender: "" })).toEqual({
        status: 422,
        body: { message: "The given data was invalid.", errors: { sender: ["The sender must be at least 1 character."] } },
      });
      expect(await send(message)).toMatchObject({ status: 200, body: { data: { reference_id: "installed1", phone: 380661231231 } } });
      expect(await send(message)).toEqual({ status: 429, body: { message: "Too many duplicate request detected" } });
    } finally {
      child.kill("SIGTERM");
      await exitOf(child);
    }
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived npx`).toBe(true);
    expect(await portIsClosed(port)).toBe(true);
  }, 120_000);

  it("type-checks in a consumer project", async () => {
    const { code, output } = await typeChecked;
    expect(code, output).toBe(0);
  });

  // Asynchronous on purpose: the local server lives in this process and must keep answering.
  it("runs in a consumer project against a local server", async () => {
    await typeChecked; // which compiled it to out/
    const { stdout: output } = await promisify(execFile)(process.execPath, ["out/consumer.js"], {
      cwd: typed,
      encoding: "utf8",
      env: { ...process.env, WWT_BASE_URL: platformUrl },
    });
    expect(JSON.parse(output)).toEqual({ id: 918273001, status: "accepted", refused: "phone.number", title: "WWT.world RCS API" });
    expect(received).toEqual(["POST /api/auth/login", "POST /api/messages/rcs/send"]);
  });
});

/** The README's commands that start the mock and wait until it answers. */
function readmeStartCommands(): string {
  const block = [...readFileSync(join(root, "README.md"), "utf8").matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]).find((code) => code.includes("--retry-connrefused"));
  if (!block) throw new Error("README.md gives no commands that start the mock and wait for it");
  return block;
}

describe("the README's new-user path, from the packed package", () => {
  const started: number[] = [];
  afterAll(() => {
    for (const pid of started) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  });

  /**
   * The README's commands in a bash of their own, on a free port instead of 4010, which then
   * waits for the mock: resolves once they have run (the wait ended with the mock answering).
   */
  async function startAsTheReadmeSays() {
    const commands = readmeStartCommands();
    expect(commands).toMatch(/^npx wwt-rcs-mock --port 4010 &$/m);
    const port = await freePort();
    const script = `set -e\n${commands.replaceAll("4010", String(port))}echo "the wait is over"\nwait\n`;
    const bash = await startCommand("bash", ["-c", script], { cwd: project, env: { ...process.env, SCARF_ANALYTICS: "false" } }, /^the wait is over$/m);
    const processes = descendants(bash.child.pid!);
    started.push(bash.child.pid!, ...processes);
    return { ...bash, port, processes };
  }

  it("starts with the README's commands, prints a curl that gets a 2xx each time it is pasted, and stops on SIGINT from a program, leaving nothing", async () => {
    const { child: bash, port, processes, output } = await startAsTheReadmeSays();
    const curl = output()
      .split("\n")
      .find((line) => line.startsWith(`curl -s http://127.0.0.1:${port}/`));
    expect(curl, output()).toBeDefined();
    for (let paste = 1; paste <= 2; paste++) {
      const { stdout } = await promisify(execFile)("bash", ["-c", `${curl} -w '\\n%{http_code}'`]);
      expect(Number(stdout.trimEnd().split("\n").pop()), `paste ${paste}: ${stdout}`).toBe(200);
    }

    const npx = descendants(bash.pid!)[0];
    process.kill(npx, "SIGINT");
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived SIGINT to npx`).toBe(true);
    await exitOf(bash);
    expect(await portIsClosed(port)).toBe(true);
  }, 120_000);

  it("started again, stops when the process that started npx is killed with SIGKILL, leaving nothing", async () => {
    const { child: bash, port, processes } = await startAsTheReadmeSays();
    expect(processes.length, "npx, its shell, the mock and its Prism").toBeGreaterThanOrEqual(4);
    bash.kill("SIGKILL");
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived the one that started npx`).toBe(true);
    expect(await portIsClosed(port)).toBe(true);
  }, 120_000);
});
