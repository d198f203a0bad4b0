// Never send twice: with `retry`, a single send with `phone.reference_id` whose outcome is
// unknown is settled by looking the reference up. If the platform has the message, the send
// resolves with it; only when it has none is the message sent again; a repeat answered
// "duplicate" resolves with the original. Against a scripted platform that keeps the messages
// it accepted and finds them by reference, so each test counts what really reached it.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createRcsClient,
  WwtAbortError,
  WwtApiError,
  WwtDuplicateRequestError,
  WwtNetworkError,
  WwtServerError,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { fakeFetch, freshToken, json, type Recorded } from "../support/fake-fetch.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { minimalCampaign } from "../support/request-cases.js";
import { afterTurns } from "../support/turns.js";
import { sendingThrough, ways } from "../support/ways.js";

const apiKey = "test_4f1c2a9e0b7d";
const reference = "order10452";
const referenced: SendRcsMessageRequest = { ...plainMessage, phone: { number: "380661231231", reference_id: reference } };
const retry = { retries: 2, initialDelayMs: 0, maxDelayMs: 0 };
const duplicate = { message: "Too many duplicate request detected" };

afterEach(() => {
  vi.useRealTimers();
});

interface Attempt {
  /** The attempt's number, from 1. */
  number: number;
  /** Keeps the message, as the platform does when it accepts one, and answers it (or 429 for a reference it has). */
  accept(): Response;
  signal: AbortSignal;
}

/**
 * A platform that keeps what it accepts. `onSend` answers each attempt; lookups find the kept
 * messages by reference, from the `visibleFrom`-th lookup on (a platform whose lists lag).
 */
function platform(onSend: (attempt: Attempt) => Response | Promise<Response>, { visibleFrom = 1, lookup }: { visibleFrom?: number; lookup?: () => Response } = {}) {
  const kept: Array<Record<string, unknown>> = [];
  let attempts = 0;
  let lookups = 0;
  const server = fakeFetch((request: Recorded, _call, signal) => {
    if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
    if (request.method === "GET" && request.path === "/api/messages") {
      lookups++;
      if (lookup) return lookup();
      const wanted = new URL(request.url).searchParams.get("filter[reference_id]");
      const found = lookups >= visibleFrom ? kept.filter((message) => message.reference_id === wanted) : [];
      return json({ data: found, meta: { page: { limit: 500, offset: 0, total: found.length } } });
    }
    const sent = request.body?.phone?.reference_id;
    const accept = () => {
      if (kept.some((message) => message.reference_id === sent)) return json(duplicate, 429);
      const message = { ...acceptedAnswer.data, id: 7001 + kept.length, reference_id: sent };
      kept.push(message);
      return json({ data: message });
    };
    return onSend({ number: ++attempts, accept, signal });
  });
  return { server, kept, attempts: () => attempts, lookups: () => lookups };
}

const dropped = () => Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNRESET" } }));

describe.each(ways)("with retry, a send with a reference_id, sent %s", (_way, throughMiddleware) => {
  const client = (fetch: typeof globalThis.fetch, options = {}) => sendingThrough(createRcsClient({ apiKey, fetch, retry, ...options }), throughMiddleware);

  it("that never reached the platform is looked up, not found, and sent again", async () => {
    const { server, kept, attempts, lookups } = platform((attempt) => (attempt.number === 1 ? dropped() : attempt.accept()));
    expect(await client(server.fetch).sendRcsMessage(referenced)).toEqual(kept[0]);
    expect([attempts(), lookups(), kept.length]).toEqual([2, 1, 1]);
  });

  it("that the platform accepted but whose answer was lost resolves with the message the lookup finds, sent once", async () => {
    const { server, kept, attempts, lookups } = platform((attempt) => {
      attempt.accept();
      return dropped();
    });
    expect(await client(server.fetch).sendRcsMessage(referenced)).toEqual(kept[0]);
    expect([attempts(), lookups(), kept.length]).toEqual([1, 1, 1]);
  });

  it("that the platform accepted and then answered 500 resolves with the message found, sent once", async () => {
    const { server, kept, attempts } = platform((attempt) => {
      attempt.accept();
      return json({ message: "Server Error" }, 500);
    });
    expect(await client(server.fetch).sendRcsMessage(referenced)).toEqual(kept[0]);
    expect([attempts(), kept.length]).toEqual([1, 1]);
  });

  it("that timed out after the platform accepted it resolves with the message found, sent once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { server, kept, attempts } = platform((attempt) => {
      attempt.accept();
      return new Promise<Response>(() => {});
    });
    const send = client(server.fetch, { timeoutMs: 1_000 }).sendRcsMessage(referenced);
    await afterTurns(() => attempts() === 1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await send).toEqual(kept[0]);
    expect([attempts(), kept.length]).toEqual([1, 1]);
  });

  it("whose lookup lags behind resolves, after a repeat answered 429, with the original message", async () => {
    const { server, kept, attempts, lookups } = platform(
      (attempt) => {
        const answer = attempt.accept();
        return attempt.number === 1 ? dropped() : answer;
      },
      { visibleFrom: 2 },
    );
    expect(await client(server.fetch).sendRcsMessage(referenced)).toEqual(kept[0]);
    expect([attempts(), lookups(), kept.length]).toEqual([2, 2, 1]);
  });

  it("answered 429 on its first attempt stays a WwtDuplicateRequestError: the reference was already the caller's", async () => {
    const { server, attempts, lookups } = platform(() => json(duplicate, 429));
    await expect(client(server.fetch).sendRcsMessage(referenced)).rejects.toBeInstanceOf(WwtDuplicateRequestError);
    expect([attempts(), lookups()]).toEqual([1, 0]);
  });

  it("answered 422 is refused, neither looked up nor sent again", async () => {
    const { server, attempts, lookups } = platform(() => json({ message: "The given data was invalid.", errors: { sender: ["x"] } }, 422));
    const error = await client(server.fetch).sendRcsMessage(referenced).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtApiError);
    expect([attempts(), lookups()]).toEqual([1, 0]);
  });

  it("gives up after `retries` repeats that never reached the platform, with the last attempt's error", async () => {
    const { server, attempts, lookups } = platform(dropped);
    const error = await client(server.fetch).sendRcsMessage(referenced).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtNetworkError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect([attempts(), lookups()]).toEqual([retry.retries + 1, retry.retries]);
  });

  it("whose lookup fails rejects with the send's own error: its outcome stays unknown, and it is not sent again", async () => {
    const { server, attempts, lookups } = platform(dropped, { lookup: () => json({ message: "Server Error" }, 500) });
    const error = await client(server.fetch).sendRcsMessage(referenced).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtNetworkError);
    expect(error).toMatchObject({ outcomeUnknown: true, operation: "sendRcsMessage" });
    expect([attempts(), lookups()]).toEqual([1, 1]);
  });

  it("whose repeat is answered 429 while the lookup never finds it rejects with that WwtDuplicateRequestError: the platform has it", async () => {
    const { server, attempts } = platform(
      (attempt) => {
        attempt.accept();
        return attempt.number === 1 ? dropped() : json(duplicate, 429);
      },
      { visibleFrom: Infinity },
    );
    const error = await client(server.fetch).sendRcsMessage(referenced).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtDuplicateRequestError);
    expect(error).toMatchObject({ outcomeUnknown: false });
    expect(attempts()).toBe(2);
  });

  it("stops when the caller aborts between attempts, saying the send may have been processed", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { server, attempts, lookups } = platform(dropped);
    const caller = new AbortController();
    const send = client(server.fetch, { retry: { retries: 3, initialDelayMs: 10_000 } }).sendRcsMessage(referenced, { signal: caller.signal });
    await afterTurns(() => attempts() === 1);
    caller.abort();
    const error = await send.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtAbortError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect([attempts(), lookups()]).toEqual([1, 0]);
  });

  it("looks up with the send's own headers", async () => {
    const { server } = platform((attempt) => (attempt.number === 1 ? dropped() : attempt.accept()));
    await client(server.fetch).sendRcsMessage(referenced, { headers: { "X-Request-Id": "r-1" } });
    const lookup = server.requests.find((request) => request.method === "GET")!;
    expect(lookup.headers["x-request-id"]).toBe("r-1");
    expect(new URL(lookup.url).search).toBe(`?filter[reference_id]=${reference}`);
  });
});

describe("with retry, what is never settled by a lookup", () => {
  it.each([
    ["a send without a reference_id", (rcs: ReturnType<typeof createRcsClient>) => rcs.sendRcsMessage(plainMessage)],
    ["a campaign", (rcs: ReturnType<typeof createRcsClient>) => rcs.sendRcsCampaignToGroups(minimalCampaign as never)],
  ])("%s that failed is neither looked up nor sent again", async (_what, send) => {
    const { server, attempts, lookups } = platform(dropped);
    const error = await send(createRcsClient({ apiKey, fetch: server.fetch, retry })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtNetworkError);
    expect([attempts(), lookups()]).toEqual([1, 0]);
  });

  it("a send that failed with retry off", async () => {
    const { server, attempts, lookups } = platform((attempt) => {
      attempt.accept();
      return json({ message: "Server Error" }, 503);
    });
    await expect(createRcsClient({ apiKey, fetch: server.fetch }).sendRcsMessage(referenced)).rejects.toBeInstanceOf(WwtServerError);
    expect([attempts(), lookups()]).toEqual([1, 0]);
  });
});
