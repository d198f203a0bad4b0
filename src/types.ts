// The public names of the API's shapes: aliases of the types generated from the spec,
// never re-declared by hand.
import type { components, operations } from "../generated/schema.js";

/** The JSON body of operation `Id`'s request. */
export type JsonRequestBody<Id extends keyof operations> = NonNullable<operations[Id]["requestBody"]>["content"]["application/json"];
/** The JSON body of operation `Id`'s success (200) answer. */
export type JsonSuccessBody<Id extends keyof operations> = operations[Id]["responses"][200]["content"]["application/json"];

/** The body of `sendRcsMessage`: one RCS message to one phone number. */
export type SendRcsMessageRequest = JsonRequestBody<"sendRcsMessage">;
/**
 * The message the platform accepted: the `data` of a successful `sendRcsMessage`, handed over
 * as it arrived. Its `status` and `source` may hold values added later (`string & {}`).
 */
export type RcsMessage = JsonSuccessBody<"sendRcsMessage">["data"];

/** The body of `sendRcsCampaignToGroups`: a campaign to contact-book groups. */
export type SendRcsCampaignRequest = JsonRequestBody<"sendRcsCampaignToGroups">;
/**
 * A campaign, as every campaign operation answers it: the `data` of a successful
 * `sendRcsCampaignToGroups`, handed over as it arrived. Its `status` may hold a value added
 * later (`string & {}`).
 */
export type RcsCampaign = JsonSuccessBody<"sendRcsCampaignToGroups">["data"];

/** The body of `sendRcsCampaignToPhones`: one RCS content to a list of phone numbers. */
export type SendRcsCampaignToPhonesRequest = JsonRequestBody<"sendRcsCampaignToPhones">;

/** What `listMessages` asks for: `filter`, `page`, `sort` and `way`, as objects (they go in brackets on the wire). */
export type ListMessagesQuery = NonNullable<operations["listMessages"]["parameters"]["query"]>;
/** One page of `listMessages`: the messages found (`data`) and `meta.page` (`limit`, `offset`, `total`). */
export type MessageList = JsonSuccessBody<"listMessages">;
/** A message as `listMessages` finds it, on any channel. Its `status`, `type` and `source` may hold values added later. */
export type ListedMessage = components["schemas"]["ListedMessage"];

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
 * - `not_rcs_user`: the recipient's phone cannot receive RCS messages.
 * - `not_service_user`, `not_viber_user`: the recipient cannot receive this channel
 *   (statuses shared with the platform's other channels).
 */
export type RcsMessageFinalStatus = components["schemas"]["RcsMessageFinalStatus"];
/** Every status of a campaign known today; answers may carry others (see `RcsCampaign`). */
export type RcsCampaignStatus = components["schemas"]["RcsCampaignStatus"];

/**
 * What the platform POSTs to `callback_url` when a message's status changes, in every form it
 * sends. The receiver hands your code an {@link RcsStatusReport} instead.
 */
export type RcsStatusCallback = components["schemas"]["RcsStatusCallback"];
/**
 * What the platform POSTs to `callback_url` when a suggestion button is pressed, in every form
 * it sends. The receiver hands your code an {@link RcsClickReport} instead.
 */
export type RcsClickCallback = components["schemas"]["RcsClickCallback"];

declare const unrecognised: unique symbol;

/**
 * A status a report carried that this version of wwt-rcs does not list: one the platform added
 * later (in lower case, like every status a report hands on), or `""` when the report carried
 * none. It reads and compares as a string, but the compiler never takes it for a known
 * {@link RcsMessageStatus}, so a `switch` that handles every known status still needs a
 * `default` for it.
 */
export type UnrecognisedRcsMessageStatus = string & { readonly [unrecognised]: true };

/** The whole payload as it was parsed, keys that could alter objects (`__proto__`, …) removed. */
export type RawCallbackPayload = { readonly [field: string]: unknown };

/**
 * A status change, as `createRcsCallbackHandler` and `parseRcsCallback` hand it on: a fresh
 * object with the platform's field names, every value in one form whatever form it arrived
 * in, `null` where the report had no usable value, and the payload as sent in `raw`.
 */
export interface RcsStatusReport {
  /** The message's id as a string, as the send's `data.id` is written: `String(message.id)`. */
  id: string;
  /** The new status in lower case: a known one, or an unrecognised one. See `isFinalStatus`. */
  status: RcsMessageStatus | UnrecognisedRcsMessageStatus;
  /** The recipient's number, digits without a `+`. */
  msisdn: string | null;
  /** The `phone.reference_id` you sent with the message. */
  reference: string | null;
  /** 0 when all is well; otherwise the platform's error code. */
  error: number | null;
  /** What `error` means, as the platform words it. */
  errorDescription: string | null;
  /** When the platform accepted the message, as sent (`yyyy-mm-dd hh:mm:ss` or ISO-like). */
  time_in: string | null;
  /** When the message was sent to the network. */
  time_sent: string | null;
  /** When the delivery report arrived. */
  time_dr: string | null;
  /** The price charged, as a decimal number in a string such as `"0.45"`. */
  price: string | null;
  /** The ISO 4217 code of the price's currency, in capitals. */
  currency: string | null;
  /** Everything the platform sent, fields not listed here included. */
  raw: RawCallbackPayload;
}

/** A suggestion click, handed on like {@link RcsStatusReport}. */
export interface RcsClickReport {
  /** The id of the message whose button was pressed, as a string. */
  id: string;
  /** The number of the recipient who pressed it, digits without a `+`. */
  msisdn: string | null;
  /** The `phone.reference_id` you sent with the message. */
  reference: string | null;
  /** The label of the pressed button. */
  text: string | null;
  /** The button's `postback_data`; `null` when it had none. */
  postback: string | null;
  /** When the button was pressed, as sent. */
  time_click: string | null;
  /** Everything the platform sent, fields not listed here included. */
  raw: RawCallbackPayload;
}
