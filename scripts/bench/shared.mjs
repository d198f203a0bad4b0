// What the benchmark modules share: the sizes of a run, summaries of timing samples, and
// loading the built client.
import { pathToFileURL } from "node:url";
import { fromRoot } from "../lib/project.mjs";

/** The sizes of one run. `tiny` runs every measurement briefly, to check that the bench works. */
export const scales = {
  full: {
    overhead: { calls: 20_000, callsPerRound: 500, warmupCalls: 1_000 },
    validation: { calls: 200_000, callsPerBatch: 1_000 },
    pipeline: { runs: 3 },
    scale: { counts: [10_000, 100_000], concurrency: 64 },
  },
  tiny: {
    overhead: { calls: 200, callsPerRound: 50, warmupCalls: 50 },
    validation: { calls: 2_000, callsPerBatch: 100 },
    pipeline: { runs: 1 },
    scale: { counts: [200, 1_000], concurrency: 64 },
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

/** Imports a module of the project by its path from the root, e.g. "dist/index.js". */
export function projectModule(path) {
  return import(pathToFileURL(fromRoot(path)).href);
}
