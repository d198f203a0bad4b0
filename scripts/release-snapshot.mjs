// Records the spec as released: copies the bundled spec to released/ together with the
// package version it shipped in. `npm version <bump>` runs it (through scripts/release.mjs) in
// the same commit as the new version, once `npm run diff` agrees that the bump is big enough.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { fromRoot, isMain } from "./lib/project.mjs";

export const releasedSpec = fromRoot("released/openapi.json");
export const releasedVersionFile = fromRoot("released/version.json");

export function readReleasedVersion() {
  return JSON.parse(readFileSync(releasedVersionFile, "utf8")).packageVersion;
}

export function snapshotRelease() {
  const { version } = JSON.parse(readFileSync(fromRoot("package.json"), "utf8"));
  copyFileSync(fromRoot("generated/openapi.json"), releasedSpec);
  writeFileSync(releasedVersionFile, `${JSON.stringify({ packageVersion: version }, null, 2)}\n`);
  console.log(`released/ now holds the spec of wwt-rcs ${version}`);
}

if (isMain(import.meta.url)) snapshotRelease();
