// What the benchmark modules share: the sizes of a run, summaries of timing samples, and the
// client under test, built from src/ with esbuild (the code `npm run build` ships, without
// the wait for tsc: types do not change what runs).
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { fromRoot } from "../lib/project.mjs";

/** The sizes of one run. `tiny` runs every measurement briefly, to check that the bench works. */
export const scales = {
  full: {
    overhead: { calls: 20_000, callsPerRound: 500, warmupCalls: 1_000 },
    throughput: { sends: 20_000, sendsPerRound: 2_000, inFlight: 32 },
    worstCase: { arrayItems: 1_000_000, stringLength: 100_000_000, repeats: 5 },
  },
  tiny: {
    overhead: { calls: 200, callsPerRound: 50, warmupCalls: 50 },
    throughput: { sends: 400, sendsPerRound: 100, inFlight: 32 },
    worstCase: { arrayItems: 10_000, stringLength: 1_000_000, repeats: 1 },
  },
};

/** The scale asked for with `--tiny` or BENCH_SCALE=tiny; full otherwise. */
export function chosenScale(argv = process.argv) {
  return argv.includes("--tiny") || process.env.BENCH_SCALE === "tiny" ? "tiny" : "full";
}

/** The value below which `fraction` of the samples lie (nearest rank), e.g. 0.5 or 0.99. */
export function quantile(samples, fraction) {
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

export const median = (samples) => quantile(samples, 0.5);

/** Four significant digits: enough to compare runs, without float noise in the results file. */
export const round = (value) => Number(value.toPrecision(4));

/** Nanoseconds since an arbitrary point, for durations. */
/** `items` starting at its `start`-th item (counting on past the end), the ones before it last. */
export const rotated = (items, start) => items.map((_, at) => items[(at + start) % items.length]);

export const now = () => process.hrtime.bigint();
export const elapsedUs = (since) => Number(now() - since) / 1e3;

let clientModule;

/** The package entry (src/index.ts) bundled for Node with its dependency, imported once. */
export async function loadClient() {
  if (!clientModule) {
    const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-bench-"));
    try {
      const outfile = join(dir, "client.mjs");
      await build({ entryPoints: [fromRoot("src/index.ts")], bundle: true, platform: "node", format: "esm", target: "es2022", outfile, logLevel: "silent" });
      clientModule = await import(pathToFileURL(outfile).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return clientModule;
}
