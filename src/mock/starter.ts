// Noticing that the process that started this one has ended, or has been told to stop, when
// npm sits between the two: `npx wwt-rcs-mock`, `npm exec`, `npm start`, `npm run mock` run the
// command as `sh -c <command>`, so the chain is starter → npm → sh → this process. There:
// - a signal sent to npm reaches only the shell (npm passes SIGINT and SIGTERM to its child);
//   on SIGTERM the shell ends, and this process is left re-parented;
// - on SIGINT the shell (dash, /bin/sh on Debian and Ubuntu) holds the signal until its child
//   ends, and passes nothing on: no signal ever reaches this process;
// - when the starter ends, however it ends (SIGKILL included), npm is re-parented and runs on.
// So this watches each link of the chain, from this process up to the starter: a link's parent
// must stay the same (read from /proc on Linux, from `ps` elsewhere). And on Linux it watches
// npm's shell when it runs a lone command (one with `&`, `;` or `|` may have other children,
// whose ends wake it too): it sleeps in wait() for its one child, this process, and wakes only
// for a signal, and /proc counts its voluntary context switches, so one more while this
// process runs means npm passed it a signal. (Where /bin/sh is bash, as on macOS, there is no
// such shell: bash runs a lone command in its own place, and the signal reaches this process.)
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface ProcessInfo {
  ppid: number;
  argv: string[];
}

/** A link of the chain: `pid`'s parent must stay `parent`. */
interface Link {
  pid: number;
  parent: number;
}

const linux = process.platform === "linux";
const checkEveryMs = linux ? 250 : 1_000;
const shells = new Set(["sh", "dash", "bash", "ash", "zsh", "ksh", "mksh"]);

/**
 * Calls `then` once, with the reason, when the process that started this one has ended, or
 * was told to stop: past npm, npx and the shell npm runs commands in, which do not pass every
 * signal on. Returns a function that stops watching. The watch keeps no process alive.
 */
export function whenStarterEnds(then: (reason: string) => void): () => void {
  const { links, shellPids } = chainToStarter();
  let wokenBefore = new Map(shellPids.map((pid) => [pid, wakeups(pid)]));
  // Stopped and continued (Ctrl-Z, fg), this process wakes its parent shell too: look afresh.
  let lookAfresh = 0;
  const onContinue = () => (lookAfresh = 4);
  process.on("SIGCONT", onContinue);

  const timer = setInterval(() => {
    if (lookAfresh > 0 && --lookAfresh === 0) wokenBefore = new Map(shellPids.map((pid) => [pid, wakeups(pid)]));
    const reason = lookAfresh > 0 ? brokenLink(links) : (brokenLink(links) ?? signalledShell(wokenBefore));
    if (!reason) return;
    stop();
    then(reason);
  }, checkEveryMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    process.off("SIGCONT", onContinue);
  };
  return stop;
}

function brokenLink(links: Link[]): string | undefined {
  for (const { pid, parent } of links) {
    const now = pid === process.pid ? process.ppid : processInfo(pid)?.ppid;
    if (now !== parent) return "the process that started it ended";
  }
  return undefined;
}

function signalledShell(wokenBefore: Map<number, number | undefined>): string | undefined {
  for (const [pid, before] of wokenBefore) {
    const now = wakeups(pid);
    if (before !== undefined && now !== undefined && now > before) return "npm got a signal to stop (which its shell holds back)";
  }
  return undefined;
}

/** The links from this process up to the one that started it, past npm and npm's shell. */
function chainToStarter(): { links: Link[]; shellPids: number[] } {
  const links: Link[] = [{ pid: process.pid, parent: process.ppid }];
  const shellPids: number[] = [];
  let current = process.ppid;
  for (let depth = 0; depth < 8; depth++) {
    const info = processInfo(current);
    if (!info || info.ppid <= 1) break;
    const above = processInfo(info.ppid);
    const npmShell = isShell(info.argv) && above !== undefined && isNpm(above.argv);
    if (!npmShell && !isNpm(info.argv)) break;
    // A shell running a lone command has this process as its only child: only a signal wakes it.
    if (npmShell && !/[&;|\n]/.test(info.argv[2] ?? "")) shellPids.push(current);
    links.push({ pid: current, parent: info.ppid });
    current = info.ppid;
  }
  return { links, shellPids };
}

/** npm or npx: by its title (`npm exec …`, `npm run mock`) or by the script node runs. */
function isNpm(argv: string[]): boolean {
  return argv.slice(0, 2).some((arg) => /^(npm|npx)( |$)|^np[mx]-cli\.js$/.test(basename(arg)));
}

function isShell(argv: string[]): boolean {
  return shells.has(basename(argv[0] ?? "")) && argv[1] === "-c";
}

/** A process's parent and command line, or undefined when it has gone (or the OS will not say). */
function processInfo(pid: number): ProcessInfo | undefined {
  try {
    if (linux) {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      return { ppid, argv };
    }
    if (process.platform === "win32") return undefined;
    const [ppid, ...argv] = execFileSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })
      .trim()
      .split(/\s+/);
    return { ppid: Number(ppid), argv };
  } catch {
    return undefined;
  }
}

/** How often a process has gone to sleep of its own accord (Linux only). */
function wakeups(pid: number): number | undefined {
  if (!linux) return undefined;
  try {
    const count = /^voluntary_ctxt_switches:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return count === undefined ? undefined : Number(count);
  } catch {
    return undefined;
  }
}
