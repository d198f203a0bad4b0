// npm run bench: measures what the client costs, prints a table, writes bench/results.json
// and exits 1 when a budget is missed (2 when the bench itself fails).
//
//   node scripts/bench.mjs [--tiny] [--out <file>]
//
// --tiny (or BENCH_SCALE=tiny) runs every measurement briefly, to check that the bench
// works; its timings mean nothing. --out (or BENCH_OUT) writes the results elsewhere.
// Each measurement lives in scripts/bench/ and can also be run alone.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fromRoot } from "./lib/project.mjs";
import { measureBundleSize } from "./bench/bundle-size.mjs";
import { measureOverhead } from "./bench/overhead.mjs";
import { measurePipeline } from "./bench/pipeline.mjs";
import { measureScale } from "./bench/scale.mjs";
import { chosenScale, scales } from "./bench/shared.mjs";
import { measureValidation } from "./bench/validation.mjs";

const { values: flags } = parseArgs({ options: { tiny: { type: "boolean" }, out: { type: "string" } } });
const size = chosenScale();
const sizes = scales[size];
const outFile = resolve(flags.out ?? process.env.BENCH_OUT ?? fromRoot("bench/results.json"));

try {
  const machine = {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    availableParallelism: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };

  execFileSync(fromRoot("node_modules/.bin/tsc"), ["-p", "tsconfig.build.json"], { cwd: fromRoot(), stdio: "inherit" });
  console.log(`bench: built dist/ (size: ${size})`);
  const overhead = await measureOverhead(sizes.overhead);
  console.log(`bench: overhead measured (${overhead.calls} calls per variant)`);
  const validation = await measureValidation(sizes.validation);
  console.log(`bench: validation measured (${validation.callsPerCase} calls per case)`);
  const bundleSize = await measureBundleSize();
  console.log("bench: bundles measured");
  const generate = measurePipeline(sizes.pipeline);
  console.log(`bench: npm run generate timed (${generate.runs} clean runs)`);
  const scale = await measureScale(sizes.scale);
  console.log(`bench: scale measured (${scale.runs.map((run) => run.count).join(" and ")} sends)`);

  const budgets = [
    { name: "overhead", measure: "median latency, client / raw fetch", value: overhead.medianRatio, limit: 1.05 },
    { name: "validation", measure: "µs per valid carousel body", value: validation.validBodyUs, limit: 5 },
    { name: "bundle", measure: "client gzip bytes (2 × openapi-fetch's)", value: bundleSize.client.gzipBytes, limit: 2 * bundleSize.openapiFetch.gzipBytes },
    { name: "generate", measure: "seconds for a clean npm run generate", value: generate.medianSeconds, limit: 5 },
    { name: "scale", measure: `peak RSS, ${scale.runs.at(-1).count} / ${scale.runs[0].count} sends`, value: scale.peakRssGrowth, limit: scale.flatLimit },
  ].map((budget) => ({ ...budget, met: budget.value <= budget.limit }));

  const results = { generatedBy: "npm run bench (scripts/bench.mjs)", size, measuredAt: new Date().toISOString(), machine, overhead, validation, bundleSize, generate, scale, budgets };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  printTable(results);
  console.log(`bench: wrote ${outFile.startsWith(fromRoot()) ? relative(fromRoot(), outFile) : outFile}`);
  const missed = budgets.filter((budget) => !budget.met);
  if (missed.length > 0) {
    console.error(`bench: missed ${missed.length} budget(s): ${missed.map((budget) => `${budget.name} (${budget.value} > ${budget.limit})`).join(", ")}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`bench: failed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 2;
}

function printTable({ machine, overhead, validation, bundleSize, generate, scale, budgets }) {
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  const latency = ({ medianUs, p99Us, requestsPerSecond }) => `median ${medianUs} µs, p99 ${p99Us} µs, ${requestsPerSecond} req/s`;
  const rows = [
    ["machine", `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}`],
    ["client (validating)", latency(overhead.client)],
    ["openapi-fetch alone", latency(overhead.openapiFetch)],
    ["raw fetch", latency(overhead.rawFetch)],
    ["client / raw fetch", `median ×${overhead.medianRatio}, p99 ×${overhead.p99Ratio}, throughput ×${overhead.throughputRatio}`],
    ["validate carousel", `valid ${validation.validBodyUs} µs, invalid ${validation.invalidBodyUs} µs, explained ${validation.invalidBodyExplainedUs} µs`],
    ["bundle: client", `${kib(bundleSize.client.rawBytes)} min, ${kib(bundleSize.client.gzipBytes)} gzip`],
    ["bundle: openapi-fetch", `${kib(bundleSize.openapiFetch.rawBytes)} min, ${kib(bundleSize.openapiFetch.gzipBytes)} gzip`],
    ["bundle: validators", `${kib(bundleSize.validatorsAlone.rawBytes)} min, ${kib(bundleSize.validatorsAlone.gzipBytes)} gzip`],
    ["bundle: stub validators", `${kib(bundleSize.clientWithStubValidators.gzipBytes)} gzip (reference only)`],
    ["npm run generate", `${generate.medianSeconds} s (median of ${generate.runs})`],
    ...scale.runs.map((run) => [`${run.count} sends, ${scale.concurrency} in flight`, `${run.requestsPerSecond} req/s, peak RSS ${run.peakRssMiB} MiB`]),
  ];
  const budgetRows = budgets.map((budget) => [
    `budget: ${budget.name}`,
    `${budget.measure}: ${budget.value} ≤ ${budget.limit} ${budget.met ? "met" : "MISSED"}`,
  ]);
  const width = Math.max(...[...rows, ...budgetRows].map(([label]) => label.length));
  for (const [label, value] of [...rows, ...budgetRows]) console.log(`${label.padEnd(width)}  ${value}`);
}
