// Token renewal survives clock skew: a token's lifetime is read from its own claims and
// counted on this machine's clock from when it arrived, so a platform whose clock is hours
// behind or ahead neither makes every send log in again nor lets the token expire before it is
// renewed; and a refresh that answers the same token is not tried again on every send. The
// clock is the test's (fake Date), never the machine's.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRcsClient } from "../../src/index.js";
import { fakeFetch, json, jwt, type Recorded } from "../support/fake-fetch.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";

const apiKey = "test_4f1c2a9e0b7d";
const hour = 3_600_000;
const minute = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

interface Platform {
  /** How far the platform's clock is ahead of this machine's (negative: behind). */
  skewMs: number;
  /** Which claims and headers say when a token was issued. */
  issuedAt: "iat" | "date header" | "nothing";
  /** Whether a refresh answers the token it was given instead of a new one. */
  refreshRepeatsToken?: boolean;
}

/** A fake platform issuing tokens that live an hour by its own clock. */
function platform({ skewMs, issuedAt, refreshRepeatsToken = false }: Platform) {
  let issued = 0;
  const token = () => {
    const now = Math.floor((Date.now() + skewMs) / 1000);
    return jwt({ sub: "48213", ...(issuedAt === "iat" ? { iat: now } : {}), exp: now + 3600, jti: `t${++issued}` });
  };
  const answerToken = (bearer: string) => {
    const headers: Record<string, string> = issuedAt === "date header" ? { date: new Date(Date.now() + skewMs).toUTCString() } : {};
    return json({ bearer }, 200, headers);
  };
  const server = fakeFetch((request: Recorded) => {
    if (request.path === "/api/auth/login") return answerToken(token());
    if (request.path === "/api/auth/refresh") return answerToken(refreshRepeatsToken ? request.authorization!.replace(/^Bearer /, "") : token());
    return json(acceptedAnswer);
  });
  const count = (path: string) => server.requests.filter((request) => request.path === path).length;
  return { server, logins: () => count("/api/auth/login"), refreshes: () => count("/api/auth/refresh") };
}

async function sendTimes(rcs: ReturnType<typeof createRcsClient>, times: number) {
  for (let i = 0; i < times; i++) await rcs.sendRcsMessage(plainMessage);
}

describe.each([
  ["3 hours behind", -3 * hour],
  ["1 hour behind", -hour],
  ["3 hours ahead", 3 * hour],
  ["in step", 0],
])("with the platform's clock %s", (_skew, skewMs) => {
  it.each(["iat", "date header"] as const)("a token dated by its %s is used for 20 sends, then refreshed once before it expires", async (issuedAt) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const { server, logins, refreshes } = platform({ skewMs, issuedAt });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await sendTimes(rcs, 20);
    expect([logins(), refreshes()]).toEqual([1, 0]);
    // 56 minutes on: within the last 5 minutes of its hour, the token is renewed, once.
    vi.setSystemTime(start + 56 * minute);
    await sendTimes(rcs, 20);
    expect([logins(), refreshes()]).toEqual([1, 1]);
  });

  it("a token dated by nothing but its exp is used for 20 sends without a login each", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const { server, logins, refreshes } = platform({ skewMs, issuedAt: "nothing" });
    await sendTimes(createRcsClient({ apiKey, fetch: server.fetch }), 20);
    expect([logins(), refreshes()]).toEqual([1, 0]);
  });
});

describe("a refresh that answers the same token", () => {
  it("is not tried again on every send: the token is used until it expires, then the client logs in", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const { server, logins, refreshes } = platform({ skewMs: 0, issuedAt: "iat", refreshRepeatsToken: true });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await sendTimes(rcs, 1);
    vi.setSystemTime(start + 56 * minute);
    await sendTimes(rcs, 20);
    expect([logins(), refreshes()]).toEqual([1, 1]);
    vi.setSystemTime(start + 61 * minute);
    await sendTimes(rcs, 20);
    expect([logins(), refreshes()]).toEqual([2, 1]);
  });
});
