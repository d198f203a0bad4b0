// `npm start` as a newcomer meets it: in a copy of the project whose generated/ is older than
// its sources (as after a fresh clone), it regenerates, serves the docs and the mock on the
// ports it is given, prints a curl command that works as pasted, and Ctrl-C leaves no
// process behind. The copy keeps the test from rewriting the real generated/.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./support/processes.js";
import { descendants, isRunning, portIsClosed } from "./support/processes.js";
import { spec } from "./support/spec.js";

const root = new URL("..", import.meta.url).pathname;
const copied = ["openapi", "redocly", "scripts", "redocly.yaml", "package.json", "generated"];
const anHourAgo = new Date(Date.now() - 3_600_000);

let project: string;
let start: ChildProcess;
let output = "";
let docsPort: number;
let mockPort: number;
let children: number[] = [];
let startedAt: number;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "wwt-rcs-start-"));
  for (const path of copied) cpSync(join(root, path), join(project, path), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(project, "node_modules"), "dir");
  for (const file of readdirSync(join(project, "generated"), { recursive: true, withFileTypes: true })) {
    if (file.isFile()) utimesSync(join(file.parentPath, file.name), anHourAgo, anHourAgo);
  }

  docsPort = await freePort();
  mockPort = await freePort();
  startedAt = Date.now();
  start = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: project,
    env: { ...process.env, DOCS_PORT: String(docsPort), MOCK_PORT: String(mockPort) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  start.stdout!.on("data", (chunk) => (output += chunk));
  start.stderr!.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 90_000);
    start.stdout!.on("data", () => {
      if (output.includes("Ctrl-C")) {
        clearTimeout(timer);
        resolve();
      }
    });
    start.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${output}`));
    });
  });
  children = descendants(start.pid!);
}, 120_000);

afterAll(() => {
  for (const pid of [start?.pid, ...children]) {
    if (pid && isRunning(pid)) process.kill(pid, "SIGKILL");
  }
  if (project) rmSync(project, { recursive: true, force: true });
});

function printed(label: string): string {
  const match = new RegExp(`^${label}: (\\S+)$`, "m").exec(output);
  if (!match) throw new Error(`npm start printed no "${label}:" line:\n${output}`);
  return match[1];
}

describe("npm start", () => {
  it("regenerates a generated/ that is older than its sources", () => {
    expect(output).toMatch(/is newer than generated\/; running npm run generate/);
    expect(statSync(join(project, "generated/docs/index.html")).mtimeMs).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it("serves the docs on DOCS_PORT", async () => {
    const url = printed("Docs");
    expect(url).toBe(`http://127.0.0.1:${docsPort}/`);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain(`<title>${spec.info.title} reference</title>`);
  });

  it("serves the mock on MOCK_PORT, and the printed curl command gets a 2xx from it", async () => {
    expect(printed("Mock")).toBe(`http://127.0.0.1:${mockPort}`);
    const command = output.split("\n").find((line) => line.startsWith("curl "));
    expect(command, output).toBeDefined();
    expect(command).toContain(`http://127.0.0.1:${mockPort}/api/messages/rcs/send`);
    const { stdout } = await promisify(execFile)("bash", ["-c", `${command} -w '\\n%{http_code}'`]);
    const lines = stdout.trimEnd().split("\n");
    const status = Number(lines.pop());
    expect(status, stdout).toBeGreaterThanOrEqual(200);
    expect(status).toBeLessThan(300);
    expect(JSON.parse(lines.join("\n")).data.status).toEqual(expect.any(String));
  });

  it("stops the docs server and the mock on Ctrl-C, leaving no process behind", async () => {
    expect(children.length, "the mock runs as a child process").toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => start.once("exit", (code) => resolve(code)));
    start.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const pid of children) expect(isRunning(pid), `child ${pid} still runs`).toBe(false);
    expect(await portIsClosed(docsPort)).toBe(true);
    expect(await portIsClosed(mockPort)).toBe(true);
  });
});
