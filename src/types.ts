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

/**
 * Every status of a message, in lower case: pending ones ({@link RcsMessagePendingStatus})
 * until a final one ({@link RcsMessageFinalStatus}); `isFinalStatus` tells them apart.
 */
export type RcsMessageStatus = components["schemas"]["RcsMessageStatus"];
/**
 * A status that will still change (the meanings are the spec's, kept in step by a test):
 * - `scheduled`: waiting for its send time.
 * - `moderation`: held for a content review before it is sent.
 * - `accepted`: accepted by the platform and queued for sending.
 * - `sending`: being handed over to the RCS network.
 * - `sent`: handed over to the network; no delivery report yet.
 */
export type RcsMessagePendingStatus = components["schemas"]["RcsMessagePendingStatus"];
/**
 * A status after which the message's delivery outcome no longer changes:
 * - `delivered`: the phone received the message, which is now charged; `read` may follow.
 * - `read`: the recipient opened the message.
 * - `expired`: not delivered before its validity ran out; an SMS fallback goes out now.
 * - `undelivered`: the network reported that it could not deliver the message.
 * - `failed`: the platform could not send it (for example a refused sender or content).
 * - `unknown`: the network gave no usable delivery report.
 * - `not_service_user`, `not_viber_user`: the recipient cannot receive this channel
 *   (statuses shared with the platform's other channels).
 */
export type RcsMessageFinalStatus = components["schemas"]["RcsMessageFinalStatus"];
/** Every status of a campaign. */
export type RcsCampaignStatus = components["schemas"]["RcsCampaignStatus"];

/** What the platform POSTs to `callback_url` when a message's status changes. */
export type RcsStatusCallback = components["schemas"]["RcsStatusCallback"];
/** What the platform POSTs to `callback_url` when a suggestion button is pressed. */
export type RcsClickCallback = components["schemas"]["RcsClickCallback"];
