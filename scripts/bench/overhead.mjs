// What one request costs through the client, next to openapi-fetch alone and a hand-written
// fetch of the same request: each sends the spec's carousel example to the local spec
// server one call at a time (so each latency is one request's, not a queue's), in
// alternating rounds within one process, so that drift of the machine hits all three alike;
// each round starts with the next of them, so that none always follows the same one.
import { isMain } from "../lib/project.mjs";
import { startSpecServer } from "./spec-server.mjs";
import { chosenScale, elapsedUs, median, now, quantile, rotated, round, scales } from "./shared.mjs";
import { checkedVariants } from "./variants.mjs";

export async function measureOverhead({ calls, callsPerRound, warmupCalls }) {
  const server = await startSpecServer();
  try {
    const variants = await checkedVariants(server);
    const names = Object.keys(variants);
    for (const send of Object.values(variants)) for (let i = 0; i < warmupCalls; i++) await send();

    const latenciesUs = Object.fromEntries(names.map((name) => [name, new Float64Array(calls)]));
    for (let first = 0; first < calls; first += callsPerRound) {
      const last = Math.min(calls, first + callsPerRound);
      for (const name of rotated(names, first / callsPerRound)) {
        for (let i = first; i < last; i++) {
          const start = now();
          await variants[name]();
          latenciesUs[name][i] = elapsedUs(start);
        }
      }
    }
    const sent = names.length * (calls + warmupCalls + 1);
    if (server.requests() !== sent) throw new Error(`the server answered ${server.requests()} requests, not ${sent}`);

    const summary = (name) => ({ medianUs: round(median(latenciesUs[name])), p99Us: round(quantile(latenciesUs[name], 0.99)) });
    const [client, openapiFetch, rawFetch] = names.map(summary);
    return {
      calls,
      callsPerRound,
      warmupCalls,
      client,
      openapiFetch,
      rawFetch,
      clientToOpenapiFetch: round(client.medianUs / openapiFetch.medianUs),
      clientToRawFetch: round(client.medianUs / rawFetch.medianUs),
      openapiFetchToRawFetch: round(openapiFetch.medianUs / rawFetch.medianUs),
    };
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureOverhead(scales[chosenScale()].overhead), null, 2));
