// `npm run mock` as a user runs it: Prism on the port PORT names, request validation on, its
// URL printed, and Ctrl-C stopping it and everything it started.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../scripts/lib/prism.mjs";
import { descendants, isRunning, portIsClosed } from "./support/processes.js";
import { requestExamples } from "./support/spec.js";

const root = new URL("..", import.meta.url).pathname;
let mock: ChildProcess;
let output = "";
let port: number;
let url: string;
let children: number[] = [];

beforeAll(async () => {
  port = await freePort();
  mock = spawn(process.execPath, ["scripts/mock.mjs"], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ["ignore", "pipe", "pipe"] });
  mock.stderr!.on("data", (chunk) => (output += chunk));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run mock printed no URL:\n${output}`)), 60_000);
    mock.stdout!.on("data", (chunk) => {
      output += chunk;
      const printed = /^Mock of the WWT\.world RCS API: (\S+)$/m.exec(output);
      if (printed) {
        clearTimeout(timer);
        resolve(printed[1]);
      }
    });
    mock.once("exit", (code) => reject(new Error(`npm run mock exited with ${code}:\n${output}`)));
  });
  children = descendants(mock.pid!);
}, 90_000);

afterAll(() => {
  for (const pid of [mock?.pid, ...children]) if (pid && isRunning(pid)) process.kill(pid, "SIGKILL");
});

const send = (body: unknown) =>
  fetch(`${url}/api/messages/rcs/send`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer test" },
    body: JSON.stringify(body),
  });

describe("npm run mock", () => {
  it("listens on 127.0.0.1 at the port PORT names, and prints its URL", () => {
    expect(url).toBe(`http://127.0.0.1:${port}`);
  });

  it("answers a valid send with 200 and refuses an invalid one with 422", async () => {
    const valid = Object.values(requestExamples("sendRcsMessage"))[0];
    expect((await send(valid)).status).toBe(200);
    const invalid = await send({ ...(valid as object), sender: "x".repeat(41) });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("sl-violations")).toMatch(/sender/);
  });

  it("stops on Ctrl-C with exit code 0, leaving no process and no open port", async () => {
    const exited = new Promise<number | null>((resolve) => mock.once("exit", (code) => resolve(code)));
    mock.kill("SIGINT");
    expect(await exited).toBe(0);
    for (const pid of children) expect(isRunning(pid), `child ${pid} still runs`).toBe(false);
    expect(await portIsClosed(port)).toBe(true);
  });
});
