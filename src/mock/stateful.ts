// The platform's answers to the operations that keep or read state (state.ts), given once the
// request passed the checks and Prism accepted it with its example answer:
// - a send is echoed (answers.ts) and kept, with its messages: one for a single send, one a
//   phone for a campaign to phone numbers, none for a campaign to groups (whose contacts the
//   mock does not know). A `phone.reference_id` the account used before, or one the request
//   gives twice, gets the platform's 429 instead, and a send past the store's limits a 422;
//   either way nothing is kept;
// - `listMessages` finds the account's messages, `getCampaign` its campaign (404 when it has
//   none with that id), and `stopCampaign` stops it from `scheduled`, `sending`, `paused` or
//   `moderation`, and answers any other status with the platform's 422.
import type { components } from "../../generated/schema.js";
import { echoCampaign, echoMessage, listedOfCampaign, listedSingle, lookedUp, platformDate } from "./answers.js";
import type { Inputs } from "./request-checks.js";
import type { Spec } from "./spec.js";
import { defaultLimits, createStore, type Campaign, type Limits, type MessageQuery, type Refusal, type Store } from "./state.js";

type Schemas = components["schemas"];

/** An answer the mock gives in Prism's place. */
export interface OwnAnswer {
  status: number;
  body: unknown;
}

export interface StatefulOperations {
  store: Store;
  /** The platform's answer to an accepted request of `operationId`, or undefined when its answer keeps no state. */
  answer(operationId: string, request: { account: string; inputs: Inputs; status: number; example: unknown }): OwnAnswer | undefined;
}

export function createStatefulOperations(spec: Spec, limits: Limits = defaultLimits): StatefulOperations {
  const example = (operationId: string, status: string) => {
    const route = spec.routes.find((candidate) => candidate.operation.operationId === operationId);
    return spec.firstExample(route?.operation.responses?.[status]);
  };
  // The platform's own words and the first ids, from the spec's examples.
  const accepted = (example("sendRcsMessage", "200") as Schemas["RcsMessageResponse"]).data;
  const duplicate = example("sendRcsMessage", "429");
  const notFound = example("getCampaign", "404");
  const notStoppable = example("stopCampaign", "422");
  const firstCampaign = (example("sendRcsCampaignToGroups", "200") as Schemas["RcsCampaignResponse"]).data;
  const store = createStore({ firstIds: { message: accepted.id, campaign: firstCampaign.id }, limits });
  const full = {
    message:
      `The mock keeps at most ${limits.messages} messages, ${limits.campaigns} campaigns and ${limits.contentBytes} bytes of message content ` +
      "in all, and this send would go past that; POST /__mock/reset empties it.",
    errors: [],
  };
  const refused = (refusal: Refusal): OwnAnswer => (refusal === "duplicate" ? { status: 429, body: duplicate } : { status: 422, body: full });
  const contentBytes = (options: unknown) => Buffer.byteLength(JSON.stringify(options));

  return {
    store,
    answer(operationId, { account, inputs, status, example }) {
      // Prism accepted the request, so it has the request schema's shape, and its answer the answer schema's.
      const data = (example as { data: unknown }).data;
      const now = platformDate();
      switch (operationId) {
        case "sendRcsMessage": {
          const request = inputs.body as Schemas["SendRcsMessageRequest"];
          const size = { messages: 1, campaigns: 0, contentBytes: contentBytes(request.options) };
          const refusal = store.refusal(account, request.phone.reference_id ? [request.phone.reference_id] : [], size);
          if (refusal) return refused(refusal);
          const message = echoMessage(data as Schemas["RcsMessage"], request, { id: store.nextId("message"), now });
          store.keep(account, { messages: [listedSingle(message, request)], contentBytes: size.contentBytes });
          return { status, body: { ...(example as object), data: message } };
        }
        case "sendRcsCampaignToGroups":
        case "sendRcsCampaignToPhones": {
          const request = inputs.body as Schemas["SendRcsCampaignRequest"] | Schemas["SendRcsCampaignToPhonesRequest"];
          const phones = "phones" in request ? request.phones : [];
          const references = phones.flatMap((phone) => (phone.reference_id ? [phone.reference_id] : []));
          const size = { messages: phones.length, campaigns: 1, contentBytes: phones.length > 0 ? contentBytes(request.options) : 0 };
          const refusal = store.refusal(account, references, size);
          if (refusal) return refused(refusal);
          const campaign = echoCampaign(data as Campaign, request, { id: store.nextId("campaign"), now });
          const kept = lookedUp(campaign, Boolean(request.start_at));
          const messages = "phones" in request ? listedOfCampaign(kept, request, { ids: () => store.nextId("message"), amount: accepted.amount }) : [];
          store.keep(account, { messages, campaign: kept, contentBytes: size.contentBytes });
          return { status, body: { ...(example as object), data: campaign } };
        }
        case "listMessages":
          return { status, body: store.messages(account, inputs.query as MessageQuery) };
        case "getCampaign": {
          const campaign = store.campaign(account, inputs.path.id as number);
          return campaign ? { status, body: { ...(example as object), data: campaign } } : { status: 404, body: notFound };
        }
        case "stopCampaign": {
          const stopped = store.stop(account, inputs.path.id as number);
          if (stopped === "not found") return { status: 404, body: notFound };
          if (stopped === "invalid status") return { status: 422, body: notStoppable };
          return { status, body: { ...(example as object), data: stopped } };
        }
        default:
          return undefined;
      }
    },
  };
}
