// The bytes on the wire are the bytes that were checked: a body is written once, what was
// written is checked, and that text goes out. Whatever a body's toJSON, getters, Proxy traps
// or prototype do between a check and the send, no body the spec refuses reaches the server.
// Both ways a send goes out, for every send.
import { describe, expect, it } from "vitest";
import { createRcsClient, WwtRequestValidationError, type SendRcsCampaignRequest, type SendRcsMessageRequest } from "../../src/index.js";
import { fakeFetch, freshToken, json } from "../support/fake-fetch.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { minimalCampaign, minimalMessage } from "../support/request-cases.js";
import { sendingThrough, ways } from "../support/ways.js";

const apiKey = "test_4f1c2a9e0b7d";
const tooLongSender = "S".repeat(41);

/** Whether the caller is JSON.stringify: what a hostile getter or trap answers differently. */
const writingJson = () => new Error().stack?.includes("JSON.stringify") ?? false;

/** Bodies that pass a check of what they are, then write themselves as something the spec refuses; fresh for each run. */
function shiftyBodies(base: Record<string, unknown>): Array<[string, () => unknown]> {
  class Order {
    readonly #fields: Record<string, unknown>;
    constructor(fields: Record<string, unknown>) {
      this.#fields = fields;
      Object.assign(this, fields);
    }
    toJSON() {
      return { ...this.#fields, sender: tooLongSender };
    }
  }
  const withGetter = (key: string, written: unknown) => Object.defineProperty({ ...base }, key, { get: () => (writingJson() ? written : base[key]), enumerable: true });
  const hiddenToJson = Object.defineProperty({}, "toJSON", { value: () => ({ ...base, extra: 1 }), enumerable: false });
  return [
    ["a class whose toJSON writes a 41-character sender", () => new Order(base)],
    ["a getter that gives JSON.stringify a 41-character sender", () => withGetter("sender", tooLongSender)],
    ["a getter that gives JSON.stringify options with an unknown field", () => withGetter("options", { ...(base.options as object), subtitle: "x" })],
    [
      "a Proxy that gives JSON.stringify a 41-character sender",
      () => new Proxy({ ...base }, { get: (target, key, receiver) => (key === "sender" && writingJson() ? tooLongSender : Reflect.get(target, key, receiver)) }),
    ],
    ["an object whose prototype has a toJSON that adds a field", () => Object.create(hiddenToJson, Object.getOwnPropertyDescriptors(base))],
  ];
}

describe.each(ways)("a body that writes itself differently from what it is, sent %s", (_way, throughMiddleware) => {
  const cases = [
    ["sendRcsMessage", minimalMessage],
    ["sendRcsCampaignToGroups", minimalCampaign],
  ] as const;

  it.each(cases.flatMap(([operation, base]) => shiftyBodies(base as Record<string, unknown>).map(([what, body]) => [operation, what, body] as const)))(
    "%s: %s is refused, and nothing is sent",
    async (operation, _what, bodyOf) => {
      const body = bodyOf();
      const server = fakeFetch((request) => json(request.path === "/api/auth/login" ? { bearer: freshToken() } : acceptedAnswer));
      const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
      const sending =
        operation === "sendRcsMessage" ? rcs.sendRcsMessage(body as unknown as SendRcsMessageRequest) : rcs.sendRcsCampaignToGroups(body as unknown as SendRcsCampaignRequest);
      const error = await sending.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WwtRequestValidationError);
      expect(server.requests).toEqual([]);
    },
  );

  it("a Proxy that gives JSON.stringify another phone number sends the number that was written and checked", async () => {
    const body = new Proxy({ ...plainMessage }, {
      get: (target, key, receiver) => (key === "phone" ? { number: writingJson() ? "380971112233" : "380661231231" } : Reflect.get(target, key, receiver)),
    });
    const server = fakeFetch((request) => json(request.path === "/api/auth/login" ? { bearer: freshToken() } : acceptedAnswer));
    const rcs = sendingThrough(createRcsClient({ apiKey, fetch: server.fetch }), throughMiddleware);
    await rcs.sendRcsMessage(body as SendRcsMessageRequest);
    expect(server.sends().map((request) => request.body.phone.number)).toEqual(["380971112233"]);
  });
});
