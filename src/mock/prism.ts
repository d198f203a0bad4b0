// Starts Prism (an optional peer dependency of wwt-rcs) as a child process on a loopback
// port of the OS's choosing, and resolves once it listens. The child runs in its own process
// group, so that Ctrl-C reaches only the mock, which stops it; and it ends by itself when the
// mock's process ends (see exit-with-parent.js).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Readable } from "node:stream";

export interface PrismProcess {
  /** Where Prism listens, on 127.0.0.1. */
  url: string;
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
  /** Settles when Prism has exited, however that came about. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const readyLine = /Prism is listening on (http:\/\/\S+)/;

/** Calls `onLine` with each whole line of `stream` as UTF-8 text, a chunk's end being no line's end. */
function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let partial = "";
  stream.setEncoding("utf8");
  stream.on("data", (text: string) => {
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) onLine(line.replace(/\r$/, ""));
  });
  stream.once("end", () => partial && onLine(partial));
}

/** The Prism version the mock is tested with, from the package's peer dependency. */
function testedVersion(): string {
  const { peerDependencies } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { peerDependencies: Record<string, string> };
  return peerDependencies["@stoplight/prism-cli"].replace(/^\D+/, "");
}

/** Where Prism's CLI is installed; throws an error saying how to install it when it is not. */
function prismEntry(): string {
  try {
    return createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    throw new Error(
      "The wwt-rcs mock runs Prism, which is not installed. Install the version it is tested with:\n" +
        `  npm install --save-dev @stoplight/prism-cli@${testedVersion()}`,
    );
  }
}

/** Prism as a mock of the spec in `spec` (a file), each line it logs handed to `onLog`. */
export function startPrism({ spec, onLog }: { spec: string; onLog: (line: string) => void }): Promise<PrismProcess> {
  return runPrism(["mock", spec], { onLog });
}

/**
 * Runs Prism's CLI with `args` (its command and what that takes), on 127.0.0.1 and a port of
 * the OS's choosing, and resolves once it listens.
 */
export function runPrism(args: string[], { onLog, startupMs = 60_000 }: { onLog: (line: string) => void; startupMs?: number }): Promise<PrismProcess> {
  const child = spawn(
    process.execPath,
    ["--import", new URL("./exit-with-parent.js", import.meta.url).href, prismEntry(), ...args, "--host", "127.0.0.1", "--port", "0"],
    {
      detached: true,
      env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", NO_COLOR: "1", WWT_RCS_MOCK_PARENT: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  return new Promise((resolve, reject) => {
    let output = "";
    let ready = false;
    const timer = setTimeout(() => {
      stop().then(() => reject(new Error(`Prism did not start within ${startupMs} ms:\n${output}`)));
    }, startupMs);
    const onLine = (line: string) => {
      if (line.trim()) onLog(line);
      if (ready) return;
      output += `${line}\n`;
      const listening = readyLine.exec(line);
      if (listening) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: listening[1], stop, exited });
      }
    };
    for (const stream of [child.stdout, child.stderr]) eachLine(stream, onLine);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
}
