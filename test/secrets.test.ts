// No error and no log line ever shows the API key or the JWT. The key and every token the
// fault server issues carry a marker; every fault of the fault suite (answers that echo the
// credentials included) and every kind of bad input is run, and the marker is looked for in
// everything an error exposes and everything written to the console.
import { inspect } from "node:util";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from "vitest";
import { createRcsClient, RequestValidationError, WwtConfigurationError } from "../src/index.js";
import { requestCases } from "./request-cases.js";
import { freshToken } from "./support/fake-fetch.js";
import { badInput, fullMessage, seed } from "./support/fault-inputs.js";
import { faultScenarios, runScenario } from "./support/fault-scenarios.js";

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
    for (const marker of markers) if (text.includes(marker)) found.push(`${where} contains ${marker}`);
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
    if (typeof console[name] === "function") consoleSpies.push(vi.spyOn(console, name as any).mockImplementation(() => undefined));
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

describe("no fault shows a credential", () => {
  it.each(faultScenarios.map((scenario) => [scenario.name, scenario] as const))("%s", async (_name, scenario) => {
    const run = await runScenario(scenario, { apiKey, issueToken });
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
      const send = row.operation === "sendRcsMessage" ? rcs.sendRcsMessage : rcs.sendRcsCampaignToGroups;
      const error = await send(row.body as any).catch((e) => e);
      expect(error, row.name).toBeInstanceOf(RequestValidationError);
      expect(leaksOf(error), row.name).toEqual([]);
    }
  });

  it("a sample of every kind of bad input, with validation on and off", async () => {
    const inputs = fc.sample(badInput, { seed, numRuns: 150 });
    for (const validate of [true, false]) {
      const rcs = createRcsClient({ apiKey, validate, fetch: () => Promise.reject(new Error("no request may be sent")) });
      for (const input of inputs) {
        const send = input.operation === "sendRcsMessage" ? rcs.sendRcsMessage : rcs.sendRcsCampaignToGroups;
        const error = await send(input.body as any).catch((e) => e);
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
    const error = await rcs.sendRcsMessage(fullMessage, { signal: apiKey as any }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(leaksOf(error)).toEqual([]);
  });
});

describe("nothing logged shows a credential", () => {
  it("no console method received a marker during any of the above", () => {
    const logged = consoleSpies.flatMap((spy) => spy.mock.calls).map((args) => inspect(args, { depth: Infinity, showHidden: true }));
    for (const text of logged) for (const marker of markers) expect(text).not.toContain(marker);
  });
});
