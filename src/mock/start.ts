// startMock(): Prism serves the bundled spec on an internal loopback port; a small node:http
// server in front of it, on the port you choose, makes its answers the platform's (see
// layer.ts). index.ts is what the package exports of it; startMockWith() is for the tests,
// which resolve no host name but localhost, and may make the limits of what it keeps small.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemResolve, type CallbackHosts, type Resolve } from "./callback-hosts.js";
import { createLayer } from "./layer.js";
import { escapeControls } from "./log-text.js";
import { startPrism, type PrismProcess } from "./prism.js";
import { readSpec, withoutCallbacks } from "./spec.js";
import type { Limits } from "./state.js";

export interface MockOptions {
  /** The port to listen on; 0 (the default) lets the OS choose a free one. */
  port?: number;
  /** The address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Receives each line Prism and the mock log (requests, callback deliveries). Default: silent. */
  onLog?: (line: string) => void;
  /**
   * Where the mock POSTs the callbacks of a send that gives a `callback_url`: `"loopback"` (the
   * default) only to loopback addresses (`localhost`, 127.0.0.0/8, `[::1]`; a host name counts
   * by the addresses it resolves to), skipping others with a line in the log saying why;
   * `"any"` to any host, which lets whoever can reach the mock make it send requests to hosts
   * your machine can reach.
   */
  callbackHosts?: CallbackHosts;
}

export interface RunningMock {
  /** Where the mock listens, such as `http://127.0.0.1:4010`: the client's `baseUrl`. */
  readonly url: string;
  /**
   * Forgets every message and campaign the mock keeps, and so every `phone.reference_id` it
   * accepted (a repeat is accepted again, not answered 429), and restarts the ids it gives.
   * `POST <url>/__mock/reset` does the same; with an Authorization header, for that account only.
   */
  reset(): void;
  /** Stops the mock and its Prism process, and frees the port; safe to call more than once. */
  stop(): Promise<void>;
  /** Settles once the mock has stopped: after `stop()`, or when its Prism process ended on its own. */
  readonly closed: Promise<void>;
}

/**
 * Starts the mock and resolves once it answers. It rejects with an error that names the
 * install command when @stoplight/prism-cli is missing, and when the port is taken.
 */
export function startMock(options: MockOptions = {}): Promise<RunningMock> {
  return startMockWith(options, {});
}

/**
 * startMock(), resolving the host names of callback URLs with `resolve` instead of the OS
 * resolver, and keeping at most what `limits` says instead of state.ts's defaults.
 */
export async function startMockWith(
  { port = 0, host = "127.0.0.1", onLog = () => {}, callbackHosts = "loopback" }: MockOptions,
  { resolve = systemResolve, limits }: { resolve?: Resolve; limits?: Limits },
): Promise<RunningMock> {
  if (callbackHosts !== "loopback" && callbackHosts !== "any") throw new TypeError(`callbackHosts must be "loopback" or "any", not ${JSON.stringify(callbackHosts)}`);
  const spec = readSpec();
  // Prism reloads its spec when the file changes: a private copy keeps it steady.
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-mock-"));
  const specFile = join(dir, "openapi.json");
  writeFileSync(specFile, JSON.stringify(withoutCallbacks(spec.document)));

  // Prism's lines name its internal address; the mock's is the one to show, so they wait
  // until the mock listens. Every line leaves with its control characters escaped.
  const waiting: string[] = [];
  let shown: ((line: string) => string) | undefined;
  const log = (line: string) => (shown ? onLog(escapeControls(shown(line))) : waiting.push(line));
  let prism: PrismProcess;
  try {
    prism = await startPrism({ spec: specFile, onLog: log });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const layer = createLayer({ prismUrl: prism.url, spec, log: (line) => log(`[mock] ${line}`), callbackHosts, resolve, limits });
  const server = createServer(layer.handle);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    layer.close();
    await prism.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The mock cannot listen on ${host}:${port}: ${(error as Error).message}`, { cause: error });
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  shown = (line) => line.replaceAll(prism.url, url);
  for (const line of waiting.splice(0)) log(line);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      layer.close();
      const closing = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await Promise.all([closing, prism.stop()]);
      rmSync(dir, { recursive: true, force: true });
    })());
  prism.exited.then(({ code, signal }) => {
    if (stopped) return;
    log(`[mock] Prism exited (${signal ?? `code ${code}`}); the mock stops`);
    stop();
  });

  return { url, reset: layer.reset, stop, closed: prism.exited.then(() => stop()) };
}
