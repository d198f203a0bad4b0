// The packed package on Deno (the `deno` npm package), serving the app with Deno.serve. The
// only permission granted is the network on 127.0.0.1: the package needs no other.
import { join } from "node:path";
import { inject } from "vitest";
import { installFromNpm } from "../../scripts/lib/runtime-cache.mjs";
import { describeRuntime } from "./support/runtime-app.js";
import { startServerProcess } from "./support/server-process.js";
import { tested } from "./support/versions.js";

describeRuntime(`Deno ${tested.deno}, Deno.serve`, `Deno ${tested.deno}`, () => {
  const deno = join(installFromNpm("deno", tested.deno), "deno");
  return startServerProcess(deno, ["run", "--no-lock", "--allow-net=127.0.0.1", "serve.mjs"], { cwd: inject("consumerDir") });
});
