// The `version` npm script: `npm version <bump>` has just written the new version to
// package.json. This checks that the bump is big enough for the spec's changes (as
// `npm run diff` does), writes the new version into generated/spec-values.js (the client's
// User-Agent carries it), snapshots the spec to released/, and stages both, so that npm's
// release commit holds them.
import { execFileSync } from "node:child_process";
import { buildSpecValues } from "./build-spec-values.mjs";
import { checkSpecChanges } from "./diff.mjs";
import { fromRoot } from "./lib/project.mjs";
import { snapshotRelease } from "./release-snapshot.mjs";

if (!checkSpecChanges().enough) {
  process.exitCode = 1;
} else {
  buildSpecValues();
  snapshotRelease();
  execFileSync("git", ["add", "released", "generated/spec-values.js", "generated/spec-values.d.ts"], { cwd: fromRoot(), stdio: "inherit" });
}
