// How long `npm run generate` takes from nothing: its sources, without generated/ (and
// with node_modules linked), are copied into a temporary directory, where
// `node scripts/generate.mjs` runs and is timed from start to exit. The real generated/
// is never touched.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyGenerateSources, isMain } from "../lib/project.mjs";
import { chosenScale, median, round, scales } from "./shared.mjs";

function timeCleanGenerate() {
  const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-bench-generate-"));
  try {
    copyGenerateSources(scratch);
    const start = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["scripts/generate.mjs"], { cwd: scratch, encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run.status !== 0) throw new Error(`npm run generate failed in a clean copy:\n${run.stderr}`);
    return seconds;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function measurePipeline({ runs }) {
  const seconds = Array.from({ length: runs }, timeCleanGenerate);
  return { runs, medianSeconds: round(median(seconds)), secondsPerRun: seconds.map(round) };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(measurePipeline(scales[chosenScale()].pipeline), null, 2));
