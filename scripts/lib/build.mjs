// Building dist/ (the package's compiled code: the client and the mock) from src/, and
// telling whether it is stale. The build records the SHA-256 of each file it compiled from in
// dist/.inputs.sha256 (left out of the package), so scripts that run the mock from dist/ can
// build it first when, and only when, its sources changed: `npm start`, `npm run mock`.
// The compiler writes into a scratch folder, and each file moves into dist/ in one step, so
// that a process reading dist/ meanwhile sees whole files.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { hashInputs, recordMismatch, writeRecord } from "./inputs.mjs";
import { fromRoot } from "./project.mjs";

/** Everything tsc reads to build dist/. */
export const buildInputs = [
  "src",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "generated/schema.d.ts",
  "generated/validators.d.ts",
  "generated/spec-values.d.ts",
];
const record = ".inputs.sha256";

/** Why dist/ must be built, or undefined when it was built from the sources as they are. */
export function buildStaleReason() {
  const mismatch = recordMismatch(fromRoot("dist", record), hashInputs(fromRoot(), buildInputs));
  return mismatch && `dist/ is stale: ${mismatch}`;
}

/** Compiles src/ into dist/ with tsconfig.build.json, and records what it was built from. */
export function build() {
  const hashes = hashInputs(fromRoot(), buildInputs);
  const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-build-"));
  try {
    execFileSync(process.execPath, [fromRoot("node_modules/typescript/bin/tsc"), "-p", fromRoot("tsconfig.build.json"), "--outDir", scratch], {
      cwd: fromRoot(),
      // Its errors go to stderr: `npm pack --json` (prepack builds) keeps stdout for its report.
      stdio: ["ignore", 2, 2],
    });
    const built = filesIn(scratch);
    for (const file of built) {
      const target = fromRoot("dist", file);
      mkdirSync(dirname(target), { recursive: true });
      const partial = `${target}.${process.pid}.partial`;
      copyFileSync(join(scratch, file), partial);
      renameSync(partial, target);
    }
    const kept = new Set([...built, record]);
    for (const file of filesIn(fromRoot("dist"))) if (!kept.has(file) && !file.endsWith(".partial")) rmSync(fromRoot("dist", file));
    writeRecord(fromRoot("dist", record), "Written by `npm run build` (scripts/build.mjs): the SHA-256 of every file dist/ was built from. Do not edit.", hashes);
    return built.length;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Builds dist/ when it is stale, saying why in one line that starts with `name`. */
export function ensureBuilt(name) {
  const reason = buildStaleReason();
  if (!reason) return;
  console.log(`${name}: ${reason}; running npm run build`);
  build();
}

function filesIn(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}
