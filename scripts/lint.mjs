// Lints the API description with Redocly (recommended-strict plus our own rules) and
// fails on any problem at all: an error, and also a warning.
import { spawnSync } from "node:child_process";
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

if (isMain(import.meta.url)) {
  if (lintWithRedocly() > 0) process.exitCode = 1;
}
