// `npm run bench` at its tiny size: it must run every measurement and write a complete,
// consistent results file where it is told to. Timings at this size are noise, so no
// budget is asserted; only that each was judged, and judged by its own figures.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-bench-test-"));
const outFile = join(scratch, "results.json");
const committed = join(root, "bench/results.json");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runBench(): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ["scripts/bench.mjs", "--tiny", "--out", outFile], { cwd: root, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
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

const modifiedAt = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
};

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run bench --tiny", () => {
  it("measures everything, writes a well-formed results file where told, and judges every budget by its figures", async () => {
    const committedBefore = modifiedAt(committed);
    const run = await runBench();
    expect(run.code, run.stderr).toBeOneOf([0, 1]);
    expect(modifiedAt(committed)).toBe(committedBefore);

    const results = JSON.parse(readFileSync(outFile, "utf8"));
    expect(results.size).toBe("tiny");
    expect(results.machine).toMatchObject({ node: process.version, cores: cpus().length });
    expect(results.machine.cpu).toMatch(/\S/);

    const measured = ["overhead", "validation", "bundleSize", "generate", "scale"].map((section) => results[section]);
    for (const section of measured) expect(section).toBeTypeOf("object");
    const numbers = measured.flatMap((section, i) => numbersIn(section, `#${i}`));
    expect(numbers.length).toBeGreaterThan(30);
    for (const [at, value] of numbers) expect(value, at).toSatisfy((n: number) => Number.isFinite(n) && n > 0);

    expect(results.overhead).toMatchObject({ calls: 200 });
    for (const variant of ["client", "openapiFetch", "rawFetch"]) {
      expect(Object.keys(results.overhead[variant]).sort()).toEqual(["medianUs", "p99Us", "requestsPerSecond"]);
    }
    expect(results.scale.runs.map((r: { count: number }) => r.count)).toEqual([200, 1000]);
    // The client bundle really holds the validators and openapi-fetch, and gzip shrinks it.
    const inputs = Object.keys(results.bundleSize.client.minifiedBytesByInput);
    expect(inputs).toEqual(expect.arrayContaining(["generated/validators.js", "node_modules/openapi-fetch/dist/index.mjs"]));
    expect(results.bundleSize.client.gzipBytes).toBeLessThan(results.bundleSize.client.rawBytes);
    expect(results.bundleSize.validatorsAlone.gzipBytes).toBeLessThan(results.bundleSize.client.gzipBytes);

    expect(results.budgets.map((b: { name: string }) => b.name)).toEqual(["overhead", "validation", "bundle", "generate", "scale"]);
    const missed: string[] = [];
    for (const budget of results.budgets) {
      expect(budget.met, budget.name).toBe(budget.value <= budget.limit);
      if (!budget.met) missed.push(budget.name);
    }
    expect(run.code).toBe(missed.length > 0 ? 1 : 0);
    for (const name of missed) expect(run.stderr).toContain(`${name} (`);
    expect(results.budgets.find((b: { name: string }) => b.name === "overhead").value).toBe(results.overhead.medianRatio);
    expect(results.budgets.find((b: { name: string }) => b.name === "bundle").limit).toBe(2 * results.bundleSize.openapiFetch.gzipBytes);
  }, 300_000);
});
