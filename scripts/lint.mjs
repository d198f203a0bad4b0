// Lints the API description and its Arazzo workflows with Redocly (recommended-strict plus
// our own rules), the bundled spec with Spectral's OWASP API security rules (.spectral.yaml),
// the GitHub Actions workflows with actionlint (scripts/lib/actionlint.mjs), and the code
// itself (src/, scripts/, test/) with ESLint (eslint.config.js), and fails on any problem at
// all: an error, and also a warning.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { relative } from "node:path";
import { promisify } from "node:util";
import { actionlint, workflowFiles } from "./lib/actionlint.mjs";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";

const run = promisify(execFile);

/**
 * Redocly's report on one target (an API name from redocly.yaml, or a file): `totals` counts
 * errors and warnings, `problems` lists them. Redocly has no switch to fail on warnings, so
 * its totals decide.
 */
export async function redoclyReport(target, { cwd = fromRoot() } = {}) {
  const [report] = await redoclyReports([target], { cwd });
  return report;
}

/**
 * Redocly's reports on several targets, linted in one run with the configuration in `cwd`:
 * one report per target, in their order (Redocly writes one JSON document per target).
 */
export async function redoclyReports(targets, { cwd = fromRoot() } = {}) {
  const { stdout, stderr } = await run(fromRoot("node_modules/.bin/redocly"), ["lint", ...targets, "--format=json"], {
    cwd,
    env: redoclyEnv(),
    maxBuffer: 1 << 26,
  }).catch((failure) => failure); // it exits 1 when it finds errors; the reports say which
  // The documents follow one another as `}{`; only a document's own braces start a line.
  const documents = String(stdout ?? "").split(/(?<=^\})(?=\{)/m).filter((text) => text.trim() !== "");
  try {
    if (documents.length !== targets.length) throw new Error("not one report per target");
    return documents.map((text) => JSON.parse(text));
  } catch {
    throw new Error(`redocly lint ${targets.join(" ")} produced no report${targets.length > 1 ? " for each" : ""}:\n${stderr}`);
  }
}

/** One line per problem of a Redocly report: `file:line:col severity rule: message`. */
export function describeRedoclyProblems(report, cwd = fromRoot()) {
  return report.problems.map((problem) => {
    const where = problem.location[0];
    const file = where?.source?.ref ? relative(cwd, where.source.ref) : "?";
    const line = where?.start ? `${where.start.line}:${where.start.col}` : (where?.pointer ?? "");
    return `${file}:${line} ${problem.severity} ${problem.ruleId}: ${problem.message}`;
  });
}

/**
 * Spectral on `targets` with `ruleset`. `--fail-severity=warn` makes its exit code 1 for a
 * warning as for an error; exit code 2 means it could not lint at all.
 * Spectral reads the bundle: it cannot follow the spec's `$ref` to a Markdown guide. The
 * ruleset comes from node_modules, so this runs offline. A stale bundle fails
 * `npm run check:generated`.
 */
export async function spectralRun(targets = ["generated/openapi.yaml"], { cwd = fromRoot(), ruleset = ".spectral.yaml" } = {}) {
  const args = ["lint", ...targets, "--ruleset", ruleset, "--fail-severity=warn", "--format=text"];
  const result = await run(fromRoot("node_modules/.bin/spectral"), args, { cwd, maxBuffer: 1 << 26 }).then(
    (done) => ({ code: 0, ...done }),
    (failure) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
  );
  if (result.code !== 0 && result.code !== 1) throw new Error(`spectral lint could not run (exit code ${result.code}):\n${result.stderr}`);
  return { passed: result.code === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** The Arazzo workflows in openapi/arazzo/, which must lint as clean as the spec. */
export function arazzoFiles(cwd = fromRoot()) {
  return readdirSync(`${cwd}/openapi/arazzo`)
    .filter((name) => name.endsWith(".arazzo.yaml"))
    .map((name) => `openapi/arazzo/${name}`);
}

/**
 * ESLint on the project's code, with `--max-warnings 0` so that a warning fails as an error
 * does; its own output lists the problems.
 */
export async function eslintRun({ cwd = fromRoot() } = {}) {
  const result = await run(fromRoot("node_modules/.bin/eslint"), [".", "--max-warnings", "0"], { cwd, maxBuffer: 1 << 26 }).then(
    (done) => ({ code: 0, ...done }),
    (failure) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
  );
  if (result.code !== 0 && result.code !== 1) throw new Error(`eslint could not run (exit code ${result.code}):\n${result.stderr}`);
  return { passed: result.code === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

/** Everything `npm run lint` checks; true when it found no problem of any severity. */
export async function lintProject() {
  const targets = ["wwt-rcs", ...arazzoFiles()];
  const [spectral, workflows, code, ...reports] = await Promise.all([spectralRun(), actionlint(), eslintRun(), ...targets.map((target) => redoclyReport(target))]);
  let clean = true;
  for (const [index, report] of reports.entries()) {
    for (const line of describeRedoclyProblems(report)) console.error(line);
    const { errors, warnings } = report.totals;
    console.log(`redocly lint ${targets[index]}: ${errors} errors, ${warnings} warnings`);
    clean &&= errors + warnings === 0;
  }
  if (!spectral.passed) console.error(spectral.output);
  console.log(`spectral lint generated/openapi.yaml: ${spectral.passed ? "no problems" : "problems found"}`);
  for (const line of workflows) console.error(line);
  console.log(`actionlint .github/workflows (${workflowFiles().length} files): ${workflows.length} problems`);
  if (!code.passed) console.error(code.output);
  console.log(`eslint src scripts test: ${code.passed ? "no problems" : "problems found"}`);
  return clean && spectral.passed && workflows.length === 0 && code.passed;
}

if (isMain(import.meta.url)) {
  if (!(await lintProject())) process.exitCode = 1;
}
