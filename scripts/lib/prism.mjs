// Starts a Prism mock of the bundled spec as a child process and resolves once it listens.
// Shared by `npm run mock`, `npm start` and the vitest global setup, so all three run the
// same mock the same way. With `upstream`, Prism is a validating proxy in front of that
// server instead, reporting answers that break the spec in its `sl-violations` header.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { fromRoot } from "./project.mjs";

const prismBin = createRequire(import.meta.url).resolve("@stoplight/prism-cli/dist/index.js");
const readyLine = /Prism is listening on (http:\/\/\S+)/;

/** Asks the OS for a port nobody is listening on. */
export function freePort(host = "127.0.0.1") {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ port: number, host?: string, spec?: string, upstream?: string, onLog?: (line: string) => void, startupMs?: number }} options
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startPrism({ port, host = "127.0.0.1", spec = fromRoot("generated/openapi.yaml"), upstream, onLog = () => {}, startupMs = 60_000 }) {
  const mode = upstream ? ["proxy", spec, upstream] : ["mock", spec];
  const child = spawn(process.execPath, [prismBin, ...mode, "--host", host, "--port", String(port)], {
    env: { ...process.env, SCARF_ANALYTICS: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }

  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      stop().then(() => reject(new Error(`Prism did not start within ${startupMs} ms:\n${output}`)));
    }, startupMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      for (const line of text.split("\n")) if (line.trim()) onLog(line);
      const ready = readyLine.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1], stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with code ${code} before it was ready:\n${output}`));
    });
  });
}
