// How many sends a second the client completes with many in flight, next to openapi-fetch
// alone and a hand-written fetch: each keeps `inFlight` requests going to the local spec
// server until its round's sends are done, in alternating rounds within one process, each
// round starting with the next of them.
import { isMain } from "../lib/project.mjs";
import { startSpecServer } from "./spec-server.mjs";
import { chosenScale, now, rotated, round, scales } from "./shared.mjs";
import { checkedVariants } from "./variants.mjs";

async function keepInFlight(send, count, inFlight) {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await send();
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, lane));
}

export async function measureThroughput({ sends, sendsPerRound, inFlight }) {
  const server = await startSpecServer();
  try {
    const variants = await checkedVariants(server);
    const names = Object.keys(variants);
    for (const send of Object.values(variants)) await keepInFlight(send, sendsPerRound, inFlight); // warm-up

    const elapsedNs = Object.fromEntries(names.map((name) => [name, 0n]));
    for (let done = 0; done < sends; done += sendsPerRound) {
      for (const name of rotated(names, done / sendsPerRound)) {
        const start = now();
        await keepInFlight(variants[name], Math.min(sendsPerRound, sends - done), inFlight);
        elapsedNs[name] += now() - start;
      }
    }
    const sent = names.length * (sends + sendsPerRound + 1);
    if (server.requests() !== sent) throw new Error(`the server answered ${server.requests()} requests, not ${sent}`);

    const perSecond = Object.fromEntries(names.map((name) => [name, round(sends / (Number(elapsedNs[name]) / 1e9))]));
    return {
      sends,
      inFlight,
      requestsPerSecond: perSecond,
      clientToOpenapiFetch: round(perSecond.client / perSecond.openapiFetch),
      clientToRawFetch: round(perSecond.client / perSecond.rawFetch),
      openapiFetchToRawFetch: round(perSecond.openapiFetch / perSecond.rawFetch),
    };
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureThroughput(scales[chosenScale()].throughput), null, 2));
