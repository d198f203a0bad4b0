// `npm run diff`: compares the current bundle with the spec of the last release
// (released/), prints every change with the semver bump Redocly rates it at, and
// fails when package.json's version is not far enough ahead of the released one, or when
// CHANGELOG.md's entry for that version does not say what the change breaks
// (scripts/lib/changelog.mjs). A breaking change to the spec must never reach users who
// pinned a compatible range, nor reach them unannounced.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import semver from "semver";
import { pointerKeys } from "../src/json-pointer.js";
import { checkChangelog } from "./lib/changelog.mjs";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";
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
  return pointerKeys(decodeURIComponent(pointer)).join(" › ");
}

/**
 * The lowest version that may ship a change needing `required` over `released`. Before 1.0.0
 * semver's convention shifts one place right: `^0.1.0` admits 0.1.x only, so a breaking
 * change needs a minor bump and an addition a patch; from 1.0.0 on, major and minor.
 */
export function leastVersionFor(released, required) {
  if (required === "none") return released;
  const stable = semver.major(released) > 0;
  const bump = { patch: "patch", minor: stable ? "minor" : "patch", major: stable ? "major" : "minor" }[required];
  if (!bump) throw new Error(`unknown bump: ${required}`);
  return semver.inc(released, bump);
}

/** Redocly's report on the changes from the released spec to `revision`: `bump` and `changes`. */
export function specChanges(revision = fromRoot("generated/openapi.json")) {
  return redoclyDiff(releasedSpec, revision);
}

/**
 * Compares the current bundle (or `revision`) with the released spec, prints every change,
 * and judges whether `current` (package.json's version by default) is far enough ahead.
 * @param {{ revision?: string, current?: string }} [options]
 */
export function checkSpecChanges({ revision = fromRoot("generated/openapi.json"), current } = {}) {
  return judgeSpecChanges(specChanges(revision), { current });
}

/**
 * Judges Redocly's `report` (from specChanges) against `current`: the bump the changes need,
 * the least version that may ship them, and whether `current` is enough. Prints as
 * checkSpecChanges does.
 */
export function judgeSpecChanges(report, { current = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version } = {}) {
  const released = readReleasedVersion();
  const required = report.bump ?? "none";
  if (!semver.valid(current)) throw new Error(`package.json's version is not a semver version: ${current}`);
  if (semver.lt(current, released)) throw new Error(`version ${current} is older than the released ${released}`);
  const least = leastVersionFor(released, required);

  for (const change of report.changes) {
    const property = change.property ? ` (${change.property})` : "";
    console.log(`${change.impact.padEnd(5)}  ${change.kind.padEnd(8)} ${readablePath(change.path)}${property}`);
  }
  console.log(`\n${report.changes.length} changes since the released spec of ${released}; they need a ${required} bump, to ${least} at least.`);
  console.log(`package.json is at ${current}.`);

  const enough = semver.gte(current, least);
  if (!enough) console.error(`\nnpm run diff: these changes need a ${required} bump: version ${least} or later, but package.json is at ${current}.`);
  return { required, least, enough, changes: report.changes };
}

if (isMain(import.meta.url)) {
  const { enough, required } = checkSpecChanges();
  const announced = checkChangelog({ required });
  if (!enough || !announced) process.exitCode = 1;
}
