// `npm run lint` fails on any problem our rules exist to catch, and on warnings too. Each case
// breaks a copy of the spec in one place; the linters run on all copies side by side (Redocly
// once for the copies that keep redocly.yaml as committed, with that configuration, one report
// per copy, and once more for each copy that edits it; Spectral once per broken copy), and the
// real lint script runs once more on a broken copy to prove that a problem makes it exit 1.
// That copy's bundle is the committed one, so the script's own Spectral run is the one on the
// committed bundle.
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRedoclyProblems, redoclyReport, redoclyReports, spectralRun } from "../../scripts/lint.mjs";

const root = new URL("../..", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-lint-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of what the linters read, in `scratch/<name>`, with `edits` applied (file → change). */
function copyWith(name: string, edits: Record<string, (text: string) => string> = {}): string {
  const dir = join(scratch, name);
  mkdirSync(dir);
  for (const source of ["openapi", "redocly", "scripts", "redocly.yaml", "package.json", "generated/openapi.yaml", ".spectral.yaml", "eslint.config.js"]) {
    cpSync(join(root, source), join(dir, source), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  for (const [file, change] of Object.entries(edits)) {
    const path = join(dir, file);
    const before = readFileSync(path, "utf8");
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${file} for "${name}" changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}

interface RedoclyCase {
  what: string;
  rule: string;
  severity?: "warn";
  edits: Record<string, (text: string) => string>;
}

const redoclyCases: RedoclyCase[] = [
  {
    what: "a schema property without a description",
    rule: "wwt/property-described",
    edits: {
      "openapi/components/schemas/RcsTextOptions.yaml": (text) =>
        text.replace(/ {4}description: >-\n {6}The message text[^]*?counts as 2\.\n/, ""),
    },
  },
  {
    what: "a request string without a limit",
    rule: "wwt/request-string-limited",
    edits: { "openapi/components/schemas/RcsSender.yaml": (text) => text.replace("maxLength: 40\n", "") },
  },
  {
    what: "a query parameter's string without a limit",
    rule: "wwt/request-string-limited",
    edits: { "openapi/components/schemas/MessageSort.yaml": (text) => text.replace(/enum:\n( {2}- [a-z]+\n)+/, "") },
  },
  {
    what: "a path parameter's string without a limit",
    rule: "wwt/request-string-limited",
    edits: { "openapi/components/parameters/CampaignId.yaml": (text) => text.replace("  $ref: ../schemas/CampaignId.yaml\n", "  type: string\n") },
  },
  {
    what: "a parameter without an example",
    rule: "rule/parameter-example",
    edits: { "openapi/components/parameters/SortDirection.yaml": (text) => text.replace("example: desc\n", "") },
  },
  {
    what: "an operation without a request example",
    rule: "rule/request-body-example",
    edits: {
      "openapi/paths/api_auth_login.yaml": (text) => text.replace(/ {8}examples:\n {10}liveKey:\n {12}\$ref: [^\n]+\n/, ""),
    },
  },
  {
    what: "an operation without a success example",
    rule: "rule/success-response-example",
    edits: {
      "openapi/paths/api_auth_refresh.yaml": (text) =>
        text.replace(/ {10}examples:\n {12}issued:\n {14}\$ref: [^\n]+\n/, ""),
    },
  },
  {
    what: "a warning, not only an error",
    rule: "info-contact",
    severity: "warn",
    edits: {
      "redocly.yaml": (text) => text.replace("rules:\n", "rules:\n  info-contact: warn\n"),
      "openapi/openapi.yaml": (text) => text.replace(/ {2}contact:\n( {4}[^\n]+\n)+/, ""),
    },
  },
];

const withoutInventory = (text: string) => text.replace("    x-internal: false\n", "");
const withStringsRestricted = (text: string) => text.replace("  owasp:api4:2023-string-restricted: off\n", "");

type Report = Awaited<ReturnType<typeof redoclyReport>>;
let committedReport: Report;
const caseReports = new Map<string, Report>();
let spectralOnBroken: Awaited<ReturnType<typeof spectralRun>>;
let spectralStricter: Awaited<ReturnType<typeof spectralRun>>;
let script: { code: number; output: string };

beforeAll(async () => {
  const committed = copyWith("committed");
  const cases = redoclyCases.map((row, index) => ({ row, dir: copyWith(`case${index}`, row.edits) }));
  const broken = copyWith("broken-bundle", { "generated/openapi.yaml": withoutInventory });
  const stricter = copyWith("stricter-ruleset", { ".spectral.yaml": withStringsRestricted });

  // The script runs on the copy whose only problem is a warning: if that fails it, so does an error.
  const warningOnly = cases.find(({ row }) => row.severity === "warn")!.dir;
  const runScript = promisify(execFile)(process.execPath, ["scripts/lint.mjs"], { cwd: warningOnly, encoding: "utf8" }).then(
    (done) => ({ code: 0, output: `${done.stdout}${done.stderr}` }),
    (failure) => ({ code: failure.code as number, output: `${failure.stdout}${failure.stderr}` }),
  );
  // The committed spec, by its API name, and each copy whose redocly.yaml is the committed one, by
  // its root file, in one Redocly run with the committed configuration; each other copy with its own.
  const ownConfig = cases.filter(({ row }) => "redocly.yaml" in row.edits);
  const sharedConfig = cases.filter(({ row }) => !("redocly.yaml" in row.edits));
  let sharedReports: Report[];
  [[committedReport, ...sharedReports], spectralOnBroken, spectralStricter, script] = await Promise.all([
    redoclyReports(["wwt-rcs", ...sharedConfig.map(({ dir }) => join(dir, "openapi/openapi.yaml"))], { cwd: committed }),
    spectralRun(["generated/openapi.yaml"], { cwd: broken }),
    spectralRun(["generated/openapi.yaml"], { cwd: stricter }),
    runScript,
    ...ownConfig.map(async ({ row, dir }) => caseReports.set(row.what, await redoclyReport("wwt-rcs", { cwd: dir }))),
  ]);
  sharedConfig.forEach(({ row }, index) => caseReports.set(row.what, sharedReports[index]));
  expect(caseReports.size).toBe(redoclyCases.length);
}, 120_000);

describe("npm run lint", () => {
  it("finds no problem in the spec as committed, with either linter", () => {
    expect(describeRedoclyProblems(committedReport)).toEqual([]);
    expect(script.output).toContain("spectral lint generated/openapi.yaml: no problems");
  });

  it.each(redoclyCases.map((row) => [row.what, row] as const))("reports %s", (what, { rule, severity = "error" }) => {
    const report = caseReports.get(what)!;
    expect(report.problems.map((problem: { ruleId: string; severity: string }) => [problem.ruleId, problem.severity])).toContainEqual([rule, severity]);
  });

  it("fails, exit code 1, naming the rule, when the spec's only problem is a warning", () => {
    expect(script.code, script.output).toBe(1);
    expect(script.output).toMatch(/warn info-contact/);
  });

  it("fails on an OWASP API security finding in the bundle (Spectral)", () => {
    expect(spectralOnBroken.passed).toBe(false);
    expect(spectralOnBroken.output).toMatch(/error\s+owasp:api9:2023-inventory-access/);
  });

  it("fails on a Spectral warning, not only on an error", () => {
    expect(spectralStricter.passed).toBe(false);
    expect(spectralStricter.output).toMatch(/warning\s+owasp:api4:2023-string-restricted/);
    expect(spectralStricter.output).not.toMatch(/\berror\b/);
  });
});
