// How the mock turns Prism's example answer to a send into the platform's answer to this
// send, and the messages the send leaves, as `listMessages` finds them.
import type { components } from "../../generated/schema.js";
import type { Campaign, ListedMessage } from "./state.js";

type Schemas = components["schemas"];

/** Dates as the platform writes them, `yyyy-mm-dd hh:mm:ss` (UTC here). */
export function platformDate(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** An accepted message as the mock answers it: `validity_seconds` beside the answer schema's fields. */
export type EchoedMessage = Schemas["RcsMessage"] & { validity_seconds?: number };

/**
 * The accepted message, echoing what the request fixed. `validity` and `validity_seconds` are
 * there as the request gave them, and left out when it gave none or `null` (which the request
 * schema reads as none): the answer schema allows a missing `validity`, not a `null` one, and
 * does not list `validity_seconds`, which its tolerance for added fields lets through.
 */
export function echoMessage(example: Schemas["RcsMessage"], request: Schemas["SendRcsMessageRequest"], { id, now }: { id: number; now: string }): EchoedMessage {
  const { validity: _exampleValidity, ...rest } = example as EchoedMessage;
  return {
    ...rest,
    id,
    reference_id: request.phone.reference_id ?? null,
    phone: Number(request.phone.number),
    sender: request.sender,
    ...(typeof request.validity === "number" && { validity: request.validity }),
    ...(typeof request.validity_seconds === "number" && { validity_seconds: request.validity_seconds }),
    created_at: now,
    sent_at: null,
    delivered_at: null,
  };
}

/**
 * The created campaign, echoing what the request fixed, its `start_at` or, without one, now: in
 * status `creation`, as every new campaign starts, scheduled or not.
 */
export function echoCampaign(
  example: Campaign,
  request: Schemas["SendRcsCampaignRequest"] | Schemas["SendRcsCampaignToPhonesRequest"],
  { id, now }: { id: number; now: string },
): Campaign {
  return {
    ...example,
    id,
    name: `RCS api campaign / ${now}`,
    sender: request.sender,
    status: "creation",
    start_at: request.start_at ?? now,
    created_at: now,
  };
}

/**
 * A created campaign as `getCampaign` finds it: `scheduled` when it waits for a `start_at`
 * (one to start now stays `creation`, as the mock sends nothing), with no price estimate, as
 * the platform's lookups carry none.
 */
export function lookedUp(campaign: Campaign, scheduled: boolean): Campaign {
  return { ...campaign, status: scheduled ? "scheduled" : campaign.status, calculated_price: 0, currency: null };
}

/** An accepted single send as `listMessages` finds it: the answer's fields, and its content. */
export function listedSingle(message: EchoedMessage, request: Schemas["SendRcsMessageRequest"]): ListedMessage {
  const { validity_seconds: _seconds, ...fields } = message;
  return { ...fields, campaign_id: null, type: "rcs", rcs_options: request.options as ListedMessage["rcs_options"] };
}

/**
 * The messages of a campaign to phone numbers, one a phone, each with its `reference_id`:
 * `scheduled` until the campaign's `start_at`, `accepted` when it starts now. They share the
 * request's `options`, and the price of `amount` (that of the spec's message example).
 */
export function listedOfCampaign(
  campaign: Campaign,
  request: Schemas["SendRcsCampaignToPhonesRequest"],
  { ids, amount }: { ids: () => number; amount: Schemas["Amount"] },
): ListedMessage[] {
  const options = request.options as ListedMessage["rcs_options"];
  return request.phones.map((phone) => ({
    id: ids(),
    campaign_id: campaign.id,
    reference_id: phone.reference_id ?? null,
    type: "rcs",
    source: "rest",
    phone: Number(phone.number),
    ...(typeof request.validity === "number" && { validity: request.validity }),
    status: campaign.status === "scheduled" ? "scheduled" : "accepted",
    amount,
    sender: request.sender,
    created_at: campaign.created_at,
    sent_at: null,
    delivered_at: null,
    rcs_options: options,
  }));
}
