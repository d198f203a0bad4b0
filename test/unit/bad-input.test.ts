// Whatever a caller passes, the client answers with a typed error before any I/O: arbitrary
// values, a wrong type in any field, prototype-pollution keys, 1 MB strings and 10,000-level
// nesting all end in a WwtRequestValidationError naming the field — never a crash, a hang, or a
// request sent. Property-based, with a fixed seed so that every run checks the same cases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRcsClient, WwtRequestValidationError, WwtConfigurationError, type RcsClient, type RcsClientOptions, type SendOptions } from "../../src/index.js";
import { sendRcsCampaignToGroupsBodyCheck, sendRcsMessageBodyCheck } from "../../generated/validators.js";
import { findIssues } from "../../src/validation.js";
import { call } from "../support/calls.js";
import {
  anyJavaScriptBody,
  anyJsonBody,
  deepNesting,
  fullCampaign,
  fullMessage,
  hugeString,
  megabyte,
  nested,
  pollutingKey,
  seed,
  validBodies,
  wrongType,
  type BadInput,
  type SendOperation,
} from "../support/fault-inputs.js";

const apiKey = "test_4f1c2a9e0b7d";

/** A client whose fetch counts its calls: any call at all fails the test. */
function guardedClient(options: Partial<RcsClientOptions> = {}) {
  const calls: string[] = [];
  const fetch = async (input: RequestInfo | URL) => {
    calls.push(input instanceof Request ? input.url : String(input));
    throw new Error("no request may be sent for bad input");
  };
  return { rcs: createRcsClient({ apiKey, fetch, ...options }), calls };
}

/** How `promise` settled; a hang is left to the test's own timeout, not to a clock of ours. */
function settled<T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> {
  return promise.then((value) => ({ value }), (error) => ({ error }));
}

function send(rcs: RcsClient, operation: SendOperation, body: unknown, options?: unknown): Promise<unknown> {
  return call(rcs, operation, { body }, options as SendOptions);
}

const names = (path: string, field: string) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

/** Sends `input` and checks the outcome: a WwtRequestValidationError that names its field, nothing sent. */
async function expectRefused(input: BadInput, options: Partial<RcsClientOptions> = {}): Promise<WwtRequestValidationError> {
  const { rcs, calls } = guardedClient(options);
  const { error } = await settled(send(rcs, input.operation, input.body));
  expect(error).toBeInstanceOf(WwtRequestValidationError);
  expect(error.operation).toBe(input.operation);
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
  }
  if (input.names) expect(error.issues.map((i: { path: string }) => i.path).some((path: string) => names(path, input.names!))).toBe(true);
  expect(error.message.length).toBeLessThan(2000);
  expect(calls).toEqual([]);
  return error;
}

const property = (arbitrary: fc.Arbitrary<BadInput>, numRuns: number) =>
  fc.assert(
    fc.asyncProperty(arbitrary, async (input) => {
      await expectRefused(input);
    }),
    { seed, numRuns },
  );

describe("bad request bodies", () => {
  it("the bases the properties start from are valid bodies", () => {
    for (const [operation, bodies] of Object.entries(validBodies)) {
      const bodyCheck = { sendRcsMessage: sendRcsMessageBodyCheck, sendRcsCampaignToGroups: sendRcsCampaignToGroupsBodyCheck }[operation as SendOperation];
      for (const body of bodies) expect(findIssues(bodyCheck, body)).toEqual([]);
    }
  });

  it("any JSON value as either body ends in a WwtRequestValidationError, nothing sent", async () => {
    await property(anyJsonBody, 300);
  });

  it("any JavaScript value (BigInt, Map, Date, boxed, null-prototype, sparse …) ends in a WwtRequestValidationError", async () => {
    await property(anyJavaScriptBody, 300);
  });

  it("a value of the wrong type in any field is refused, naming that field", async () => {
    await property(wrongType, 500);
  });

  it("a prototype-pollution key from JSON.parse, anywhere, is refused as an unknown field and pollutes nothing", async () => {
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
    await fc.assert(
      fc.asyncProperty(pollutingKey, async (input) => {
        const error = await expectRefused(input);
        expect(error.issues).toContainEqual({ path: input.names, message: "is not a known field" });
      }),
      { seed, numRuns: 200 },
    );
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a 1 MB string in any string field is refused, naming the field, with a short message", async () => {
    await property(hugeString, 150);
  });

  it("a 1 MB unknown field name is refused with the name shortened in the message", async () => {
    const { rcs, calls } = guardedClient();
    const key = "k".repeat(megabyte);
    const error: any = await call(rcs, "sendRcsMessage", { body: { ...fullMessage, [key]: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtRequestValidationError);
    expect(error.issues).toEqual([{ path: `["${"k".repeat(61)}..."]`, message: "is not a known field" }]);
    expect(calls).toEqual([]);
  });

  it("a value nested 10,000 levels deep, in any field or as the body, is refused without a stack overflow", async () => {
    await property(deepNesting, 100);
  });

  it("a circular value is refused, not walked forever", async () => {
    const loop: Record<string, unknown> = { ...fullMessage };
    loop.self = loop;
    await expectRefused({ operation: "sendRcsMessage", body: loop, names: "self" });
    const card: Record<string, unknown> = { text: "Loop" };
    card.suggestions = [card];
    await expectRefused({ operation: "sendRcsMessage", body: { ...fullMessage, options: { cards: [card] } }, names: "options.cards[0].suggestions[0]" });
  });
});

describe("bodies past the spec's size limits", () => {
  /**
   * An array of `length` valid cards that counts every read of a card past the eleventh: the
   * one past the limit of 10 that the validators need to report it.
   */
  function countedCards(length: number) {
    const reads = { pastEleventh: 0 };
    const isIndex = (key: string | symbol): key is string => typeof key === "string" && /^\d+$/.test(key) && Number(key) < length;
    const cards = new Proxy(new Array(length), {
      has: (target, key) => isIndex(key) || Reflect.has(target, key),
      get(target, key, receiver) {
        if (!isIndex(key)) return Reflect.get(target, key, receiver);
        if (Number(key) > 10) reads.pastEleventh++;
        return { text: "Card" };
      },
    });
    return { cards, reads };
  }

  it.each([4_000, 16_000, 1_000_000])(
    "%s cards are refused with the one issue of their number, no card past the eleventh read",
    async (count) => {
      const { cards, reads } = countedCards(count);
      const error = await expectRefused({ operation: "sendRcsMessage", body: { ...fullMessage, options: { cards } }, names: "options.cards" });
      expect(error.issues).toEqual([{ path: "options.cards", message: "must have at most 10 items" }]);
      expect(reads.pastEleventh).toBe(0);
    },
  );

  it("4,000 invalid cards are refused with the issue of their number and those of the first eleven cards only", async () => {
    const cards = Array.from({ length: 4_000 }, () => ({ title: "Only a title" }));
    const error = await expectRefused({ operation: "sendRcsMessage", body: { ...fullMessage, options: { cards } }, names: "options.cards" });
    expect(error.issues).toEqual([
      { path: "options.cards", message: "must have at most 10 items" },
      ...cards.slice(0, 11).map((_, i) => ({ path: `options.cards[${i}]`, message: "must have `media` or `text`" })),
    ]);
  });

  it("a million groups in a campaign are refused with one issue", async () => {
    const error = await expectRefused({ operation: "sendRcsCampaignToGroups", body: { ...fullCampaign, groups: new Array(1_000_000).fill(1204) } });
    expect(error.issues).toEqual([{ path: "groups", message: "must have at most 1000 items" }]);
  });

  it("a string of 16 million characters has the issues of its first 16: its length, then its pattern", async () => {
    const number = "3".repeat(15) + "x".repeat(16 * megabyte);
    const error = await expectRefused({ operation: "sendRcsMessage", body: { ...fullMessage, phone: { number } }, names: "phone.number" });
    expect(error.issues).toEqual(findIssues(sendRcsMessageBodyCheck, { ...fullMessage, phone: { number: number.slice(0, 16) } }));
    expect(error.issues.map((i) => i.path)).toEqual(["phone.number", "phone.number"]);
  });
});

describe("bodies that cannot be read", () => {
  const throwing = () => {
    throw new Error("boom: not readable");
  };
  const bodies: Array<[string, () => unknown]> = [
    ["a getter that throws", () => Object.defineProperty({ ...fullMessage }, "sender", { get: throwing, enumerable: true })],
    ["a Proxy whose get trap throws", () => new Proxy({ ...fullMessage }, { get: throwing })],
    ["a Proxy whose ownKeys trap throws", () => new Proxy({ ...fullMessage }, { ownKeys: throwing })],
    ["a card behind a getter that throws", () => ({ ...fullMessage, options: { cards: [Object.defineProperty({}, "text", { get: throwing, enumerable: true })] } })],
  ];

  it.each(bodies.flatMap(([what, body]) => [true, false].map((validate) => [what, validate, body] as const)))(
    "%s (validate: %s) is refused as unreadable, nothing sent",
    async (_what, validate, body) => {
      const { rcs, calls } = guardedClient({ validate });
      const { error } = await settled(call(rcs, "sendRcsMessage", { body: body() }));
      expect(error).toBeInstanceOf(WwtRequestValidationError);
      expect(error.issues).toHaveLength(1);
      expect(error.issues[0].path).toBe("(body)");
      expect(error.issues[0].message).toMatch(/^cannot be (read|written as JSON) \(boom: not readable\)$/);
      expect(calls).toEqual([]);
    },
  );
});

describe("with validation off", () => {
  it.each([
    ["nested 1,000,000 levels deep (beyond any stack)", { ...fullMessage, options: nested(1_000_000, "object") }, "Maximum call stack size exceeded"],
    ["holding a BigInt", { ...fullMessage, tariff_code: 10n }, "BigInt"],
    ["circular", (() => { const body: any = { ...fullMessage }; body.self = body; return body; })(), "circular"],
  ])("a body %s is refused as not writable as JSON, nothing sent", async (_what, body, reason) => {
    const { rcs, calls } = guardedClient({ validate: false });
    const { error } = await settled(call(rcs, "sendRcsMessage", { body }));
    expect(error).toBeInstanceOf(WwtRequestValidationError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0].path).toBe("(body)");
    expect(error.issues[0].message).toContain("cannot be written as JSON");
    expect(error.issues[0].message).toContain(reason);
    expect(calls).toEqual([]);
    await expect(settled(call(rcs, "sendRcsCampaignToGroups", { body: { ...fullCampaign, start_at: 1n } }))).resolves.toMatchObject({
      error: expect.any(WwtRequestValidationError),
    });
    expect(calls).toEqual([]);
  });
});

describe("bad send options", () => {
  const operations = fc.constantFrom<SendOperation>("sendRcsMessage", "sendRcsCampaignToGroups");
  const body = (operation: SendOperation) => (operation === "sendRcsMessage" ? fullMessage : fullCampaign);

  it("options that are not an object are refused before any I/O, naming `options`", async () => {
    const notAnObject = fc.anything().filter((value) => value !== undefined && (typeof value !== "object" || value === null));
    await fc.assert(
      fc.asyncProperty(operations, notAnObject, async (operation, options) => {
        const { rcs, calls } = guardedClient();
        const { error } = await settled(send(rcs, operation, body(operation), options));
        expect(error).toBeInstanceOf(WwtConfigurationError);
        expect(error.message).toContain(`${operation}: options must be an object`);
        expect(calls).toEqual([]);
      }),
      { seed, numRuns: 100 },
    );
  });

  it("a signal that is not an AbortSignal is refused before any I/O, naming `options.signal`", async () => {
    const notASignal = fc.anything({ withMap: true, withDate: true, withBoxedValues: true }).filter((value) => value !== undefined);
    await fc.assert(
      fc.asyncProperty(operations, notASignal, async (operation, signal) => {
        const { rcs, calls } = guardedClient();
        const { error } = await settled(send(rcs, operation, body(operation), { signal }));
        expect(error).toBeInstanceOf(WwtConfigurationError);
        expect(error.message).toContain(`${operation}: options.signal must be an AbortSignal`);
        expect(calls).toEqual([]);
      }),
      { seed, numRuns: 100 },
    );
  });
});

describe("configuration refused before any I/O", () => {
  const local = new Set(["localhost", "127.0.0.1", "[::1]"]);

  it("a baseUrl that is not https:// (other than plain http on localhost) is refused", () => {
    const notHttps = fc.oneof(
      fc.webUrl().map((url) => url.replace(/^https?:/, "http:")).filter((url) => !local.has(new URL(url).hostname)),
      fc.tuple(fc.constantFrom("ftp:", "ws:", "wss:", "file:", "data:", "javascript:", "HTTP:"), fc.domain()).map(([scheme, host]) => `${scheme}//${host}/`),
      fc.string(),
    ).filter((url) => {
      try {
        return new URL(url).protocol !== "https:";
      } catch {
        return true;
      }
    });
    fc.assert(
      fc.property(notHttps, (baseUrl) => {
        const calls: unknown[] = [];
        const fetch = async (input: RequestInfo | URL) => {
          calls.push(input);
          throw new Error("no request may be sent");
        };
        expect(() => createRcsClient({ apiKey, baseUrl, fetch })).toThrow(WwtConfigurationError);
        expect(calls).toEqual([]);
      }),
      { seed, numRuns: 300 },
    );
  });

  it("an empty or blank apiKey is refused", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ \t\r\n]*$/), (blank) => {
        const calls: unknown[] = [];
        const fetch = async (input: RequestInfo | URL) => {
          calls.push(input);
          throw new Error("no request may be sent");
        };
        expect(() => createRcsClient({ apiKey: blank, fetch })).toThrow(WwtConfigurationError);
        expect(calls).toEqual([]);
      }),
      { seed, numRuns: 50 },
    );
  });
});
