// What the tests of long-running commands (npm start, npm run mock, wwt-rcs-mock) need:
// a free port, starting a command and waiting for a line it prints, which children a process
// started, whether they still run, and whether anything still listens.
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * A port nobody listens on, for a command that must be told its port. It is drawn below the
 * range the OS hands out for "any free port" (Linux's ip_local_port_range), so that no process
 * listening on port 0 meanwhile (Prism behind every mock, the tests' own servers) can take it
 * between this check and the command's listen; the draw is random, so that concurrent tests
 * rarely draw the same one, and each draw is checked.
 */
export async function freePort(): Promise<number> {
  const lowest = 10_000;
  const ephemeralStart = ephemeralPortStart();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = lowest + Math.floor(Math.random() * (ephemeralStart - lowest));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port found between ${lowest} and ${ephemeralStart}`);
}

/** Where the OS's range for port 0 starts: Linux's own, else IANA's dynamic range (49152). */
function ephemeralPortStart(): number {
  try {
    const [start] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (Number.isInteger(start) && start > 10_000) return start;
  } catch {
    // Not Linux.
  }
  return 49_152;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export interface Started {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** The first match of the pattern it was waited for. */
  printed: RegExpExecArray;
}

/** Starts a command and resolves once its output matches `ready`; rejects if it exits first. */
export function startCommand(command: string, args: string[], options: SpawnOptions, ready: RegExp, timeoutMs = 90_000): Promise<Started> {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(" ")} printed nothing matching ${ready}:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const printed = ready.exec(output);
      if (!printed) return;
      clearTimeout(timer);
      resolve({ child, output: () => output, printed });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited (${signal ?? code}):\n${output}`));
    });
  });
}

/** The exit code of a child, once it has exited. */
export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

/** Whether `pid` has ended within `tries` checks, 50 ms apart: bounded by a count, not a deadline. */
export async function endsSoon(pid: number, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries && isRunning(pid); i++) await sleep(50);
  return !isRunning(pid);
}

/** Every process started, directly or not, by `pid`. */
export function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Whether `pid` runs; a zombie (ended, not yet reaped by its new parent) does not. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

export function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}
