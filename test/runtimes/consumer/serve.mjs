// Serves the app on a free port of 127.0.0.1 the way each server runtime's users would:
// Deno.serve, Bun.serve, or node:http through toNodeListener from wwt-rcs/node. Prints
// {"port": …} once listening; the test process stops it.
import { createRuntimeApp } from "./app.mjs";

const app = createRuntimeApp();
const announce = (port) => console.log(JSON.stringify({ port }));

if (globalThis.Deno) {
  globalThis.Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: ({ port }) => announce(port) }, app);
} else if (globalThis.Bun) {
  announce(globalThis.Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app }).port);
} else {
  const { createServer } = await import("node:http");
  const { toNodeListener } = await import("wwt-rcs/node");
  const server = createServer(toNodeListener(app));
  server.listen(0, "127.0.0.1", () => announce(server.address().port));
}
