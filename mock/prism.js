// Starts Prism (an optional peer dependency of wwt-rcs) as a child process on a loopback
// port of the OS's choosing, and resolves once it listens. The child runs in its own process
// group, so that Ctrl-C reaches only the mock, which stops it; and it ends by itself when the
// mock's process ends (see exit-with-parent.js).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const readyLine = /Prism is listening on (http:\/\/\S+)/;
const { peerDependencies } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const testedVersion = peerDependencies["@stoplight/prism-cli"].replace(/^\D+/, "");

/** Where Prism's CLI is installed; throws an error saying how to install it when it is not. */
function prismEntry() {
  try {
    return createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
  } catch {
    throw new Error(
      "The wwt-rcs mock runs Prism, which is not installed. Install the version it is tested with:\n" +
        `  npm install --save-dev @stoplight/prism-cli@${testedVersion}`,
    );
  }
}

/**
 * With `upstream`, Prism runs as a validating proxy in front of that server instead of as a
 * mock, and reports answers that break the spec in its `sl-violations` header.
 * @param {{ spec: string, upstream?: string, onLog: (line: string) => void, startupMs?: number }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void>, exited: Promise<{ code: number | null, signal: string | null }> }>}
 */
export function startPrism({ spec, upstream, onLog, startupMs = 60_000 }) {
  const mode = upstream ? ["proxy", spec, upstream] : ["mock", spec];
  const child = spawn(
    process.execPath,
    ["--import", new URL("./exit-with-parent.js", import.meta.url).href, prismEntry(), ...mode, "--host", "127.0.0.1", "--port", "0"],
    {
      detached: true,
      env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", NO_COLOR: "1", WWT_RCS_MOCK_PARENT: String(process.pid) },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

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
    const onData = (chunk) => {
      const text = chunk.toString();
      for (const line of text.split("\n")) if (line.trim()) onLog(line);
      if (ready) return;
      output += text;
      const listening = readyLine.exec(output);
      if (listening) {
        ready = true;
        clearTimeout(timer);
        resolve({ url: listening[1], stop, exited });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
}
