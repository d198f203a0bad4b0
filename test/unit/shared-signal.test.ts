// One AbortSignal shared by any number of sends — a shutdown signal, say — in sequence or at
// once: the client adds one listener of its own to it at most, removes it when the last send
// that waits on it ends, and Node.js never warns about too many listeners.
import { getEventListeners } from "node:events";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createRcsClient, WwtAbortError } from "../../src/index.js";
import { fakeFetch, freshToken, json } from "../support/fake-fetch.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { afterTurns } from "../support/turns.js";
import { sendingThrough, ways } from "../support/ways.js";

const apiKey = "test_4f1c2a9e0b7d";
const warnings: Error[] = [];
const onWarning = (warning: Error) => void warnings.push(warning);
process.on("warning", onWarning);

afterEach(() => {
  warnings.splice(0);
});

afterAll(() => {
  process.off("warning", onWarning);
});

describe.each(ways)("a signal shared by many sends, sent %s", (_way, throughMiddleware) => {
  const platform = () => fakeFetch((request) => json(request.path === "/api/auth/login" ? { bearer: freshToken() } : acceptedAnswer));

  it("200 sends in sequence leave no listener on it, and no warning", async () => {
    const server = platform();
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const shutdown = new AbortController();
    for (let i = 0; i < 200; i++) await rcs.sendRcsMessage(plainMessage, { signal: shutdown.signal });
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
    await afterTurns(() => true, 10);
    expect(warnings).toEqual([]);
  });

  it("200 sends at once add one listener between them, none once they are done, and no warning", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = fakeFetch(async (request) => {
      if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
      await held;
      return json(acceptedAnswer);
    });
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const shutdown = new AbortController();
    const sends = Array.from({ length: 200 }, () => rcs.sendRcsMessage(plainMessage, { signal: shutdown.signal }));
    await afterTurns(() => server.sends().length === 200);
    expect(getEventListeners(shutdown.signal, "abort").length).toBeLessThanOrEqual(1);
    release();
    await Promise.all(sends);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
    await afterTurns(() => true, 10);
    expect(warnings).toEqual([]);
  });

  it("aborting it ends every send waiting on it, each with its own WwtAbortError", async () => {
    const server = fakeFetch((request) => (request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : new Promise<Response>(() => {})));
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    const shutdown = new AbortController();
    const sends = Array.from({ length: 50 }, () => rcs.sendRcsMessage(plainMessage, { signal: shutdown.signal }).catch((e: unknown) => e));
    await afterTurns(() => server.sends().length === 50);
    shutdown.abort();
    const errors = await Promise.all(sends);
    expect(errors.every((error) => error instanceof WwtAbortError && error.outcomeUnknown)).toBe(true);
    expect(new Set(errors).size).toBe(50);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
    expect(warnings).toEqual([]);
  });
});
