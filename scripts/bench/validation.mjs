// What checking a body costs: the precompiled validator on the spec's carousel example
// (valid) and on a broken copy of it (invalid), and the client's own explanation of the
// broken copy (what a caller pays before a RequestValidationError). Calls run in batches
// timed with process.hrtime.bigint (a single call is too short for the clock); the figure
// is the median of the per-batch means, which a pause for GC or the scheduler cannot skew.
import { isMain } from "../lib/project.mjs";
import { exchange } from "./spec-server.mjs";
import { chosenScale, median, projectModule, round, scales } from "./shared.mjs";

/** The carousel without its required `sender` and with a field no schema knows. */
export const invalidBody = (() => {
  const { sender, ...rest } = exchange.body;
  return { ...rest, surplus_field: sender };
})();

export async function measureValidation({ calls, callsPerBatch }) {
  const { sendRcsMessageBody } = await projectModule("generated/validators.js");
  const { findIssues } = await projectModule("dist/validation.js");
  const explain = (body) => findIssues("sendRcsMessageBody", body).length > 0;
  if (!sendRcsMessageBody(exchange.body)) throw new Error("the carousel example does not pass its own validator");
  if (sendRcsMessageBody(invalidBody) || !explain(invalidBody)) throw new Error("the broken carousel passes validation");

  const perCallUs = (check, body, expected) => {
    const batches = Math.ceil(calls / callsPerBatch);
    const means = new Float64Array(batches);
    for (let warmup = 0; warmup < callsPerBatch; warmup++) check(body);
    for (let batch = 0; batch < batches; batch++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < callsPerBatch; i++) {
        // Comparing each result keeps the call from being optimised away, and proves it.
        if (check(body) !== expected) throw new Error("a validator changed its mind");
      }
      means[batch] = Number(process.hrtime.bigint() - start) / 1e3 / callsPerBatch;
    }
    return round(median(means));
  };

  return {
    callsPerCase: Math.ceil(calls / callsPerBatch) * callsPerBatch,
    callsPerBatch,
    bodyBytes: JSON.stringify(exchange.body).length,
    validBodyUs: perCallUs(sendRcsMessageBody, exchange.body, true),
    invalidBodyUs: perCallUs(sendRcsMessageBody, invalidBody, false),
    invalidBodyExplainedUs: perCallUs(explain, invalidBody, true),
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureValidation(scales[chosenScale()].validation), null, 2));
