// startMock(): the WWT.world RCS API mock, as `wwt-rcs/mock` exports it. Prism serves the
// bundled spec on an internal loopback port; a small node:http server in front of it, on the
// port you choose, makes its answers the platform's (see layer.js).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLayer } from "./layer.js";
import { startPrism } from "./prism.js";
import { readSpec, withoutCallbacks } from "./spec.js";

/** Starts the mock; resolves once it answers. Types and documentation: index.d.ts. */
export async function startMock({ port = 0, host = "127.0.0.1", onLog = () => {} } = {}) {
  const spec = readSpec();
  // Prism reloads its spec when the file changes: a private copy keeps it steady.
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-mock-"));
  const specFile = join(dir, "openapi.json");
  writeFileSync(specFile, JSON.stringify(withoutCallbacks(spec.document)));

  // Prism's lines name its internal address; the mock's is the one to show, so they wait
  // until the mock listens.
  const waiting = [];
  let shown;
  const log = (line) => (shown ? onLog(shown(line)) : waiting.push(line));
  let prism;
  try {
    prism = await startPrism({ spec: specFile, onLog: log });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }

  const layer = createLayer({ prismUrl: prism.url, spec, log: (line) => log(`[mock] ${line}`) });
  const server = createServer(layer.handle);
  try {
    await new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, resolve);
    });
  } catch (error) {
    layer.close();
    await prism.stop();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`The mock cannot listen on ${host}:${port}: ${error.message}`);
  }
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${server.address().port}`;
  shown = (line) => line.replaceAll(prism.url, url);
  for (const line of waiting.splice(0)) log(line);

  let stopped;
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
