// Checks the package as npm would publish it, one line per step:
// - `npm pkg fix` would change nothing in package.json;
// - `npm publish --dry-run` prints no warning (npm corrects a bin path such as `./mock/bin.js`
//   with one), and the tarball it would publish holds LICENSE, CHANGELOG.md, SECURITY.md and
//   README.md;
// - publint, for package.json and file layout, and Are The Types Wrong, for what TypeScript
//   resolves. The package is ESM-only (hence attw's esm-only profile), and openapi.yaml and
//   arazzo.yaml are data files exported for users' tools, not modules whose types could be checked.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { fromRoot, isMain } from "./lib/project.mjs";

/** Documents a user opens from the tarball (the README links the recipes page): each must be in it. */
export const requiredFiles = ["LICENSE", "CHANGELOG.md", "SECURITY.md", "README.md", "docs/receiving-callbacks-with-frameworks.md"];

const npmEnv = () => ({ ...process.env, SCARF_ANALYTICS: "false", REDOCLY_TELEMETRY: "off" });

/** The top-level fields of package.json (in `dir`) that `npm pkg fix` would change; it runs on a copy. */
export function fieldsNpmWouldFix(dir = fromRoot()) {
  const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-pkg-fix-"));
  try {
    copyFileSync(join(dir, "package.json"), join(scratch, "package.json"));
    execFileSync("npm", ["pkg", "fix"], { cwd: scratch, stdio: "pipe", env: npmEnv() });
    const before = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const after = JSON.parse(readFileSync(join(scratch, "package.json"), "utf8"));
    const fields = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...fields].filter((field) => !isDeepStrictEqual(before[field], after[field])).map((field) => ({ field, before: before[field], after: after[field] }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * What `npm publish --dry-run` (in `dir`) warns about, and the files it would publish. Its one
 * warning about the environment, that nobody is logged in to the registry, is left out: it
 * says nothing about the package, and CI publishes with credentials of its own.
 */
export function publishDryRun(dir = fromRoot()) {
  const run = spawnSync("npm", ["publish", "--dry-run", "--json"], { cwd: dir, encoding: "utf8", env: npmEnv(), maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`npm publish --dry-run failed (exit code ${run.status}):\n${run.stderr}`);
  const loggedOut = /^npm warn publish This command requires you to be logged in to \S+ \(dry-run\)$/;
  const warnings = run.stderr.split("\n").filter((line) => line.startsWith("npm warn") && !loggedOut.test(line));
  const [report] = Object.values(JSON.parse(run.stdout));
  return { warnings, files: report.files.map((file) => file.path) };
}

function checkPackage() {
  const fixes = fieldsNpmWouldFix();
  if (fixes.length > 0) {
    for (const { field, before, after } of fixes) console.error(`  ${field}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    throw new Error(`npm pkg fix would change ${fixes.map(({ field }) => field).join(", ")} in package.json; write them as shown above, as npm would`);
  }
  console.log("check:package: npm pkg fix would change nothing in package.json");

  const { warnings, files } = publishDryRun();
  if (warnings.length > 0) throw new Error(`npm publish --dry-run warns:\n${warnings.join("\n")}`);
  const missing = requiredFiles.filter((file) => !files.includes(file));
  if (missing.length > 0) throw new Error(`the tarball npm would publish lacks ${missing.join(", ")}; add them to "files" in package.json`);
  console.log(`check:package: npm publish --dry-run has no warning, and its ${files.length} files include ${requiredFiles.join(", ")}`);

  const run = (tool, args) => execFileSync(fromRoot("node_modules/.bin", tool), args, { cwd: fromRoot(), stdio: "inherit", env: npmEnv() });
  run("publint", ["--strict"]);
  console.log("check:package: publint found no problems");
  run("attw", ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "./arazzo.yaml"]);
  console.log("check:package: attw found no problems");
}

if (isMain(import.meta.url)) {
  try {
    checkPackage();
  } catch (error) {
    console.error(`check:package: ${error.message}`);
    process.exitCode = 1;
  }
}
