// What the client costs per request over a hand-written fetch of the same request: both
// send the spec's carousel example to the local spec server, one call at a time (so each
// latency is one request's, not a queue's), in alternating rounds within one process so
// that drift of the machine hits both alike. The client validates (its default) and reads
// a fixed token; the raw fetch sends the same headers and JSON and parses the answer.
// openapi-fetch alone, called the same way, runs in the same rounds: it shows how much of
// the overhead is the library the client is built on.
import createClient from "openapi-fetch";
import { isMain } from "../lib/project.mjs";
import { benchToken, exchange, startSpecServer } from "./spec-server.mjs";
import { chosenScale, median, projectModule, quantile, round, scales } from "./shared.mjs";

export async function measureOverhead({ calls, callsPerRound, warmupCalls }) {
  const { createRcsClient } = await projectModule("dist/index.js");
  const server = await startSpecServer();
  try {
    const client = createRcsClient({ token: benchToken, baseUrl: server.url });
    const url = server.url + exchange.path;
    const headers = { "Content-Type": "application/json", Authorization: `Bearer ${benchToken}` };
    const openapiFetch = createClient({ baseUrl: server.url, headers });
    const variants = {
      client: () => client.sendRcsMessage(exchange.body),
      openapiFetch: async () => {
        const { data, response } = await openapiFetch.POST(exchange.path, { body: exchange.body });
        if (!response.ok) throw new Error(`openapi-fetch got status ${response.status}`);
        return data.data;
      },
      rawFetch: async () => {
        const response = await fetch(url, { method: exchange.method, headers, body: JSON.stringify(exchange.body) });
        if (!response.ok) throw new Error(`the raw fetch got status ${response.status}`);
        return (await response.json()).data;
      },
    };

    const expected = JSON.stringify(exchange.answer.data);
    for (const [name, send] of Object.entries(variants)) {
      if (JSON.stringify(await send()) !== expected) throw new Error(`${name} did not resolve to the example's data`);
      for (let i = 1; i < warmupCalls; i++) await send();
    }

    const names = Object.keys(variants);
    const latenciesUs = Object.fromEntries(names.map((name) => [name, new Float64Array(calls)]));
    const elapsedNs = Object.fromEntries(names.map((name) => [name, 0n]));
    for (let first = 0; first < calls; first += callsPerRound) {
      const last = Math.min(calls, first + callsPerRound);
      for (const name of names) {
        const send = variants[name];
        const roundStart = process.hrtime.bigint();
        for (let i = first; i < last; i++) {
          const start = process.hrtime.bigint();
          await send();
          latenciesUs[name][i] = Number(process.hrtime.bigint() - start) / 1e3;
        }
        elapsedNs[name] += process.hrtime.bigint() - roundStart;
      }
    }
    const answered = server.requests();
    const sent = names.length * (calls + warmupCalls);
    if (answered !== sent) throw new Error(`the server answered ${answered} requests, not ${sent}`);

    const summary = (name) => ({
      medianUs: round(median(latenciesUs[name])),
      p99Us: round(quantile(latenciesUs[name], 0.99)),
      requestsPerSecond: round(calls / (Number(elapsedNs[name]) / 1e9)),
    });
    const viaClient = summary("client");
    const viaLibrary = summary("openapiFetch");
    const viaFetch = summary("rawFetch");
    return {
      calls,
      callsPerRound,
      rounds: Math.ceil(calls / callsPerRound),
      warmupCalls,
      client: viaClient,
      openapiFetch: viaLibrary,
      rawFetch: viaFetch,
      medianRatio: round(viaClient.medianUs / viaFetch.medianUs),
      p99Ratio: round(viaClient.p99Us / viaFetch.p99Us),
      throughputRatio: round(viaClient.requestsPerSecond / viaFetch.requestsPerSecond),
      openapiFetchMedianRatio: round(viaLibrary.medianUs / viaFetch.medianUs),
    };
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureOverhead(scales[chosenScale()].overhead), null, 2));
