// The `version` npm script: `npm version <bump>` has just written the new version to
// package.json. This checks that the bump is big enough for the spec's changes (as
// `npm run diff` does), writes the new version into generated/spec-values.js (the client's
// User-Agent carries it) and the record of what generated/ was made from (package.json is
// one of its inputs), snapshots the spec to released/, and stages them, so that npm's release
// commit holds them.
import { execFileSync } from "node:child_process";
import { buildSpecValues } from "./build-spec-values.mjs";
import { checkSpecChanges } from "./diff.mjs";
import { fromRoot, generateRecord, recordGenerateInputs } from "./lib/project.mjs";
import { snapshotRelease } from "./release-snapshot.mjs";

if (!checkSpecChanges().enough) {
  process.exitCode = 1;
} else {
  buildSpecValues();
  recordGenerateInputs();
  snapshotRelease();
  execFileSync("git", ["add", "released", "generated/spec-values.js", "generated/spec-values.d.ts", generateRecord], { cwd: fromRoot(), stdio: "inherit" });
}
