// Starts a runtime as a server process and waits for the port it listens on: a JSON line
// `{"port": …}` on stdout, or, from workerd, a `listen` event on its control descriptor (fd 3).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { overHttp, type RunningApp } from "./runtime-app.js";

const startupLimitMs = 60_000;

export function startServerProcess(
  command: string,
  args: string[],
  { cwd, portOn = "stdout" }: { cwd: string; portOn?: "stdout" | "fd3" },
): Promise<RunningApp> {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe", portOn === "fd3" ? "pipe" : "ignore"] });
  // Everything the runtime prints, to explain a failure to start.
  let output = "";
  for (const stream of [child.stdout!, child.stderr!]) stream.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  // A process that could not be spawned reports an error and may never report an exit.
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const portStream = (portOn === "fd3" ? child.stdio[3] : child.stdout) as Readable;

  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop().then(() => reject(error));
    };
    // A runtime starts in a second or two; one still silent after a minute is stuck.
    const timer = setTimeout(() => fail(new Error(`${command} did not listen within ${startupLimitMs} ms:\n${output}`)), startupLimitMs);
    const lines = createInterface({ input: portStream });
    lines.on("line", (line) => {
      const port = line.startsWith("{") ? (JSON.parse(line) as { port?: unknown }).port : undefined;
      if (typeof port !== "number") return;
      clearTimeout(timer);
      lines.close();
      resolve(overHttp(`http://127.0.0.1:${port}`, stop));
    });
    child.once("error", fail);
    child.once("exit", (code, signal) => fail(new Error(`${command} ${args.join(" ")} exited (${code ?? signal}) before listening:\n${output}`)));
  });
}
