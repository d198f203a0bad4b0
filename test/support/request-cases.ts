// The documented rules of every request, as tables: one row per rule, each with a body, or
// path and query parameters, that the docs allow or forbid. The spec tests, the client tests
// and the contract tests against Prism all read these same tables.
import { operation, requestExamples, resolve, type Json, type Node } from "./spec.js";

import type { SendRcsCampaignRequest, SendRcsCampaignToPhonesRequest, SendRcsMessageRequest } from "../../src/index.js";
import { pointerKeys } from "../../src/json-pointer.js";
import type { BodyOperation } from "./calls.js";

export interface RequestCase {
  operation: BodyOperation;
  /** What the row shows, as a sentence. */
  name: string;
  body: Json;
  valid: boolean;
  /** For an invalid body: the field our validator must name, as the client prints it. */
  issue?: string;
}

const emoji = "😀"; // one code point, two UTF-16 code units
const gsm7 = "Hello from Acme, 10% off [today] {only} ~ | € ^ \\ @£$¥èéùìò ";
const cyrillic = "Привіт";

/**
 * A copy of `body` with `value` at `pointer`, replaced or added as an own property (so that a
 * key such as `__proto__` stays a field); `value` may be anything, a BigInt included.
 */
export function withValue<Body>(body: Body, pointer: string, value: unknown): Body {
  const copy = structuredClone(body);
  const keys = pointerKeys(pointer);
  const last = keys.pop()!;
  const parent = keys.reduce((node: any, key) => node[key], copy);
  Object.defineProperty(parent, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A copy of `body` without the value at `pointer`. */
export function without<Body>(body: Body, pointer: string): Body {
  const copy = structuredClone(body);
  const keys = pointerKeys(pointer);
  const last = keys.pop()!;
  const parent = keys.reduce((node: any, key) => node[key], copy);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

const repeat = (text: string, length: number) => text.repeat(Math.ceil(length / text.length)).slice(0, length);

export const minimalMessage = {
  phone: { number: "380661231231" },
  sender: "Acme Shop",
  options: { text: "Your parcel is on its way." },
} satisfies SendRcsMessageRequest;

export const minimalCampaign = {
  groups: [1204],
  sender: "Acme Shop",
  options: { text: "Winter sale starts now." },
} satisfies SendRcsCampaignRequest;

export const minimalPhonesCampaign = {
  phones: [{ number: "380661231231" }],
  sender: "Acme Shop",
  options: { text: "Your order is ready for pick-up." },
} satisfies SendRcsCampaignToPhonesRequest;

const card: Json = {
  title: "Wool scarf",
  text: "Soft merino.",
  media: { url: "https://shop.example.com/img/scarf.jpg" },
  suggestions: [{ text: "View", url: "https://shop.example.com/p/scarf" }],
};
const cardMessage = withValue(minimalMessage, "/options", { cards: [card] });
const smsFallback = withValue(minimalMessage, "/alternative_channel", {
  sms: { text: "Your parcel is on its way.", sender: "AcmeShop" },
});

type Row = Omit<RequestCase, "operation" | "valid">;
const ok = (operation: BodyOperation, rows: Row[]) => rows.map((row) => ({ operation, valid: true, ...row }));
const bad = (operation: BodyOperation, rows: Row[]) => rows.map((row) => ({ operation, valid: false, ...row }));

export const messageCases: RequestCase[] = [
  ...Object.entries(requestExamples("sendRcsMessage")).map(([name, body]) => ({
    operation: "sendRcsMessage" as const,
    name: `the spec's "${name}" example is accepted`,
    body,
    valid: true,
  })),
  ...ok("sendRcsMessage", [
    { name: "a message with only the required fields is accepted", body: minimalMessage },
    { name: "a 9-digit number is accepted", body: withValue(minimalMessage, "/phone/number", "380661231") },
    { name: "a 15-digit number is accepted", body: withValue(minimalMessage, "/phone/number", "380661231231456") },
    { name: "a 32-character reference_id is accepted", body: withValue(minimalMessage, "/phone/reference_id", "A".repeat(16) + "9".repeat(16)) },
    { name: "a 1-character sender is accepted", body: withValue(minimalMessage, "/sender", "A") },
    { name: "a 40-character sender is accepted", body: withValue(minimalMessage, "/sender", "S".repeat(40)) },
    { name: "a 160-character text is accepted", body: withValue(minimalMessage, "/options/text", "t".repeat(160)) },
    { name: "80 emoji (160 UTF-16 units) are accepted as text", body: withValue(minimalMessage, "/options/text", emoji.repeat(80)) },
    { name: "validity of 1 hour is accepted", body: withValue(minimalMessage, "/validity", 1) },
    { name: "validity of 72 hours is accepted", body: withValue(minimalMessage, "/validity", 72) },
    { name: "validity_seconds of 30 is accepted", body: withValue(minimalMessage, "/validity_seconds", 30) },
    { name: "validity_seconds of 86400 is accepted", body: withValue(minimalMessage, "/validity_seconds", 86400) },
    { name: "a card with media and no text is accepted", body: withValue(cardMessage, "/options/cards/0", { media: { url: "https://shop.example.com/a.png" } }) },
    { name: "a card with text and no media is accepted", body: withValue(cardMessage, "/options/cards/0", { text: "Only text" }) },
    { name: "a carousel of 10 cards is accepted", body: withValue(cardMessage, "/options/cards", Array(10).fill(card)) },
    { name: "a card with 4 suggestions is accepted", body: withValue(cardMessage, "/options/cards/0/suggestions", Array(4).fill({ text: "Call", phone: "380971112233" })) },
    { name: "a 200-character card title is accepted", body: withValue(cardMessage, "/options/cards/0/title", "T".repeat(200)) },
    { name: "a 1000-character card text is accepted", body: withValue(cardMessage, "/options/cards/0/text", "x".repeat(1000)) },
    { name: "a link suggestion with type link is accepted", body: withValue(cardMessage, "/options/cards/0/suggestions/0", { type: "link", text: "Go", url: "http://shop.example.com/" }) },
    { name: "a call suggestion with type call and postback_data is accepted", body: withValue(cardMessage, "/options/cards/0/suggestions/0", { type: "call", text: "Call", phone: "380971112233", postback_data: "p".repeat(25) }) },
    { name: "a media URL of 1000 characters is accepted", body: withValue(cardMessage, "/options/cards/0/media/url", "https://shop.example.com/" + "a".repeat(1000 - 25)) },
    { name: "a percent-encoded URL with a query and fragment is accepted", body: withValue(cardMessage, "/options/cards/0/suggestions/0/url", "https://shop.example.com/p%C3%A9?q=a+b&x=1#top") },
    { name: "a callback_url of 100 characters is accepted", body: withValue(minimalMessage, "/callback_url", "https://hooks.example.com/" + "h".repeat(100 - 26)) },
    { name: "tariff_code 0 is accepted", body: withValue(minimalMessage, "/tariff_code", 0) },
    { name: "add_to_contact_book false is accepted", body: withValue(minimalMessage, "/add_to_contact_book", false) },
    { name: "check_stop_list false is accepted", body: withValue(minimalMessage, "/check_stop_list", false) },
    { name: "an SMS fallback with text and sender is accepted", body: smsFallback },
    { name: "an SMS text of 765 GSM-7 characters is accepted", body: withValue(smsFallback, "/alternative_channel/sms/text", repeat(gsm7, 765)) },
    { name: "an SMS text of 355 non-GSM-7 characters is accepted", body: withValue(smsFallback, "/alternative_channel/sms/text", repeat(cyrillic, 355)) },
    { name: "an 11-character alphanumeric SMS sender is accepted", body: withValue(smsFallback, "/alternative_channel/sms/sender", "AcmeShop123") },
    { name: "a 15-digit SMS sender is accepted", body: withValue(smsFallback, "/alternative_channel/sms/sender", "380971112233000") },
    { name: "SMS validity_seconds alone is accepted", body: withValue(smsFallback, "/alternative_channel/sms/validity_seconds", 3600) },
    { name: "SMS validity and check_stop_list are accepted", body: withValue(withValue(smsFallback, "/alternative_channel/sms/validity", 72), "/alternative_channel/sms/check_stop_list", false) },
    { name: "an empty callback_url (the machine-readable description's example sends one) is accepted", body: withValue(minimalMessage, "/callback_url", "") },
    { name: "a null tariff_code (nullable in the machine-readable description) is accepted", body: withValue(minimalMessage, "/tariff_code", null) },
    { name: "a null validity (nullable in the machine-readable description) is accepted", body: withValue(minimalMessage, "/validity", null) },
    { name: "a null validity_seconds (nullable in the machine-readable description) is accepted", body: withValue(minimalMessage, "/validity_seconds", null) },
    { name: "a null SMS validity_seconds (nullable in the machine-readable description) is accepted", body: withValue(smsFallback, "/alternative_channel/sms/validity_seconds", null) },
  ]),
  ...bad("sendRcsMessage", [
    { name: "a body that is not an object is refused", body: [minimalMessage], issue: "(body)" },
    { name: "a missing phone is refused", body: without(minimalMessage, "/phone"), issue: "phone" },
    { name: "a missing sender is refused", body: without(minimalMessage, "/sender"), issue: "sender" },
    { name: "missing options are refused", body: without(minimalMessage, "/options"), issue: "options" },
    { name: "an unknown field is refused", body: withValue(minimalMessage, "/sendr", "Acme"), issue: "sendr" },
    { name: "validity_hours (named only in the page's note) is refused", body: withValue(minimalMessage, "/validity_hours", 24), issue: "validity_hours" },
    { name: "a number with + is refused", body: withValue(minimalMessage, "/phone/number", "+380661231231"), issue: "phone.number" },
    { name: "an 8-digit number is refused", body: withValue(minimalMessage, "/phone/number", "38066123"), issue: "phone.number" },
    { name: "a 16-digit number is refused", body: withValue(minimalMessage, "/phone/number", "3806612312314567"), issue: "phone.number" },
    { name: "a number sent as an integer is refused", body: withValue(minimalMessage, "/phone/number", 380661231231), issue: "phone.number" },
    { name: "an unknown field in phone is refused", body: withValue(minimalMessage, "/phone/name", "Olena"), issue: "phone.name" },
    { name: "a 33-character reference_id is refused", body: withValue(minimalMessage, "/phone/reference_id", "r".repeat(33)), issue: "phone.reference_id" },
    { name: "a reference_id with a hyphen is refused", body: withValue(minimalMessage, "/phone/reference_id", "order-10452"), issue: "phone.reference_id" },
    { name: "an empty sender is refused", body: withValue(minimalMessage, "/sender", ""), issue: "sender" },
    { name: "a 41-character sender is refused", body: withValue(minimalMessage, "/sender", "S".repeat(41)), issue: "sender" },
    { name: "options with both text and cards are refused", body: withValue(cardMessage, "/options/text", "Both"), issue: "options" },
    { name: "options with neither text nor cards are refused", body: withValue(minimalMessage, "/options", {}), issue: "options" },
    { name: "an empty text is refused", body: withValue(minimalMessage, "/options/text", ""), issue: "options.text" },
    { name: "a 161-character text is refused", body: withValue(minimalMessage, "/options/text", "t".repeat(161)), issue: "options.text" },
    { name: "81 emoji (162 UTF-16 units) are refused as text", body: withValue(minimalMessage, "/options/text", emoji.repeat(81)), issue: "options.text" },
    { name: "an empty list of cards is refused", body: withValue(cardMessage, "/options/cards", []), issue: "options.cards" },
    { name: "11 cards are refused", body: withValue(cardMessage, "/options/cards", Array(11).fill(card)), issue: "options.cards" },
    { name: "a card with neither media nor text is refused", body: withValue(cardMessage, "/options/cards/0", { title: "Only a title" }), issue: "options.cards[0]" },
    { name: "a 201-character card title is refused", body: withValue(cardMessage, "/options/cards/0/title", "T".repeat(201)), issue: "options.cards[0].title" },
    { name: "a 1001-character card text is refused", body: withValue(cardMessage, "/options/cards/0/text", "x".repeat(1001)), issue: "options.cards[0].text" },
    { name: "card media without a url is refused", body: withValue(cardMessage, "/options/cards/0/media", {}), issue: "options.cards[0].media.url" },
    { name: "an ftp media url is refused", body: withValue(cardMessage, "/options/cards/0/media/url", "ftp://shop.example.com/a.png"), issue: "options.cards[0].media.url" },
    { name: "a media url with a space is refused", body: withValue(cardMessage, "/options/cards/0/media/url", "https://shop.example.com/a b.png"), issue: "options.cards[0].media.url" },
    { name: "a media url of 1001 characters is refused", body: withValue(cardMessage, "/options/cards/0/media/url", "https://shop.example.com/" + "a".repeat(1001 - 25)), issue: "options.cards[0].media.url" },
    { name: "an unknown field in a card is refused", body: withValue(cardMessage, "/options/cards/0/subtitle", "New"), issue: "options.cards[0].subtitle" },
    { name: "5 suggestions on a card are refused", body: withValue(cardMessage, "/options/cards/0/suggestions", Array(5).fill({ text: "Call", phone: "380971112233" })), issue: "options.cards[0].suggestions" },
    { name: "a suggestion with neither url nor phone is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0", { text: "Go" }), issue: "options.cards[0].suggestions[0]" },
    { name: "a suggestion with both url and phone is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0/phone", "380971112233"), issue: "options.cards[0].suggestions[0]" },
    { name: "a call suggestion marked as a link is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0", { type: "link", text: "Call", phone: "380971112233" }), issue: "options.cards[0].suggestions[0].type" },
    { name: "a 26-character suggestion text is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0/text", "s".repeat(26)), issue: "options.cards[0].suggestions[0].text" },
    { name: "a 26-character postback_data is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0/postback_data", "p".repeat(26)), issue: "options.cards[0].suggestions[0].postback_data" },
    { name: "a call suggestion with a short number is refused", body: withValue(cardMessage, "/options/cards/0/suggestions/0", { text: "Call", phone: "12345" }), issue: "options.cards[0].suggestions[0].phone" },
    { name: "validity of 0 is refused", body: withValue(minimalMessage, "/validity", 0), issue: "validity" },
    { name: "validity of 73 is refused", body: withValue(minimalMessage, "/validity", 73), issue: "validity" },
    { name: "a fractional validity is refused", body: withValue(minimalMessage, "/validity", 1.5), issue: "validity" },
    { name: "validity as a string is refused", body: withValue(minimalMessage, "/validity", "72"), issue: "validity" },
    { name: "validity_seconds of 29 is refused", body: withValue(minimalMessage, "/validity_seconds", 29), issue: "validity_seconds" },
    { name: "validity_seconds of 86401 is refused", body: withValue(minimalMessage, "/validity_seconds", 86401), issue: "validity_seconds" },
    { name: "validity together with validity_seconds is refused", body: withValue(withValue(minimalMessage, "/validity", 24), "/validity_seconds", 600), issue: "validity, validity_seconds" },
    { name: "an alternative channel without sms is refused", body: withValue(minimalMessage, "/alternative_channel", {}), issue: "alternative_channel.sms" },
    { name: "an SMS without text is refused", body: without(smsFallback, "/alternative_channel/sms/text"), issue: "alternative_channel.sms.text" },
    { name: "an SMS without sender is refused", body: without(smsFallback, "/alternative_channel/sms/sender"), issue: "alternative_channel.sms.sender" },
    { name: "a 12-letter SMS sender is refused", body: withValue(smsFallback, "/alternative_channel/sms/sender", "AcmeShopping"), issue: "alternative_channel.sms.sender" },
    { name: "a 16-digit SMS sender is refused", body: withValue(smsFallback, "/alternative_channel/sms/sender", "3809711122330001"), issue: "alternative_channel.sms.sender" },
    { name: "an SMS sender with a space is refused", body: withValue(smsFallback, "/alternative_channel/sms/sender", "Acme Shop"), issue: "alternative_channel.sms.sender" },
    { name: "an SMS text of 766 GSM-7 characters is refused", body: withValue(smsFallback, "/alternative_channel/sms/text", repeat(gsm7, 766)), issue: "alternative_channel.sms.text" },
    { name: "an SMS text of 356 non-GSM-7 characters is refused", body: withValue(smsFallback, "/alternative_channel/sms/text", repeat(cyrillic, 356)), issue: "alternative_channel.sms.text" },
    { name: "an SMS text of 178 emoji (356 UTF-16 units) is refused", body: withValue(smsFallback, "/alternative_channel/sms/text", emoji.repeat(178)), issue: "alternative_channel.sms.text" },
    { name: "SMS validity together with validity_seconds is refused", body: withValue(withValue(smsFallback, "/alternative_channel/sms/validity", 24), "/alternative_channel/sms/validity_seconds", 600), issue: "alternative_channel.sms.validity, alternative_channel.sms.validity_seconds" },
    { name: "an unknown field in the SMS is refused", body: withValue(smsFallback, "/alternative_channel/sms/flash", true), issue: "alternative_channel.sms.flash" },
    { name: "a callback_url of 101 characters is refused", body: withValue(minimalMessage, "/callback_url", "https://hooks.example.com/" + "h".repeat(101 - 26)), issue: "callback_url" },
    { name: "a callback_url that is not a URL is refused", body: withValue(minimalMessage, "/callback_url", "string"), issue: "callback_url" },
    { name: "a negative tariff_code is refused", body: withValue(minimalMessage, "/tariff_code", -1), issue: "tariff_code" },
    { name: "a tariff_code string is refused", body: withValue(minimalMessage, "/tariff_code", "3"), issue: "tariff_code" },
    { name: 'add_to_contact_book as the string "true" is refused', body: withValue(minimalMessage, "/add_to_contact_book", "true"), issue: "add_to_contact_book" },
    { name: "check_stop_list as a number is refused", body: withValue(minimalMessage, "/check_stop_list", 1), issue: "check_stop_list" },
    { name: "a callback_url of spaces is refused", body: withValue(minimalMessage, "/callback_url", " "), issue: "callback_url" },
    { name: "a null callback_url (not nullable anywhere) is refused", body: withValue(minimalMessage, "/callback_url", null), issue: "callback_url" },
    { name: "a null alternative_channel (nullable only on campaigns) is refused", body: withValue(minimalMessage, "/alternative_channel", null), issue: "alternative_channel" },
    { name: "a null SMS validity (not nullable anywhere) is refused", body: withValue(smsFallback, "/alternative_channel/sms/validity", null), issue: "alternative_channel.sms.validity" },
    { name: "a null validity with validity_seconds is refused: a null counts as given", body: withValue(withValue(minimalMessage, "/validity", null), "/validity_seconds", 3600), issue: "validity, validity_seconds" },
  ]),
];

export const campaignCases: RequestCase[] = [
  ...Object.entries(requestExamples("sendRcsCampaignToGroups")).map(([name, body]) => ({
    operation: "sendRcsCampaignToGroups" as const,
    name: `the spec's "${name}" example is accepted`,
    body,
    valid: true,
  })),
  ...ok("sendRcsCampaignToGroups", [
    { name: "a campaign with only the required fields is accepted", body: minimalCampaign },
    { name: "1000 groups are accepted", body: withValue(minimalCampaign, "/groups", Array.from({ length: 1000 }, (_, i) => i + 1)) },
    { name: "a start_at in the docs' format is accepted", body: withValue(minimalCampaign, "/start_at", "2026-12-31 23:59:59") },
    { name: "validity of 72 hours is accepted", body: withValue(minimalCampaign, "/validity", 72) },
    { name: "a card campaign with an SMS fallback is accepted", body: withValue(withValue(minimalCampaign, "/options", { cards: [card] }), "/alternative_channel", { sms: { text: "Sale!", sender: "AcmeShop" } }) },
    { name: "tariff_code and add_to_contact_book are accepted", body: withValue(withValue(minimalCampaign, "/tariff_code", 3), "/add_to_contact_book", false) },
    { name: "a null alternative_channel (nullable in the machine-readable description) is accepted", body: withValue(minimalCampaign, "/alternative_channel", null) },
    { name: "a null SMS validity_seconds is accepted", body: withValue(minimalCampaign, "/alternative_channel", { sms: { text: "Sale!", sender: "AcmeShop", validity_seconds: null } }) },
  ]),
  ...bad("sendRcsCampaignToGroups", [
    { name: "missing groups are refused", body: without(minimalCampaign, "/groups"), issue: "groups" },
    { name: "an empty list of groups is refused", body: withValue(minimalCampaign, "/groups", []), issue: "groups" },
    { name: "1001 groups are refused", body: withValue(minimalCampaign, "/groups", Array.from({ length: 1001 }, (_, i) => i + 1)), issue: "groups" },
    { name: "a group id of 0 is refused", body: withValue(minimalCampaign, "/groups", [0]), issue: "groups[0]" },
    { name: "a group id as a string is refused", body: withValue(minimalCampaign, "/groups", ["1204"]), issue: "groups[0]" },
    { name: "a missing sender is refused", body: without(minimalCampaign, "/sender"), issue: "sender" },
    { name: "a 41-character sender is refused", body: withValue(minimalCampaign, "/sender", "S".repeat(41)), issue: "sender" },
    { name: "missing options are refused", body: without(minimalCampaign, "/options"), issue: "options" },
    { name: "a start_at in ISO 8601 form is refused", body: withValue(minimalCampaign, "/start_at", "2026-12-10T10:00:00"), issue: "start_at" },
    { name: "a start_at in month 13 is refused", body: withValue(minimalCampaign, "/start_at", "2026-13-01 10:00:00"), issue: "start_at" },
    { name: "a start_at at hour 24 is refused", body: withValue(minimalCampaign, "/start_at", "2026-12-10 24:00:00"), issue: "start_at" },
    { name: "a start_at without seconds is refused", body: withValue(minimalCampaign, "/start_at", "2026-12-10 10:00"), issue: "start_at" },
    { name: "validity of 73 is refused", body: withValue(minimalCampaign, "/validity", 73), issue: "validity" },
    { name: "validity_seconds (single sends only) is refused", body: withValue(minimalCampaign, "/validity_seconds", 600), issue: "validity_seconds" },
    { name: "callback_url (single sends only) is refused", body: withValue(minimalCampaign, "/callback_url", "https://hooks.example.com/x"), issue: "callback_url" },
    { name: "a phone (single sends only) is refused", body: withValue(minimalCampaign, "/phone", { number: "380661231231" }), issue: "phone" },
    { name: "a tariff_code string is refused", body: withValue(minimalCampaign, "/tariff_code", "3"), issue: "tariff_code" },
    { name: "an SMS fallback without sender is refused", body: withValue(minimalCampaign, "/alternative_channel", { sms: { text: "Hi" } }), issue: "alternative_channel.sms.sender" },
    { name: "a null validity (nullable only on single sends) is refused", body: withValue(minimalCampaign, "/validity", null), issue: "validity" },
    { name: "a null tariff_code (nullable only on single sends) is refused", body: withValue(minimalCampaign, "/tariff_code", null), issue: "tariff_code" },
  ]),
];

/** `count` different numbers of 12 digits, each with a reference_id when `withReference`. */
const distinctPhones = (count: number, withReference = false): Json[] =>
  Array.from({ length: count }, (_, i) => ({
    number: String(380660000000 + i),
    ...(withReference && { reference_id: `pickup${i}` }),
  }));
const phonesFallback = withValue(minimalPhonesCampaign, "/alternative_channel", { sms: { text: "Your order is ready.", sender: "AcmeShop" } });

const phonesCampaignCases: RequestCase[] = [
  ...Object.entries(requestExamples("sendRcsCampaignToPhones")).map(([name, body]) => ({
    operation: "sendRcsCampaignToPhones" as const,
    name: `the spec's "${name}" example is accepted`,
    body,
    valid: true,
  })),
  ...ok("sendRcsCampaignToPhones", [
    { name: "a campaign with only the required fields is accepted", body: minimalPhonesCampaign },
    { name: "5000 phones, each with a reference_id, are accepted", body: withValue(minimalPhonesCampaign, "/phones", distinctPhones(5000, true)) },
    { name: "a phone with a 32-character reference_id is accepted", body: withValue(minimalPhonesCampaign, "/phones/0/reference_id", "R".repeat(32)) },
    { name: "9- and 15-digit numbers are accepted", body: withValue(minimalPhonesCampaign, "/phones", [{ number: "380661231" }, { number: "380661231231456" }]) },
    {
      name: "a number listed twice passes the schema: JSON Schema cannot compare items by one field, so only the platform refuses it",
      body: withValue(minimalPhonesCampaign, "/phones", [{ number: "380661231231", reference_id: "first1" }, { number: "380661231231", reference_id: "second2" }]),
    },
    { name: "a 40-character sender is accepted", body: withValue(minimalPhonesCampaign, "/sender", "S".repeat(40)) },
    { name: "cards are accepted as content", body: withValue(minimalPhonesCampaign, "/options", { cards: [card] }) },
    { name: "validity of 1 hour is accepted", body: withValue(minimalPhonesCampaign, "/validity", 1) },
    { name: "validity of 72 hours is accepted", body: withValue(minimalPhonesCampaign, "/validity", 72) },
    { name: "validity_seconds of 30 is accepted", body: withValue(minimalPhonesCampaign, "/validity_seconds", 30) },
    { name: "validity_seconds of 86400 is accepted", body: withValue(minimalPhonesCampaign, "/validity_seconds", 86400) },
    { name: "a start_at in the docs' format is accepted", body: withValue(minimalPhonesCampaign, "/start_at", "2026-12-31 23:59:59") },
    { name: "an SMS fallback with its own validity_seconds is accepted", body: withValue(phonesFallback, "/alternative_channel/sms/validity_seconds", 3600) },
    { name: "tariff_code 0 is accepted", body: withValue(minimalPhonesCampaign, "/tariff_code", 0) },
    { name: "add_to_contact_book and check_stop_list false are accepted", body: withValue(withValue(minimalPhonesCampaign, "/add_to_contact_book", false), "/check_stop_list", false) },
  ]),
  ...bad("sendRcsCampaignToPhones", [
    { name: "missing phones are refused", body: without(minimalPhonesCampaign, "/phones"), issue: "phones" },
    { name: "an empty list of phones is refused", body: withValue(minimalPhonesCampaign, "/phones", []), issue: "phones" },
    { name: "5001 phones are refused", body: withValue(minimalPhonesCampaign, "/phones", distinctPhones(5001)), issue: "phones" },
    { name: "a single phone object instead of a list is refused", body: withValue(minimalPhonesCampaign, "/phones", { number: "380661231231" }), issue: "phones" },
    { name: "a number given as a bare string instead of an object is refused", body: withValue(minimalPhonesCampaign, "/phones", ["380661231231"]), issue: "phones[0]" },
    { name: "a phone without number is refused", body: withValue(minimalPhonesCampaign, "/phones/0", { reference_id: "pickup1" }), issue: "phones[0].number" },
    { name: "a number with + is refused", body: withValue(minimalPhonesCampaign, "/phones/0/number", "+380661231231"), issue: "phones[0].number" },
    { name: "an 8-digit number is refused", body: withValue(minimalPhonesCampaign, "/phones/0/number", "38066123"), issue: "phones[0].number" },
    { name: "a number sent as an integer is refused", body: withValue(minimalPhonesCampaign, "/phones/0/number", 380661231231), issue: "phones[0].number" },
    { name: "a 33-character reference_id is refused", body: withValue(minimalPhonesCampaign, "/phones/0/reference_id", "r".repeat(33)), issue: "phones[0].reference_id" },
    { name: "an unknown field in a phone is refused", body: withValue(minimalPhonesCampaign, "/phones/0/name", "Olena"), issue: "phones[0].name" },
    { name: "a missing sender is refused", body: without(minimalPhonesCampaign, "/sender"), issue: "sender" },
    { name: "a 41-character sender is refused", body: withValue(minimalPhonesCampaign, "/sender", "S".repeat(41)), issue: "sender" },
    { name: "missing options are refused", body: without(minimalPhonesCampaign, "/options"), issue: "options" },
    { name: "options with both text and cards are refused", body: withValue(withValue(minimalPhonesCampaign, "/options", { cards: [card] }), "/options/text", "Both"), issue: "options" },
    { name: "validity of 0 is refused", body: withValue(minimalPhonesCampaign, "/validity", 0), issue: "validity" },
    { name: "validity of 73 is refused", body: withValue(minimalPhonesCampaign, "/validity", 73), issue: "validity" },
    { name: "validity_seconds of 29 is refused", body: withValue(minimalPhonesCampaign, "/validity_seconds", 29), issue: "validity_seconds" },
    { name: "validity_seconds of 86401 is refused", body: withValue(minimalPhonesCampaign, "/validity_seconds", 86401), issue: "validity_seconds" },
    { name: "validity together with validity_seconds is refused", body: withValue(withValue(minimalPhonesCampaign, "/validity", 24), "/validity_seconds", 600), issue: "validity, validity_seconds" },
    { name: "a null validity (nullable only on single sends) is refused", body: withValue(minimalPhonesCampaign, "/validity", null), issue: "validity" },
    { name: "a null validity_seconds (nullable only on single sends) is refused", body: withValue(minimalPhonesCampaign, "/validity_seconds", null), issue: "validity_seconds" },
    { name: "a null tariff_code (nullable only on single sends) is refused", body: withValue(minimalPhonesCampaign, "/tariff_code", null), issue: "tariff_code" },
    { name: "a null alternative_channel (nullable only on campaigns to groups) is refused", body: withValue(minimalPhonesCampaign, "/alternative_channel", null), issue: "alternative_channel" },
    { name: "an SMS fallback without sender is refused", body: without(phonesFallback, "/alternative_channel/sms/sender"), issue: "alternative_channel.sms.sender" },
    { name: "a start_at in ISO 8601 form is refused", body: withValue(minimalPhonesCampaign, "/start_at", "2026-12-10T10:00:00"), issue: "start_at" },
    { name: "a tariff_code string is refused", body: withValue(minimalPhonesCampaign, "/tariff_code", "3"), issue: "tariff_code" },
    { name: 'add_to_contact_book as the string "true" is refused', body: withValue(minimalPhonesCampaign, "/add_to_contact_book", "true"), issue: "add_to_contact_book" },
    { name: "check_stop_list as a number is refused", body: withValue(minimalPhonesCampaign, "/check_stop_list", 1), issue: "check_stop_list" },
    { name: "groups (campaigns to groups only) are refused", body: withValue(minimalPhonesCampaign, "/groups", [1204]), issue: "groups" },
    { name: "callback_url (single sends only) is refused", body: withValue(minimalPhonesCampaign, "/callback_url", "https://hooks.example.com/x"), issue: "callback_url" },
    { name: "a single send's phone object is refused", body: withValue(minimalPhonesCampaign, "/phone", { number: "380661231231" }), issue: "phone" },
  ]),
];

/** Every row of every request body. */
export const requestCases: RequestCase[] = [...messageCases, ...campaignCases, ...phonesCampaignCases];

export type ParameterOperation = "listMessages" | "getCampaign" | "stopCampaign";

export interface ParameterCase {
  operation: ParameterOperation;
  /** What the row shows, as a sentence. */
  name: string;
  /** Path parameters, by name. */
  path?: Record<string, Json>;
  /** Query parameters, by name: a deepObject parameter as an object (`{ page: { limit: 100 } }`). */
  query?: Record<string, Json>;
  valid: boolean;
  /** For invalid parameters: the one at fault, as `page.limit` or `id`. */
  issue?: string;
}

/**
 * The request line of a row: its path filled in, and its query as the platform reads it,
 * a deepObject parameter's keys in brackets (`filter[reference_id]=order10452`).
 */
export function requestPath(row: ParameterCase): string {
  const { path } = operation(row.operation);
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(row.path?.[name])));
  const pairs = Object.entries(row.query ?? {}).flatMap(([name, value]) =>
    value !== null && typeof value === "object" ? Object.entries(value).map(([key, item]) => [`${name}[${key}]`, String(item)]) : [[name, String(value)]],
  );
  return pairs.length === 0 ? filled : `${filled}?${new URLSearchParams(pairs)}`;
}

/** The HTTP method of a parameter row's operation. */
export function requestMethod(row: ParameterCase): string {
  return operation(row.operation).method.toUpperCase();
}

type ParameterRow = Omit<ParameterCase, "operation" | "valid">;
const okWith = (operationId: ParameterOperation, rows: ParameterRow[]) => rows.map((row) => ({ operation: operationId, valid: true, ...row }));
const badWith = (operationId: ParameterOperation, rows: ParameterRow[]) => rows.map((row) => ({ operation: operationId, valid: false, ...row }));

/** The named examples of one parameter of an operation, resolved. */
function parameterExamples(operationId: ParameterOperation, name: string): Record<string, Json> {
  const parameter = (operation(operationId).operation.parameters as object[]).map((p) => resolve(p as Node)).find((p) => p.name === name)!;
  return Object.fromEntries(Object.entries(parameter.examples ?? {}).map(([key, example]) => [key, resolve(example as Node).value as Json]));
}

export const parameterCases: ParameterCase[] = [
  ...Object.entries(parameterExamples("listMessages", "filter")).map(([name, filter]) => ({
    operation: "listMessages" as const,
    name: `the spec's "${name}" filter example is accepted`,
    query: { filter },
    valid: true,
  })),
  ...okWith("listMessages", [
    { name: "no parameters at all are accepted: the first 50 messages" },
    { name: "page[limit]=50 with filter[reference_id]=abc is accepted", query: { page: { limit: 50 }, filter: { reference_id: "abc" } } },
    { name: "a page of 15 is accepted", query: { page: { limit: 15 } } },
    { name: "a page of 500 is accepted", query: { page: { limit: 500 } } },
    { name: "offset 0 is accepted", query: { page: { offset: 0 } } },
    { name: "a large offset is accepted", query: { page: { limit: 500, offset: 1_000_000 } } },
    { name: "every filter together is accepted", query: { filter: { id: 918273001, campaign_id: 56024, reference_id: "otp20261201x7", from: "2026-12-01 00:00:00", to: "2026-12-01 23:59:59" } } },
    { name: "sort by id, ascending, is accepted", query: { sort: "id", way: "asc" } },
    { name: "sort by phone is accepted", query: { sort: "phone" } },
    { name: "sort by delivery time, latest first, is accepted", query: { sort: "delivered", way: "desc" } },
  ]),
  ...badWith("listMessages", [
    { name: "a page of 14 is refused", query: { page: { limit: 14 } }, issue: "page.limit" },
    { name: "a page of 501 is refused", query: { page: { limit: 501 } }, issue: "page.limit" },
    { name: "a page limit that is not a number is refused", query: { page: { limit: "all" } }, issue: "page.limit" },
    { name: "a fractional page limit is refused", query: { page: { limit: 20.5 } }, issue: "page.limit" },
    { name: "a negative offset is refused", query: { page: { offset: -1 } }, issue: "page.offset" },
    { name: "a message id of 0 is refused", query: { filter: { id: 0 } }, issue: "filter.id" },
    { name: "a campaign id of 0 is refused", query: { filter: { campaign_id: 0 } }, issue: "filter.campaign_id" },
    { name: "a reference_id with a hyphen is refused", query: { filter: { reference_id: "order-10452" } }, issue: "filter.reference_id" },
    { name: "a 33-character reference_id is refused", query: { filter: { reference_id: "r".repeat(33) } }, issue: "filter.reference_id" },
    { name: "a from date in ISO 8601 form is refused", query: { filter: { from: "2026-12-01T00:00:00" } }, issue: "filter.from" },
    { name: "a to date without a time is refused", query: { filter: { to: "2026-12-01" } }, issue: "filter.to" },
    { name: "sort by an unlisted field is refused", query: { sort: "created_at" }, issue: "sort" },
    { name: "a way other than asc or desc is refused", query: { way: "down" }, issue: "way" },
    { name: "an unknown filter key is refused", query: { filter: { phone: "380661231231" } }, issue: "filter.phone" },
    { name: "an unknown page key is refused", query: { page: { size: 100 } }, issue: "page.size" },
  ]),
  ...(["getCampaign", "stopCampaign"] as const).flatMap((operationId) => [
    ...okWith(operationId, [{ name: "a campaign id is accepted", path: { id: 56022 } }]),
    ...badWith(operationId, [
      { name: "a campaign id of 0 is refused", path: { id: 0 }, issue: "id" },
      { name: "a campaign id that is not a number is refused", path: { id: "latest" }, issue: "id" },
    ]),
  ]),
];
