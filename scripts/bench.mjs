// npm run bench: measures what the client costs, prints a table next to the committed
// baseline, writes the results and exits 1 when a budget is missed (2 when the bench itself
// fails).
//
//   node scripts/bench.mjs [--tiny] [--out <file>] [--baseline]
//
// Results go to artifacts/bench.json (ignored by git), or to --out. --baseline writes them to
// bench/baseline.json instead: the committed figures the README quotes, refreshed on purpose.
// --tiny (or BENCH_SCALE=tiny) runs every measurement briefly, to check that the bench
// works; its timings mean nothing. Each measurement lives in scripts/bench/ and runs alone too.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { fromRoot } from "./lib/project.mjs";
import { measureBundleSize } from "./bench/bundle-size.mjs";
import { measureOverhead } from "./bench/overhead.mjs";
import { chosenScale, scales } from "./bench/shared.mjs";
import { measureThroughput } from "./bench/throughput.mjs";
import { measureWorstCase } from "./bench/worst-case.mjs";

const { values: flags } = parseArgs({ options: { tiny: { type: "boolean" }, out: { type: "string" }, baseline: { type: "boolean" } } });
const size = chosenScale();
const sizes = scales[size];
const baselineFile = fromRoot("bench/baseline.json");
if (flags.baseline && size !== "full") {
  console.error("bench: only a full run can become the baseline");
  process.exit(2);
}
const outFile = resolve(flags.baseline ? baselineFile : (flags.out ?? process.env.BENCH_OUT ?? fromRoot("artifacts/bench.json")));

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

  const overhead = await measureOverhead(sizes.overhead);
  console.log(`bench: overhead measured (${overhead.calls} calls per variant, one at a time)`);
  const throughput = await measureThroughput(sizes.throughput);
  console.log(`bench: throughput measured (${throughput.sends} sends per variant, ${throughput.inFlight} in flight)`);
  const worstCase = await measureWorstCase(sizes.worstCase);
  console.log(`bench: worst-case validation measured (${worstCase.fields} fields)`);
  const bundleSize = await measureBundleSize();
  console.log("bench: bundles measured");

  const budgets = [
    { name: "overhead", measure: "median latency, client / openapi-fetch alone", value: overhead.clientToOpenapiFetch, limit: 1.0, atMost: true },
    { name: "throughput", measure: `sends per second with ${throughput.inFlight} in flight, client / openapi-fetch alone`, value: throughput.clientToOpenapiFetch, limit: 1.0, atMost: false },
    { name: "worst-case validation", measure: `ms to refuse the largest body (${worstCase.slowest.path})`, value: worstCase.slowest.medianMs, limit: 5, atMost: true },
    { name: "client size", measure: "package entry with every operation, gzip bytes", value: bundleSize.client.gzipBytes, limit: 18_000, atMost: true },
    { name: "callbacks size", measure: "callback functions alone, gzip bytes", value: bundleSize.callbacksOnly.gzipBytes, limit: 4_000, atMost: true },
  ].map(({ atMost, ...budget }) => ({ ...budget, atMost, met: atMost ? budget.value <= budget.limit : budget.value >= budget.limit }));

  const results = { generatedBy: "npm run bench (scripts/bench.mjs)", size, measuredAt: new Date().toISOString(), machine, overhead, throughput, worstCase, bundleSize, budgets };
  const baseline = existsSync(baselineFile) && !flags.baseline ? JSON.parse(readFileSync(baselineFile, "utf8")) : undefined;
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);

  printTable(results, baseline);
  console.log(`bench: wrote ${outFile.startsWith(fromRoot()) ? relative(fromRoot(), outFile) : outFile}`);
  const missed = budgets.filter((budget) => !budget.met);
  if (missed.length > 0) {
    console.error(`bench: missed ${missed.length} budget(s): ${missed.map((budget) => `${budget.name} (${budget.value} ${budget.atMost ? ">" : "<"} ${budget.limit})`).join(", ")}`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`bench: failed: ${error instanceof Error ? error.stack : error}`);
  process.exitCode = 2;
}

function printTable({ machine, overhead, throughput, worstCase, bundleSize, budgets }, baseline) {
  const latency = ({ medianUs, p99Us }) => `median ${medianUs} µs, p99 ${p99Us} µs`;
  const gzip = ({ gzipBytes, rawBytes }) => `${gzipBytes} B gzip (${rawBytes} B minified)`;
  const rows = [
    ["machine", `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}`],
    ["one at a time: client", latency(overhead.client)],
    ["one at a time: openapi-fetch alone", latency(overhead.openapiFetch)],
    ["one at a time: raw fetch", latency(overhead.rawFetch)],
    ["openapi-fetch alone / raw fetch", `×${overhead.openapiFetchToRawFetch}`],
    [`${throughput.inFlight} in flight`, Object.entries(throughput.requestsPerSecond).map(([name, rate]) => `${name} ${rate} req/s`).join(", ")],
    ["worst-case validation", `slowest ${worstCase.slowest.medianMs} ms (${worstCase.slowest.operationId} ${worstCase.slowest.path}), ${worstCase.fields} fields`],
    ["bundle: package entry", gzip(bundleSize.client)],
    ["bundle: callback functions", gzip(bundleSize.callbacksOnly)],
    ["bundle: openapi-fetch alone", gzip(bundleSize.openapiFetch)],
    ["bundle: validators alone", gzip(bundleSize.validatorsAlone)],
  ];
  const before = (name) => baseline?.budgets?.find((budget) => budget.name === name)?.value;
  const budgetRows = budgets.map((budget) => [
    `budget: ${budget.name}`,
    `${budget.measure}: ${budget.value} ${budget.atMost ? "≤" : "≥"} ${budget.limit} ${budget.met ? "met" : "MISSED"}` +
      (before(budget.name) === undefined ? "" : ` (baseline ${before(budget.name)})`),
  ]);
  const width = Math.max(...[...rows, ...budgetRows].map(([label]) => label.length));
  for (const [label, value] of [...rows, ...budgetRows]) console.log(`${label.padEnd(width)}  ${value}`);
}
