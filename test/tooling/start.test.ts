// `npm start` as a newcomer meets it, through npm: in a copy of the project whose generated/ is
// older than its sources (file times say nothing after a fresh clone), it finds generated/ up
// to date by content and does not regenerate, serves the docs and the mock on the ports it is
// given, prints a curl command that works each time it is pasted, and says what a repeated
// reference_id gets; SIGINT sent to npm by a program (npm's shell holds it back) leaves no
// process behind. After a source changed, it regenerates, and SIGTERM to npm, as a service
// manager sends it, stops it too. The copy keeps the test from rewriting the real generated/.
import { execFile, type ChildProcess } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { descendants, endsSoon, exitOf, freePort, isRunning, portIsClosed, startCommand } from "../support/processes.js";
import { spec } from "../support/spec.js";

const root = new URL("../..", import.meta.url).pathname;
const copied = ["openapi", "redocly", "scripts", "src", "dist", "redocly.yaml", "package.json", "tsconfig.json", "tsconfig.build.json", "generated"];
const anHourAgo = new Date(Date.now() - 3_600_000);
const ready = /Ctrl-C/;

let project: string;
let start: ChildProcess;
let output: () => string;
let docsPort: number;
let mockPort: number;
let children: number[] = [];
let startedAt: number;
/** Every process the tests started, to kill should a test fail before they stop. */
const started: number[] = [];

/** `command args` in the project, on fresh ports, once it printed that it is ready. */
async function run(command: string, args: string[]) {
  const ports = { docs: await freePort(), mock: await freePort() };
  const env = { ...process.env, DOCS_PORT: String(ports.docs), MOCK_PORT: String(ports.mock) };
  const running = await startCommand(command, args, { cwd: project, env }, ready, 90_000);
  const children = descendants(running.child.pid!);
  started.push(running.child.pid!, ...children);
  return { ...running, ports, children };
}

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "wwt-rcs-start-"));
  for (const path of copied) cpSync(join(root, path), join(project, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(project, "node_modules"), "dir");
  for (const file of readdirSync(join(project, "generated"), { recursive: true, withFileTypes: true })) {
    if (file.isFile()) utimesSync(join(file.parentPath, file.name), anHourAgo, anHourAgo);
  }

  startedAt = Date.now();
  const first = await run("npm", ["start", "--silent"]);
  ({ child: start, output, children } = first);
  ({ docs: docsPort, mock: mockPort } = first.ports);
}, 120_000);

afterAll(() => {
  for (const pid of started) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  if (project) rmSync(project, { recursive: true, force: true });
});

function printed(label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, "m").exec(output());
  if (!match) throw new Error(`npm start printed no "${label}:" line:\n${output()}`);
  return match[1];
}

describe("npm start", () => {
  it("leaves alone a generated/ older than its sources but made from them, as after a fresh clone", () => {
    expect(output()).toContain("start: generated/ is up to date");
    expect(output()).not.toContain("running npm run generate");
    expect(statSync(join(project, "generated/docs/index.html")).mtimeMs).toBeLessThan(startedAt - 1000);
  });

  it("serves the docs on DOCS_PORT", async () => {
    const url = printed("Docs");
    expect(url).toBe(`http://127.0.0.1:${docsPort}/`);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain(`<title>${spec.info.title} reference</title>`);
  });

  it("serves the mock on MOCK_PORT, and the printed curl command gets a 2xx from it each time it is pasted", async () => {
    expect(printed("Mock")).toBe(`http://127.0.0.1:${mockPort}`);
    const command = output().split("\n").find((line) => line.startsWith("curl "));
    expect(command, output()).toBeDefined();
    expect(command).toContain(`http://127.0.0.1:${mockPort}/api/messages/rcs/send`);
    for (let paste = 1; paste <= 2; paste++) {
      const { stdout } = await promisify(execFile)("bash", ["-c", `${command} -w '\\n%{http_code}'`]);
      const lines = stdout.trimEnd().split("\n");
      const status = Number(lines.pop());
      expect(status, `paste ${paste}: ${stdout}`).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(300);
      expect(JSON.parse(lines.join("\n")).data).toMatchObject({ reference_id: null, validity_seconds: 600 });
    }
  });

  it("says what the mock keeps, what a repeated reference_id gets, and how to empty it", () => {
    expect(output()).toContain(
      [
        "The mock keeps, per bearer token, the messages and campaigns you send, which listMessages, getCampaign and stopCampaign find,",
        "and answers a repeated phone.reference_id with the platform's 429 (the command above sends none, so it works every time).",
        `To empty it: curl -X POST http://127.0.0.1:${mockPort}/__mock/reset`,
      ].join("\n"),
    );
  });

  it("stops the docs server and the mock when a program sends npm SIGINT, leaving no process behind", async () => {
    expect(children.length, "npm's shell, the script and the mock's Prism").toBeGreaterThanOrEqual(3);
    start.kill("SIGINT");
    await exitOf(start);
    for (const pid of children) expect(await endsSoon(pid), `process ${pid} outlived npm`).toBe(true);
    expect(output()).toContain("start: npm got a signal to stop (which its shell holds back); stopping the docs server and the mock");
    expect(await portIsClosed(docsPort)).toBe(true);
    expect(await portIsClosed(mockPort)).toBe(true);
  });

  it("run through npm after a source changed, regenerates, and stops everything when npm gets SIGTERM", async () => {
    appendFileSync(join(project, "openapi/openapi.yaml"), "# changed after generated/ was made\n");
    const { child, children: processes, ports, output } = await run("npm", ["start", "--silent"]);
    expect(output()).toContain("start: generated/ is stale: openapi/openapi.yaml has changed; running npm run generate");
    expect(statSync(join(project, "generated/inputs.sha256")).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
    expect(processes.length, "npm's shell, the script and the mock's Prism").toBeGreaterThanOrEqual(3);
    child.kill("SIGTERM");
    await exitOf(child);
    for (const pid of processes) expect(await endsSoon(pid), `process ${pid} outlived npm`).toBe(true);
    expect(await portIsClosed(ports.docs)).toBe(true);
    expect(await portIsClosed(ports.mock)).toBe(true);
  }, 120_000);
});
