// `npm run bench` at its tiny size: it must run every measurement and write a complete,
// consistent results file where it is told to, leaving the committed baseline alone.
// Timings at this size are noise, so no budget is asserted; only that each was judged, by
// its own figures, and that the exit code follows the verdicts.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-bench-test-"));
const outFile = join(scratch, "results.json");
const baseline = join(root, "bench/baseline.json");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runBench(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ["scripts/bench.mjs", ...args], { cwd: root, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 2) : 0, stdout, stderr });
    });
  });
}

/** Every number anywhere in `value`, with where it is. */
function numbersIn(value: unknown, at = ""): Array<[string, number]> {
  if (typeof value === "number") return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numbersIn(item, `${at}[${i}]`));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${at}.${key}`));
  return [];
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run bench --tiny", () => {
  it("measures everything, writes a well-formed results file where told, and judges every budget by its figures", async () => {
    const baselineBefore = statSync(baseline).mtimeMs;
    const run = await runBench(["--tiny", "--out", outFile]);
    expect(run.code, run.stderr).toBeOneOf([0, 1]);
    expect(statSync(baseline).mtimeMs).toBe(baselineBefore);

    const results = JSON.parse(readFileSync(outFile, "utf8"));
    expect(results.size).toBe("tiny");
    expect(results.machine).toMatchObject({ node: process.version, cores: cpus().length });

    const measured = ["overhead", "throughput", "worstCase", "bundleSize"].map((section) => results[section]);
    for (const section of measured) expect(section).toBeTypeOf("object");
    const numbers = measured.flatMap((section, i) => numbersIn(section, `#${i}`));
    expect(numbers.length).toBeGreaterThan(30);
    for (const [at, value] of numbers) expect(value, at).toSatisfy((n: number) => Number.isFinite(n) && n > 0);

    expect(results.overhead).toMatchObject({ calls: 200 });
    for (const variant of ["client", "openapiFetch", "rawFetch"]) expect(Object.keys(results.overhead[variant]).sort()).toEqual(["medianUs", "p99Us"]);
    expect(Object.keys(results.throughput.requestsPerSecond).sort()).toEqual(["client", "openapiFetch", "rawFetch"]);
    expect(results.throughput.inFlight).toBe(32);

    // Every growable field of both sends was tried, arrays and strings alike.
    const tried = results.worstCase.byField.map((field: { operationId: string; path: string }) => `${field.operationId} ${field.path}`);
    expect(tried).toEqual(expect.arrayContaining(["sendRcsMessage options.cards", "sendRcsMessage sender", "sendRcsCampaignToGroups groups"]));
    expect(results.worstCase.fields).toBe(tried.length);

    // The client bundle holds the validators and openapi-fetch; the callback functions alone do not need openapi-fetch.
    const inputs = Object.keys(results.bundleSize.client.minifiedBytesByInput);
    expect(inputs).toEqual(expect.arrayContaining(["generated/validators.js", "node_modules/openapi-fetch/dist/index.mjs"]));
    expect(Object.keys(results.bundleSize.callbacksOnly.minifiedBytesByInput)).not.toContain("node_modules/openapi-fetch/dist/index.mjs");
    expect(results.bundleSize.client.gzipBytes).toBeLessThan(results.bundleSize.client.rawBytes);

    const expectedBudgets = ["overhead", "throughput", "worst-case validation", "client size", "callbacks size"];
    expect(results.budgets.map((budget: { name: string }) => budget.name)).toEqual(expectedBudgets);
    const missed: string[] = [];
    for (const budget of results.budgets) {
      expect(budget.met, budget.name).toBe(budget.atMost ? budget.value <= budget.limit : budget.value >= budget.limit);
      if (!budget.met) missed.push(budget.name);
    }
    expect(run.code).toBe(missed.length > 0 ? 1 : 0);
    for (const name of missed) expect(run.stderr).toContain(`${name} (`);
    const judged = (name: string) => results.budgets.find((budget: { name: string }) => budget.name === name).value;
    expect(judged("overhead")).toBe(results.overhead.clientToOpenapiFetch);
    expect(judged("throughput")).toBe(results.throughput.clientToOpenapiFetch);
    expect(judged("callbacks size")).toBe(results.bundleSize.callbacksOnly.gzipBytes);
  });

  it("refuses to make a tiny run the baseline", async () => {
    const run = await runBench(["--tiny", "--baseline"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/only a full run can become the baseline/);
  });
});
