// The unit project — the client and the receiver on their own, hostile networks and bodies
// included — on Node.js 24, the current LTS, as on this machine's Node.js 20: the same vitest
// run with the pinned Node.js 24 from the runtime cache.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/runtime-cache.mjs";
import { tested } from "./support/versions.js";

const version = tested.node.admitted.find((admitted) => admitted.startsWith("24."))!;
const root = new URL("../..", import.meta.url).pathname;

describe(`the unit project on Node.js ${version}`, () => {
  it("passes, every file of it", () => {
    // The types are the same whatever runs the tests: tsc checks them once, in npm test.
    const run = spawnSync(nodeBinary(version), ["node_modules/vitest/vitest.mjs", "run", "--project", "unit", "--typecheck.enabled=false"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    expect(run.stdout + run.stderr).toMatch(/Test Files\s+\d+ passed \(\d+\)/);
    expect(run.status).toBe(0);
  }, 300_000);
});
