// Whether the client holds up under many sends: each count of sendRcsMessage calls runs in
// a fresh child process (so peak memory is comparable), 64 in flight at a time, against the
// local spec server running in this process. The child reports its throughput and its peak
// resident set size (process.resourceUsage().maxRSS, the kernel's own high-water mark).
// Memory is called flat when the largest count peaks at most 1.25 times the smallest.
//
// Run alone: `node scripts/bench/scale.mjs [--tiny]`. The bench runs
// `node scripts/bench/scale.mjs --child <count> <concurrency> <url>` for each count.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { isMain } from "../lib/project.mjs";
import { benchToken, exchange, startSpecServer } from "./spec-server.mjs";
import { chosenScale, projectModule, round, scales } from "./shared.mjs";

export const flatLimit = 1.25;

async function sendMany(count, concurrency, baseUrl) {
  const { createRcsClient } = await projectModule("dist/index.js");
  const client = createRcsClient({ token: benchToken, baseUrl });
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await client.sendRcsMessage(exchange.body);
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { count, seconds, peakRssBytes: process.resourceUsage().maxRSS * 1024 };
}

export async function measureScale({ counts, concurrency }) {
  const server = await startSpecServer();
  try {
    const runs = [];
    for (const count of counts) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [fileURLToPath(import.meta.url), "--child", String(count), String(concurrency), server.url],
        { maxBuffer: 1 << 20 },
      );
      const run = JSON.parse(stdout);
      runs.push({
        count,
        seconds: round(run.seconds),
        requestsPerSecond: round(count / run.seconds),
        peakRssMiB: round(run.peakRssBytes / 2 ** 20),
      });
    }
    const answered = server.requests();
    const sent = counts.reduce((sum, count) => sum + count, 0);
    if (answered !== sent) throw new Error(`the server answered ${answered} requests, not ${sent}`);
    return {
      concurrency,
      runs,
      peakRssGrowth: round(runs.at(-1).peakRssMiB / runs[0].peakRssMiB),
      flatLimit,
    };
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) {
  const [mode, count, concurrency, url] = process.argv.slice(2);
  const result =
    mode === "--child"
      ? await sendMany(Number(count), Number(concurrency), url)
      : await measureScale(scales[chosenScale()].scale);
  console.log(JSON.stringify(result, null, mode === "--child" ? 0 : 2));
}
