// Lints the API description and its Arazzo workflows with Redocly (recommended-strict plus
// our own rules) and the bundled spec with Spectral's OWASP API security rules
// (.spectral.yaml), and fails on any problem at all: an error, and also a warning.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { relative } from "node:path";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";

export function lintWithRedocly(targets = ["wwt-rcs"]) {
  const run = spawnSync(fromRoot("node_modules/.bin/redocly"), ["lint", "--format=json", ...targets], {
    cwd: fromRoot(),
    env: redoclyEnv(),
    encoding: "utf8",
  });
  // One JSON report per linted file, written back to back.
  const reports = run.stdout.trim() === "" ? [] : JSON.parse(`[${run.stdout.replace(/}\s*{/g, "},{")}]`);
  if (reports.length === 0) {
    process.stderr.write(run.stderr);
    throw new Error(`redocly lint produced no report (exit code ${run.status})`);
  }
  const problems = reports.flatMap((report) => report.problems);
  for (const problem of problems) {
    const where = problem.location[0];
    const file = where?.source?.ref ? relative(fromRoot(), where.source.ref) : "?";
    const line = where?.start ? `${where.start.line}:${where.start.col}` : where?.pointer ?? "";
    console.error(`${file}:${line} ${problem.severity} ${problem.ruleId}: ${problem.message}`);
  }
  console.log(`redocly lint (${targets.join(", ")}): ${problems.length} problems`);
  return problems.length;
}

// Spectral reads the bundle: it cannot follow the spec's `$ref` to a Markdown guide. The
// ruleset comes from node_modules, so this runs offline. A stale bundle fails
// `npm run check:generated`.
export function lintWithSpectral(target = "generated/openapi.yaml") {
  const run = spawnSync(
    fromRoot("node_modules/.bin/spectral"),
    ["lint", target, "--ruleset", ".spectral.yaml", "--format", "json", "--quiet"],
    { cwd: fromRoot(), encoding: "utf8" },
  );
  let results;
  try {
    results = JSON.parse(run.stdout);
  } catch {
    process.stderr.write(run.stderr);
    throw new Error(`spectral lint produced no report (exit code ${run.status})`);
  }
  const severities = ["error", "warning", "info", "hint"];
  for (const result of results) {
    const { line, character } = result.range.start;
    const file = relative(fromRoot(), result.source);
    console.error(`${file}:${line + 1}:${character + 1} ${severities[result.severity]} ${result.code}: ${result.message} (${result.path.join(".")})`);
  }
  console.log(`spectral lint (${target}): ${results.length} problems`);
  return results.length;
}

/** The Arazzo workflows in openapi/arazzo/, which must lint as clean as the spec. */
export function arazzoFiles() {
  return readdirSync(fromRoot("openapi/arazzo"))
    .filter((name) => name.endsWith(".arazzo.yaml"))
    .map((name) => `openapi/arazzo/${name}`);
}

if (isMain(import.meta.url)) {
  const problems = lintWithRedocly(["wwt-rcs", ...arazzoFiles()]) + lintWithSpectral();
  if (problems > 0) process.exitCode = 1;
}
