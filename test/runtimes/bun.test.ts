// The packed package on Bun (the `bun` npm package), serving the app with Bun.serve.
import { join } from "node:path";
import { inject } from "vitest";
import { installFromNpm } from "../../scripts/lib/runtime-cache.mjs";
import { describeRuntime } from "./support/runtime-app.js";
import { startServerProcess } from "./support/server-process.js";
import { tested } from "./support/versions.js";

describeRuntime(`Bun ${tested.bun}, Bun.serve`, `Bun ${tested.bun}`, () => {
  const bun = join(installFromNpm("bun", tested.bun), "bin", "bun.exe");
  return startServerProcess(bun, ["serve.mjs"], { cwd: inject("consumerDir") });
});
