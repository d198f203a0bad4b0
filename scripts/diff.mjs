// `npm run diff`: compares the current bundle with the spec of the last release
// (openapi/released/), prints every change with the semver bump Redocly rates it at, and
// fails when package.json's version has not been bumped enough over the released one.
// A breaking change to the spec must never reach users who pinned a compatible range.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";
import { bumpBetween, bumpCovers } from "./lib/semver.mjs";
import { readReleasedVersion, releasedSpec } from "./release-snapshot.mjs";

function redoclyDiff(base, revision) {
  const run = spawnSync(fromRoot("node_modules/.bin/redocly"), ["diff", base, revision, "--config", fromRoot("redocly.diff.yaml"), "--format", "json", "--fail-on", "none"], {
    cwd: fromRoot(),
    env: redoclyEnv(),
    encoding: "utf8",
  });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`redocly diff failed (exit code ${run.status})`);
  }
  return JSON.parse(run.stdout);
}

/** Decodes a JSON pointer like #/paths/~1api~1x/post into "paths › /api/x › post". */
function readablePath(pointer) {
  return pointer
    .replace(/^#\//, "")
    .split("/")
    .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"))
    .join(" › ");
}

export function checkSpecChanges({
  revision = fromRoot("generated/openapi.json"),
  current = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version,
} = {}) {
  const report = redoclyDiff(releasedSpec, revision);
  const released = readReleasedVersion();
  const required = report.bump ?? "none";
  const made = bumpBetween(released, current);

  for (const change of report.changes) {
    const property = change.property ? ` (${change.property})` : "";
    console.log(`${change.impact.padEnd(5)}  ${change.kind.padEnd(8)} ${readablePath(change.path)}${property}`);
  }
  console.log(`\n${report.changes.length} changes since the released spec of ${released}; they need a ${required} bump.`);
  console.log(`package.json is at ${current}, a ${made} bump over ${released}.`);

  const enough = bumpCovers(made, required);
  if (!enough) console.error(`\nnpm run diff: these changes need a ${required} bump, but ${released} → ${current} is only ${made}.`);
  return { required, made, enough, changes: report.changes };
}

if (isMain(import.meta.url)) {
  if (!checkSpecChanges().enough) process.exitCode = 1;
}
