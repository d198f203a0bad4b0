// Property-based conformance: for bodies generated from the bundled spec's own schemas, the
// validator the client runs before sending (generated/validators.js) and Prism, the mock's
// engine, must reach the same verdict. Valid bodies must be accepted by both; bodies broken
// in one place must be refused by both. Runs are seeded, so a failure is reproducible, and
// fast-check prints the shrunk counterexample. The mock judges each request with the client's
// validator before Prism sees it; Prism must then accept whatever that accepts, or its own
// answer, not the platform's, would reach the caller.
//
// The 500 runs per property ask Prism's own request validator in this process (the function
// the mock's Prism process calls for every request), which costs a fraction of a millisecond
// where an HTTP round trip costs several. A seeded sample of the same bodies then goes to the
// real mock over HTTP, which must judge each one as both validators did: that ties the fast
// verdicts to what users' CI sees.
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { beforeAll, describe, expect, inject, it } from "vitest";
import fc from "fast-check";
import * as validators from "../../generated/validators.js";
import type { CompiledValidator } from "../../generated/validators.js";
import { operation, resolve, type Json } from "../support/spec.js";
import { breakKinds, brokenValue, utf16Overflows, validValue, type BreakKind } from "../support/schema-arbitraries.js";

const prismUrl = inject("prismUrl");
const runs = 500;
const overHttp = 25;
const seed = 20261123;
// Generous: bounded by the number of runs, never by the clock; this only catches a hang.
const timeout = 300_000;

// @stoplight/prism-http is what @stoplight/prism-cli (pinned) runs for each request; its
// validator is not re-exported from the package root, hence the path into dist/.
const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require("@stoplight/prism-http");
const { validateInput } = require("@stoplight/prism-http/dist/validator/index.js");
const specFile = new URL("../../generated/openapi.yaml", import.meta.url).pathname;

const sends = (["sendRcsMessage", "sendRcsCampaignToPhones", "sendRcsCampaignToGroups"] as const).map((operationId) => {
  const { path, operation: op } = operation(operationId);
  const validate = (validators as unknown as Record<string, CompiledValidator>)[`${operationId}Body`];
  return { operationId, path, schema: resolve(op.requestBody).content["application/json"].schema, validate };
});

type Verdict = "accepted" | "refused";
let prismOperations: Array<{ method: string; path: string }>;
let bearer: string;

beforeAll(async () => {
  prismOperations = await getHttpOperationsFromSpec(specFile);
  const login = await fetch(new URL(operation("login").path, prismUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ api_key: "test_conformance" }),
  });
  ({ bearer } = await login.json());
});

/** Prism's verdict on a body, from its request validator in this process. */
function prismVerdict(path: string, body: Json): Verdict {
  const resource = prismOperations.find((candidate) => candidate.method === "post" && candidate.path === path);
  const element = { method: "post", url: { path }, headers: { "content-type": "application/json" }, body };
  return validateInput({ resource, element })._tag === "Right" ? "accepted" : "refused";
}

/**
 * The real mock's verdict on a body over HTTP: accepted (2xx, 429) or refused (422). Each request
 * has a connection of its own, so none can meet a kept-alive one that the mock is closing
 * (on a busy machine, the gap between two requests can outlast its keep-alive timeout).
 */
function mockVerdict(path: string, body: Json): Promise<Verdict> {
  const payload = JSON.stringify(body);
  return new Promise((resolveVerdict, reject) => {
    const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: `Bearer ${bearer}` };
    const request = httpRequest(new URL(path, prismUrl), { method: "POST", headers, agent: false }, (response) => {
      let answer = "";
      response.setEncoding("utf8").on("data", (chunk) => (answer += chunk));
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        // A 429 is the mock's answer to a reference_id it already accepted, which it gives only
        // to a body Prism accepted: generated bodies may repeat one.
        if ((status >= 200 && status < 300) || status === 429) resolveVerdict("accepted");
        else if (status === 422) resolveVerdict("refused");
        else reject(new Error(`the mock answered ${status}: ${answer}`));
      });
    });
    request.on("error", reject).end(payload);
  });
}

describe.each(sends.map((send) => [send.operationId, send] as const))("%s: our validator and Prism agree", (_operationId, { path, schema, validate }) => {
  it(`on ${runs} valid bodies: both accept them`, { timeout }, () => {
    fc.assert(
      fc.property(validValue(schema), (body) => {
        expect(validate(body), "the generator made a body our validator refuses").toBe(true);
        expect(prismVerdict(path, body), "Prism refuses a body our validator accepts").toBe("accepted");
      }),
      { seed, numRuns: runs },
    );
  });

  it(`on ${runs} bodies broken in one place: both refuse them`, { timeout }, () => {
    const seen = new Map<BreakKind, number>();
    fc.assert(
      fc.property(brokenValue(schema), ({ body, kind, at }) => {
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        expect(validate(body), `the generator's break (${kind} at ${at || "the body"}) left a body our validator accepts`).toBe(false);
        expect(prismVerdict(path, body), `Prism accepts a body broken by ${kind} at ${at || "the body"}`).toBe("refused");
      }),
      { seed, numRuns: runs },
    );
    // Each kind of break (a field removed, out of range, of the wrong type, both of two
    // exclusive fields, an unknown field) came up often enough to mean something.
    const byGroup = new Map<string, number>();
    for (const [kind, count] of seen) byGroup.set(breakKinds[kind], (byGroup.get(breakKinds[kind]) ?? 0) + count);
    for (const group of new Set(Object.values(breakKinds))) expect(byGroup.get(group) ?? 0, group).toBeGreaterThanOrEqual(runs / 50);
  });

  it(
    "except where Prism counts code points: a text over its limit only in UTF-16 code units is " +
      "refused by our validator, like the platform, and accepted by Prism (recorded, not hidden); the mock, judging with ours, refuses it",
    { timeout },
    async () => {
      fc.assert(
        fc.property(utf16Overflows(schema), ({ body, at }) => {
          expect(validate(body), `our validator accepts a text over its limit in UTF-16 units at ${at}`).toBe(false);
          expect(prismVerdict(path, body), `Prism now refuses ${at}: drop this exception`).toBe("accepted");
        }),
        { seed, numRuns: runs / 10 },
      );
      for (const { body, at } of fc.sample(utf16Overflows(schema), { seed, numRuns: overHttp / 5 })) {
        expect(await mockVerdict(path, body), `the mock accepts a text over its limit in UTF-16 units at ${at}`).toBe("refused");
      }
    },
  );

  it(`the mock over HTTP judges ${overHttp} valid and ${overHttp} broken bodies as both validators do in process`, { timeout }, async () => {
    const bodies = [
      ...fc.sample(validValue(schema), { seed, numRuns: overHttp }),
      ...fc.sample(brokenValue(schema), { seed, numRuns: overHttp }).map((broken) => broken.body),
    ];
    for (const [index, body] of bodies.entries()) {
      const inProcess = prismVerdict(path, body);
      expect(inProcess).toBe(index < overHttp ? "accepted" : "refused");
      expect(validate(body)).toBe(inProcess === "accepted");
      expect(await mockVerdict(path, body), `body ${index}: ${JSON.stringify(body).slice(0, 300)}`).toBe(inProcess);
    }
  });
});
