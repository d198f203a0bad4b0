// The Arazzo workflows users can run (openapi/arazzo/), run here the way a user runs them:
// Redocly Respect against the Prism mock. Every journey succeeds, the 422 workflow really
// depends on getting a 422, the lookup finds the very message sent, the stopped campaign
// cannot be stopped again, and neither the API key nor the token shows in Respect's output.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { parse, stringify } from "yaml";
import { sendRcsMessageBody } from "../../generated/validators.js";
import { fromRoot, redoclyEnv } from "../../scripts/lib/project.mjs";
import { arazzoFiles, describeRedoclyProblems, redoclyReport } from "../../scripts/lint.mjs";
import { requestExamples, responseExamples } from "../support/spec.js";

const prismUrl = inject("prismUrl");
const journeys = "openapi/arazzo/wwt-rcs.arazzo.yaml";
const description = parse(readFileSync(fromRoot(journeys), "utf8"));
const source: string = description.sourceDescriptions[0].name;
const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-respect-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const message = requestExamples("sendRcsMessage").smsFallback;
const campaign = requestExamples("sendRcsCampaignToGroups").scheduled;
const nextWeek = new Date(Date.now() + 7 * 24 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
const inputs = {
  api_key: "test_respect_5f2c9a",
  phone_number: message.phone.number,
  reference_id: "respect1",
  lookup_reference_id: "respect2",
  rcs_sender: message.sender,
  sms_sender: message.alternative_channel.sms.sender,
  groups: campaign.groups,
  start_at: nextWeek,
};
const issuedToken: string = responseExamples("login", "200").issued.bearer;

interface Run {
  code: number | null;
  output: string;
  report: any;
}

/** Runs `redocly respect` on `file` against the mock, with a JSON report of every step. */
function respect(file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const reportPath = join(scratch, `${Math.random().toString(36).slice(2)}.json`);
  const child = spawn(
    fromRoot("node_modules/.bin/redocly"),
    ["respect", file, "--server", `${source}=${prismUrl}`, "--json-output", reportPath, ...args],
    { cwd: fromRoot(), env: { ...redoclyEnv(), ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const report = existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, "utf8")) : undefined;
      resolve({ code, output, report });
    });
  });
}

function executed(run: Run, workflowId: string) {
  const [file] = Object.values(run.report.files) as any[];
  return file.executedWorkflows.find((workflow: any) => workflow.workflowId === workflowId);
}

function step(run: Run, workflowId: string, stepId: string) {
  return executed(run, workflowId).executedSteps.find((candidate: any) => candidate.stepId === stepId);
}

const invalidStep = { workflowId: "refuseInvalidMessage", stepId: "sendInvalidMessage" };
const expects422 = (check: any) => check.name === "success criteria check" && check.condition === "$statusCode == 422";

describe("the Arazzo workflows", () => {
  it("lint with zero problems (npm run lint checks them too)", async () => {
    expect(arazzoFiles()).toContain(journeys);
    for (const file of arazzoFiles()) expect(describeRedoclyProblems(await redoclyReport(file)), file).toEqual([]);
  });

  it.concurrent(
    "all succeed against the mock, with the inputs (API key included) in REDOCLY_CLI_RESPECT_INPUT",
    { timeout: 60_000 },
    async () => {
      const run = await respect(journeys, [], { REDOCLY_CLI_RESPECT_INPUT: JSON.stringify(inputs) });
      expect(run.code, run.output).toBe(0);
      const ran = description.workflows.map((workflow: any) => [workflow.workflowId, executed(run, workflow.workflowId)?.status]);
      expect(ran).toEqual(description.workflows.map((workflow: any) => [workflow.workflowId, "success"]));

      // The 422 workflow got its 422 for a body our validator refuses too, and checked it.
      const refused = step(run, invalidStep.workflowId, invalidStep.stepId);
      expect(refused.response.statusCode).toBe(422);
      expect(sendRcsMessageBody(refused.request.body)).toBe(false);
      expect(refused.checks.find(expects422)).toMatchObject({ passed: true });

      // The lookup found the message the send accepted, which the mock kept, and said so.
      const sent = step(run, "sendThenLookUp", "sendReferencedMessage");
      const found = step(run, "sendThenLookUp", "lookUpMessage");
      expect(found.response.body.data).toHaveLength(1);
      expect(found.response.body.data[0]).toMatchObject({ id: sent.response.body.data.id, reference_id: inputs.lookup_reference_id });
      expect(found.checks.filter((check: any) => check.name === "success criteria check").map((check: any) => check.passed)).toEqual([true, true]);

      // The campaign was stopped once; the second stop got the platform's 422.
      const stops = ["stopCampaign", "stopAgain"].map((stepId) => step(run, "scheduleThenStop", stepId).response);
      expect(stops.map((response) => [response.statusCode, response.body.data?.status ?? response.body.message])).toEqual([
        [200, "stopped"],
        [422, "Invalid campaign status"],
      ]);

      for (const secret of [inputs.api_key, issuedToken]) {
        expect(run.output).not.toContain(secret);
        expect(JSON.stringify(run.report)).not.toContain(secret);
      }
    },
  );

  it.concurrent("the 422 workflow fails when the API accepts its body", { timeout: 60_000 }, async () => {
    // A copy whose "invalid" message is valid, with the spec referred to by absolute path.
    const copy = structuredClone(description);
    copy.sourceDescriptions[0].url = fromRoot("generated/openapi.yaml");
    const workflow = copy.workflows.find((candidate: any) => candidate.workflowId === invalidStep.workflowId);
    workflow.steps.find((candidate: any) => candidate.stepId === invalidStep.stepId).requestBody.payload.sender = "$inputs.rcs_sender";
    const file = join(scratch, "accepted-body.arazzo.yaml");
    writeFileSync(file, stringify(copy));

    const run = await respect(file, ["--workflow", invalidStep.workflowId, "--input", JSON.stringify(inputs)]);
    expect(run.code, run.output).not.toBe(0);
    const accepted = step(run, invalidStep.workflowId, invalidStep.stepId);
    expect(accepted.response.statusCode).toBe(200);
    expect(accepted.checks.find(expects422)).toMatchObject({ passed: false });
  });
});
