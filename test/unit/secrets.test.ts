// No error and no log line ever shows the API key or the JWT. The key and every token the
// fault server issues carry a marker; every fault of the fault suite (answers that echo the
// credentials included, each both ways a send goes out) and every kind of bad input is run,
// and the marker is looked for in everything an error exposes and everything written to the
// console.
import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { createRcsClient, WwtRequestValidationError, WwtConfigurationError } from "../../src/index.js";
import { createRedactor } from "../../src/redaction.js";
import { call } from "../support/calls.js";
import { requestCases } from "../support/request-cases.js";
import { freshToken } from "../support/fake-fetch.js";
import { badInput, fullMessage, seed } from "../support/fault-inputs.js";
import { faultScenarios, runScenario } from "../support/fault-scenarios.js";

const keyMarker = "SECRETKEYMARKER";
const tokenMarker = "SECRETJWTMARKER";
const apiKey = `test_${keyMarker}7f3a91c2`;
let issued = 0;
/** A real-looking JWT whose signature carries the marker. */
const issueToken = () => freshToken().replace(/[^.]*$/, `${tokenMarker}${++issued}q`);
const markers = [keyMarker, tokenMarker];

/** Every place `error` shows text: message, stack, own properties and causes (recursively), JSON, inspect. */
function leaksOf(error: unknown): string[] {
  const found: string[] = [];
  const look = (where: string, text: string) => {
    for (const marker of markers) if (text.toLowerCase().includes(marker.toLowerCase())) found.push(`${where} contains ${marker}`);
  };
  const seen = new Set<unknown>();
  const walk = (value: unknown, where: string) => {
    if (typeof value === "string") return look(where, value);
    if ((typeof value !== "object" && typeof value !== "function") || value === null || seen.has(value)) return;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      look(`${where} key`, String(key));
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      walk("value" in descriptor ? descriptor.value : undefined, `${where}.${String(key)}`);
    }
  };
  walk(error, "error");
  const asError = error as Error;
  look("message", String(asError?.message));
  look("stack", String(asError?.stack));
  for (let cause = asError?.cause, depth = 0; cause !== undefined && depth < 20; cause = (cause as Error)?.cause, depth++) {
    walk(cause, `cause ${depth}`);
    look(`cause ${depth} as text`, String(cause));
  }
  try {
    look("JSON.stringify", JSON.stringify(error) ?? "");
  } catch (e) {
    found.push(`JSON.stringify threw ${String(e)}`);
  }
  look("util.inspect", inspect(error, { depth: Infinity, showHidden: true }));
  return found;
}

const consoleSpies: MockInstance[] = [];

beforeAll(() => {
  for (const name of Object.keys(console) as (keyof Console)[]) {
    if (typeof console[name] === "function") consoleSpies.push(vi.spyOn(console, name as "log").mockImplementation(() => undefined));
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

describe("the markers are real", () => {
  it("finds a marker wherever an error might show it", () => {
    const error = new Error(`key ${apiKey}`, { cause: { nested: [{ token: issueToken() }] } });
    expect(leaksOf(error).length).toBeGreaterThan(0);
    const hidden = new Error("plain");
    Object.defineProperty(hidden, "secret", { value: apiKey, enumerable: false });
    expect(leaksOf(hidden)).toContain("error.secret contains SECRETKEYMARKER");
  });
});

describe.each([
  ["straight to the transport", false],
  ["through your middleware", true],
])("no fault shows a credential, sent %s", (_way, throughMiddleware) => {
  it.each(faultScenarios.map((scenario) => [scenario.name, scenario] as const))("%s", async (_name, scenario) => {
    const run = await runScenario(scenario, { apiKey, issueToken }, { throughMiddleware });
    try {
      // The credentials were really in play: the key went to the login, a marked token to the sends.
      if (run.logins.length > 0) expect(run.logins[0].body.api_key).toBe(apiKey);
      for (const request of run.sends) expect(request.authorization).toContain(tokenMarker);
      if (!run.outcome.resolved) expect(leaksOf(run.outcome.error)).toEqual([]);
    } finally {
      await run.server.close();
    }
  });
});

describe("no bad input shows a credential", () => {
  it("every invalid row of the request table", async () => {
    const rcs = createRcsClient({ apiKey, fetch: () => Promise.reject(new Error("no request may be sent")) });
    for (const row of requestCases.filter((r) => !r.valid)) {
      const error = await call(rcs, row.operation, { body: row.body }).catch((e: unknown) => e);
      expect(error, row.name).toBeInstanceOf(WwtRequestValidationError);
      expect(leaksOf(error), row.name).toEqual([]);
    }
  });

  it("a sample of every kind of bad input, with validation on and off", async () => {
    const inputs = fc.sample(badInput, { seed, numRuns: 150 });
    for (const validate of [true, false]) {
      const rcs = createRcsClient({ apiKey, validate, fetch: () => Promise.reject(new Error("no request may be sent")) });
      for (const input of inputs) {
        const error = await call(rcs, input.operation, { body: input.body }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(Error);
        expect(leaksOf(error)).toEqual([]);
      }
    }
  });

  it.each([
    ["a baseUrl that is not https", () => createRcsClient({ apiKey, baseUrl: "http://one-api.wwt.world" })],
    ["a malformed apiKey", () => createRcsClient({ apiKey: `${apiKey} with spaces` })],
    ["a token with a line break", () => createRcsClient({ token: `${issueToken()}\r\nX-Injected: 1` })],
    ["both an apiKey and a token", () => createRcsClient({ apiKey, token: issueToken() })],
    ["a timeout that is not a number", () => createRcsClient({ apiKey, timeoutMs: Number.NaN })],
    ["a baseUrl with the API key as its password", () => createRcsClient({ apiKey, baseUrl: `https://user:${apiKey}@one-api.wwt.world` })],
    ["a baseUrl with the API key in its query", () => createRcsClient({ apiKey, baseUrl: `https://one-api.wwt.world/?key=${apiKey}` })],
    ["a baseUrl with the API key after a line break", () => createRcsClient({ apiKey, baseUrl: `https://one-api.wwt.world\n${apiKey}` })],
  ])("a configuration error: %s", (_what, create) => {
    const error = (() => {
      try {
        create();
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(leaksOf(error)).toEqual([]);
  });

  it("a send option of the wrong type", async () => {
    const rcs = createRcsClient({ apiKey, fetch: () => Promise.reject(new Error("no request may be sent")) });
    const error = await rcs.sendRcsMessage(fullMessage, { signal: apiKey as never }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(leaksOf(error)).toEqual([]);
  });
});

describe("redaction of what an answer echoes", () => {
  const key = "test_k3y+With/Odd=Chars90";
  const token = issueToken();
  const redactor = createRedactor(key);
  redactor.remember(token);
  const base64 = (text: string) => Buffer.from(text).toString("base64");

  it.each([
    ["as it is", key],
    ["upper-cased", key.toUpperCase()],
    ["lower-cased", key.toLowerCase()],
    ["URL-encoded", encodeURIComponent(key)],
    ["URL-encoded in lower case", encodeURIComponent(key).toLowerCase()],
    ["cut short to its first 8 characters", key.slice(0, 8)],
    ["cut short to its last 8 characters", key.slice(-8)],
    ["in base64", base64(key)],
    ["in base64url", Buffer.from(key).toString("base64url")],
    ["the token, cut short", token.slice(0, 30)],
    ["the token's signature", token.split(".")[2]],
  ])("the API key or token %s", (_how, echo) => {
    expect(redactor.text(`said: ${echo}.`)).toMatch(/^said: \[redacted\][A-Za-z0-9+/=_-]{0,3}\.$/);
  });

  it("the API key inside a Basic credential, whatever comes before it", () => {
    for (const user of ["u", "us", "user"]) {
      expect(redactor.text(`Basic ${base64(`${user}:${key}`)}`)).toMatch(/^Basic [A-Za-z0-9+/]{0,8}\[redacted\][A-Za-z0-9+/=]{0,4}$/);
    }
  });

  it("keeps what is not an echo: fewer than 8 characters of a secret, and ordinary text", () => {
    expect(redactor.text(`${key.slice(0, 7)} and the rest`)).toBe(`${key.slice(0, 7)} and the rest`);
    expect(redactor.text("The given data was invalid.")).toBe("The given data was invalid.");
  });

  it("redacts every string and key of a parsed answer, and header values", () => {
    expect(redactor.value({ [key]: [{ note: `was ${key.toUpperCase()}` }] })).toEqual({ "[redacted]": [{ note: "was [redacted]" }] });
    expect([...redactor.headers(new Headers({ "x-echo": key, "x-other": "plain" }))]).toEqual([["x-echo", "[redacted]"], ["x-other", "plain"]]);
  });

  it("copies an error that shows a secret in its name, message, stack or code, and keeps one that shows none", () => {
    const named = Object.assign(new Error("plain"), { name: `Echo${key}` });
    named.stack = "plain stack";
    const copied = redactor.error(named) as Error;
    expect(copied).not.toBe(named);
    expect(`${copied.name} ${copied.message} ${copied.stack}`).not.toContain(key);
    const coded = Object.assign(new Error("plain"), { code: `E_${key}` });
    expect((redactor.error(coded) as { code: string }).code).toBe("E_[redacted]");
    const clean = new Error("nothing secret here");
    expect(redactor.error(clean)).toBe(clean);
  });

  it("remembers the API key and the last 4 tokens only, however many logins there were", () => {
    const bounded = createRedactor(key);
    // Random, so that no two share a run of 8 characters (as JWTs share their header).
    const tokens = Array.from({ length: 100 }, () => randomBytes(24).toString("hex"));
    for (const t of tokens) bounded.remember(t);
    const shown = tokens.filter((t) => bounded.text(t) === t);
    expect(shown).toEqual(tokens.slice(0, 96));
    expect(bounded.text(key)).toBe("[redacted]");
  });
});

describe("nothing logged shows a credential", () => {
  it("no console method received a marker during any of the above", () => {
    const logged = consoleSpies.flatMap((spy) => spy.mock.calls).map((args) => inspect(args, { depth: Infinity, showHidden: true }));
    for (const text of logged) for (const marker of markers) expect(text).not.toContain(marker);
  });
});
