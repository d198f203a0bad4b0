// Property-based conformance: for bodies generated from the bundled spec's own schemas, the
// validator the client runs before sending (generated/validators.js) and a real Prism mock
// of the same spec must reach the same verdict. Valid bodies must be accepted by both;
// bodies broken in one place must be refused by both. Runs are seeded, so a failure is
// reproducible, and fast-check prints the shrunk counterexample.
import { beforeAll, describe, expect, inject, it } from "vitest";
import fc from "fast-check";
import * as validators from "../../generated/validators.js";
import type { CompiledValidator } from "../../generated/validators.js";
import { operation, resolve, type Json } from "../support/spec.js";
import { breakKinds, brokenValue, utf16Overflows, validValue, type BreakKind } from "../support/schema-arbitraries.js";

const prismUrl = inject("prismUrl");
const runs = 500;
const timeout = 300_000;
// Bounded by the number of runs, never by the clock: a busy machine makes the runs slower,
// not fewer. The test timeout only guards against a hang.
const checkOptions = { seed: 20261123 };

const sends = (["sendRcsMessage", "sendRcsCampaignToGroups"] as const).map((operationId) => {
  const { path, operation: op } = operation(operationId);
  const validate = (validators as unknown as Record<string, CompiledValidator>)[`${operationId}Body`];
  return { operationId, path, schema: resolve(op.requestBody).content["application/json"].schema, validate };
});

let bearer: string;
beforeAll(async () => {
  const login = await fetch(new URL(operation("login").path, prismUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key: "test_conformance" }),
  });
  ({ bearer } = await login.json());
});

/** POSTs to Prism; Node's fetch keeps the connection alive between calls. */
function post(path: string, body: Json): Promise<Response> {
  return fetch(new URL(path, prismUrl), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${bearer}` },
    body: JSON.stringify(body),
  });
}

/**
 * Prism's verdict on a body: accepted (2xx) or refused (422); anything else is a failure. A
 * 429 is the mock's answer to a reference_id it already accepted, which it gives only to a
 * body Prism accepted: generated bodies may repeat one.
 */
async function prismVerdict(path: string, body: Json): Promise<"accepted" | "refused"> {
  const response = await post(path, body);
  const answer = await response.text();
  if (response.ok || response.status === 429) return "accepted";
  if (response.status === 422) return "refused";
  throw new Error(`Prism answered ${response.status}: ${answer}`);
}

const bySend = sends.map((send) => [send.operationId, send] as const);
describe.concurrent.each(bySend)("%s: our validator and Prism agree", (_operationId, { path, schema, validate }) => {
  it(`on ${runs} valid bodies: both accept them`, { timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(validValue(schema), async (body) => {
        expect(validate(body), "the generator made a body our validator refuses").toBe(true);
        expect(await prismVerdict(path, body), "Prism refuses a body our validator accepts").toBe("accepted");
      }),
      { ...checkOptions, numRuns: runs },
    );
  });

  it(`on ${runs} bodies broken in one place: both refuse them`, { timeout }, async () => {
    const seen = new Map<BreakKind, number>();
    await fc.assert(
      fc.asyncProperty(brokenValue(schema), async ({ body, kind, at }) => {
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        expect(validate(body), `the generator's break (${kind} at ${at || "the body"}) left a body our validator accepts`).toBe(false);
        expect(await prismVerdict(path, body), `Prism accepts a body broken by ${kind} at ${at || "the body"}`).toBe("refused");
      }),
      { ...checkOptions, numRuns: runs },
    );
    // Each kind of break (a field removed, out of range, of the wrong type, both of two
    // exclusive fields, an unknown field) came up often enough to mean something.
    const byGroup = new Map<string, number>();
    for (const [kind, count] of seen) byGroup.set(breakKinds[kind], (byGroup.get(breakKinds[kind]) ?? 0) + count);
    for (const group of new Set(Object.values(breakKinds))) expect(byGroup.get(group) ?? 0, group).toBeGreaterThanOrEqual(runs / 50);
  });

  it(
    "except where Prism counts code points: a text over its limit only in UTF-16 code units is " +
      "refused by our validator, like the platform, and accepted by Prism (recorded, not hidden)",
    { timeout },
    async () => {
      await fc.assert(
        fc.asyncProperty(utf16Overflows(schema), async ({ body, at }) => {
          expect(validate(body), `our validator accepts a text over its limit in UTF-16 units at ${at}`).toBe(false);
          expect(await prismVerdict(path, body), `Prism now refuses ${at}: drop this exception`).toBe("accepted");
        }),
        { ...checkOptions, numRuns: runs / 10 },
      );
    },
  );
});
