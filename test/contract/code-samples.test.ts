// The code samples the HTML docs show (x-codeSamples of the spec as the docs render it: the
// hand-written ones, and those generated for each named request example; and any TypeScript
// in the guide, info.description) cannot rot: every operation has a curl and a TypeScript
// sample, the generated ones are what the generator makes of the spec, and every curl sample,
// pointed at the Prism mock, is answered with a 2xx (a sample naming a campaign, one the mock
// has: it finds only campaigns it was sent). docs-typescript.test.ts type-checks the
// TypeScript ones against the package's real types.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { operationSamples } from "../../scripts/lib/code-samples.mjs";
import { docsOperations, docsSpec } from "../../scripts/lib/docs-spec.mjs";
import { codeSamples, type CodeSample } from "../support/docs-code.js";
import { operation, operations, requestExamples, spec } from "../support/spec.js";

const docs = docsSpec(spec);
const samples = codeSamples();
const typescriptSamples: CodeSample[] = samples.filter((sample) => sample.lang === "TypeScript");
const curlSamples: CodeSample[] = samples.filter((sample) => sample.lang === "Shell");

// The guide may show TypeScript too (none today: how to install and use the client is the
// README's "Using the client"); any it shows is type-checked with the operations' samples.
it("every operation shows a curl and a TypeScript sample", () => {
  for (const { operationId } of operations()) {
    const shown = (list: CodeSample[]) => list.filter((sample) => sample.name.split(".")[0] === operationId);
    expect(shown(curlSamples).length, operationId).toBeGreaterThan(0);
    expect(shown(typescriptSamples).length, operationId).toBeGreaterThan(0);
  }
});

it("a send shows a curl and a TypeScript sample for each named request example, with that example's body", () => {
  for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones"]) {
    const examples = requestExamples(operationId);
    expect(Object.keys(examples).length, operationId).toBeGreaterThan(1);
    for (const [key, body] of Object.entries(examples)) {
      const curl = curlSamples.find((sample) => sample.name === `${operationId}.${key}`);
      const typescript = typescriptSamples.find((sample) => sample.name === `${operationId}.${key}`);
      expect(JSON.parse(/-d '([\s\S]*)'\s*$/.exec(curl!.source)![1].replaceAll(`'\\''`, "'")), key).toEqual(body);
      expect(typescript!.source, key).toContain(`rcs.${operationId}(`);
    }
  }
});

it("every operation but login and refreshToken shows the samples scripts/lib/code-samples.mjs makes from its examples: a pair per named body example, else per named parameter example", () => {
  const handWritten = new Set(["login", "refreshToken"]);
  const serverUrl = spec.servers[0].url;
  const compared: string[] = [];
  for (const { path, operation } of docsOperations(docs)) {
    if (handWritten.has(operation.operationId)) continue;
    const method = Object.entries(docs.paths[path]).find(([, candidate]) => candidate === operation)![0];
    const expected = operationSamples({ document: spec, serverUrl, path, method, operation });
    expect(operation["x-codeSamples"], `${operation.operationId}: its samples are not the generated ones`).toEqual(expected);
    compared.push(operation.operationId);
  }
  expect(compared).toEqual(expect.arrayContaining(["listMessages", "getCampaign", "stopCampaign", "sendRcsCampaignToPhones"]));
  // The query samples put deepObject parameters on the wire in brackets.
  expect(curlSamples.find((sample) => sample.name === "listMessages.byReference")!.source).toContain("--data-urlencode 'filter[reference_id]=");
});

describe("curl samples", () => {
  const runShell = promisify(execFile);
  const token = "sample-token";

  /** The id of a campaign newly scheduled in the samples' account, to stand in for a sample's. */
  async function scheduledCampaign(): Promise<number> {
    const body = { phones: [{ number: "380661231231" }], sender: "Acme Shop", options: { text: "Sample" }, start_at: "2030-01-01 10:00:00" };
    const response = await fetch(new URL(operation("sendRcsCampaignToPhones").path, inject("prismUrl")), {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return (await response.json()).data.id;
  }

  it.each(curlSamples.map((sample) => [sample.name, sample.source]))(
    "the sample of %s succeeds against the mock",
    async (name, source) => {
      const campaign = /\/api\/campaigns\/\d+/.test(source) ? await scheduledCampaign() : undefined;
      const script = source
        .replaceAll(spec.servers[0].url, inject("prismUrl"))
        .replace(/\/api\/campaigns\/\d+/g, `/api/campaigns/${campaign}`)
        .replace(/^curl /m, "curl -sS -w '\\n%{http_code}' ");
      const { stdout } = await runShell("bash", ["-c", script], {
        env: { ...process.env, WWT_TOKEN: token, WWT_API_KEY: "test_samplekey" },
      });
      const lines = stdout.trimEnd().split("\n");
      const status = Number(lines.pop());
      expect(status, `curl sample of ${name} answered ${status}: ${lines.join("\n")}`).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(300);
      expect(() => JSON.parse(lines.join("\n"))).not.toThrow();
    },
  );
});
