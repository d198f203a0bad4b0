// The packed package in Cloudflare's workerd (the `workerd` npm package): the app, bundled
// as wrangler would, as a Worker's fetch handler (consumer/worker.mjs, consumer/workerd.capnp).
import { join } from "node:path";
import { inject } from "vitest";
import { installFromNpm } from "../../scripts/lib/runtime-cache.mjs";
import { bundleApp } from "./support/bundle.js";
import { describeRuntime } from "./support/runtime-app.js";
import { startServerProcess } from "./support/server-process.js";
import { tested } from "./support/versions.js";

describeRuntime(`workerd ${tested.workerd}, a Worker's fetch handler`, "Cloudflare-Workers", async () => {
  const consumerDir = inject("consumerDir");
  await bundleApp(consumerDir, "worker.mjs", { format: "esm", conditions: ["workerd", "worker"] });
  const workerd = join(installFromNpm("workerd", tested.workerd), "bin", "workerd");
  return startServerProcess(workerd, ["serve", "workerd.capnp", "--control-fd=3"], { cwd: consumerDir, portOn: "fd3" });
});
