// The `version` npm script: `npm version <bump>` has just written the new version to
// package.json. This checks that the bump is big enough for the spec's changes (as
// `npm run diff` does), moves CHANGELOG.md's Unreleased entry under the new version (which
// must say it is breaking if the spec's changes are), writes the new version into
// generated/spec-values.js (the client's User-Agent carries it) and the record of what
// generated/ was made from (package.json is one of its inputs), snapshots the spec to
// released/, and stages all of it, so that npm's release commit holds them. Nothing is
// written unless every check passes.
import { execFileSync } from "node:child_process";
import { buildSpecValues } from "./build-spec-values.mjs";
import { checkSpecChanges } from "./diff.mjs";
import { releaseChangelogFile } from "./lib/changelog.mjs";
import { fromRoot, generateRecord, recordGenerateInputs } from "./lib/project.mjs";
import { snapshotRelease } from "./release-snapshot.mjs";

const { enough, required } = checkSpecChanges();
const problems = enough ? releaseChangelogFile({ required }) : [];
for (const problem of problems) console.error(`npm version: ${problem}`);
if (!enough || problems.length > 0) {
  process.exitCode = 1;
} else {
  buildSpecValues();
  recordGenerateInputs();
  snapshotRelease();
  execFileSync("git", ["add", "released", "generated/spec-values.js", "generated/spec-values.d.ts", "CHANGELOG.md", generateRecord], { cwd: fromRoot(), stdio: "inherit" });
}
