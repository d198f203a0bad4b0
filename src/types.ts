// The public names of the API's shapes: aliases of the types generated from the spec,
// never re-declared by hand.
import type { components, operations } from "../generated/schema.js";

type JsonRequestBody<Id extends keyof operations> = NonNullable<operations[Id]["requestBody"]>["content"]["application/json"];
type JsonSuccessBody<Id extends keyof operations> = operations[Id]["responses"][200]["content"]["application/json"];

/** The body of `sendRcsMessage`: one RCS message to one phone number. */
export type SendRcsMessageRequest = JsonRequestBody<"sendRcsMessage">;
/** The message the platform accepted: the `data` of a successful `sendRcsMessage`. */
export type RcsMessage = JsonSuccessBody<"sendRcsMessage">["data"];

/** The body of `sendRcsCampaignToGroups`: a campaign to contact-book groups. */
export type SendRcsCampaignRequest = JsonRequestBody<"sendRcsCampaignToGroups">;
/** The campaign the platform created: the `data` of a successful `sendRcsCampaignToGroups`. */
export type RcsCampaign = JsonSuccessBody<"sendRcsCampaignToGroups">["data"];

/** Every status of a message; see `RcsMessageFinalStatus` for those that end its story. */
export type RcsMessageStatus = components["schemas"]["RcsMessageStatus"];
/** The statuses after which a message's delivery outcome no longer changes. */
export type RcsMessageFinalStatus = components["schemas"]["RcsMessageFinalStatus"];
/** Every status of a campaign. */
export type RcsCampaignStatus = components["schemas"]["RcsCampaignStatus"];

/** What the platform POSTs to `callback_url` when a message's status changes. */
export type RcsStatusCallback = components["schemas"]["RcsStatusCallback"];
/** What the platform POSTs to `callback_url` when a suggestion button is pressed. */
export type RcsClickCallback = components["schemas"]["RcsClickCallback"];
