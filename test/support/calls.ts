// One way for tests to call any operation of the client by its operationId, with the input a
// table row holds: a body, or path and query parameters. The one place that knows which
// method takes which argument.
import type { RcsClient, SendOptions } from "../../src/index.js";

/** The operations the client has a method for, by operationId. */
export type Operation = "sendRcsMessage" | "sendRcsCampaignToPhones" | "sendRcsCampaignToGroups" | "listMessages" | "getCampaign" | "stopCampaign";
/** The operations whose input is a JSON body. */
export type BodyOperation = "sendRcsMessage" | "sendRcsCampaignToPhones" | "sendRcsCampaignToGroups";

/** What a row gives an operation: its body, or its parameters (the campaign's `id` in `path`). */
export interface OperationInput {
  body?: unknown;
  query?: unknown;
  path?: { id?: unknown };
}

/**
 * Calls `operation` of `rcs` with `input`, whatever its types: rows hold invalid inputs on
 * purpose, which the client must refuse at run time.
 */
export function call(rcs: RcsClient, operation: Operation, input: OperationInput, options?: SendOptions): Promise<unknown> {
  const loose = rcs as unknown as Record<Operation, (argument: unknown, options?: SendOptions) => Promise<unknown>>;
  const argument = operation === "listMessages" ? input.query : operation === "getCampaign" || operation === "stopCampaign" ? input.path?.id : input.body;
  return loose[operation](argument, options);
}
