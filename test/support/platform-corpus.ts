// What the platform really sends and accepts, as a table: every example its two pages and its
// machine-readable description publish (docs in /work/shared/wwt-docs: rcs-send.txt,
// rcs-campaign-send-groups.txt, PLATFORM-FACTS.md; the machine-readable description itself is
// api/openapi.yaml of the public repository bsgworld/go-sdk), and realistic variants of them
// (case, nulls, numbers as strings, extra fields, longer ids). Each row states what must happen
// to it and why; test/contract/platform-corpus.test.ts runs them. The variants of requests that
// the machine-readable description allows (`callback_url: ""`, nulls) are rows of
// test/support/request-cases.ts, with every other request rule.
import type { Operation } from "./calls.js";
import type { Json } from "./spec.js";

const json = (value: unknown) => JSON.stringify(value);

/** The send page's example request, as published (placeholders included). */
const sendPageRequest = {
  phone: { number: "380661231231", reference_id: "string" },
  sender: "string",
  options: {
    cards: [
      {
        text: "This is the first card text",
        media: { url: "https://domain.com/image.png" },
        suggestions: [
          { text: "Go to site", url: "https://domain.com/" },
          { text: "Call us", phone: "380971112233" },
        ],
      },
      {
        text: "This is the second card text",
        media: { url: "https://domain.com/image2.png" },
        suggestions: [{ text: "Go to site", url: "https://domain.com/" }],
      },
    ],
  },
  alternative_channel: { sms: { text: "string", sender: "string", validity: 72, check_stop_list: true } },
  callback_url: "string",
  tariff_code: 0,
  validity_seconds: 86400,
  add_to_contact_book: true,
  check_stop_list: true,
};

/** The campaign page's example request, as published (placeholders included). */
const campaignPageRequest = {
  groups: [0],
  sender: "Agent Name",
  options: {
    cards: [
      { text: "Go to site", media: { url: "https://domain.com/" }, suggestions: [{ text: "Go to site", url: "https://domain.com/" }] },
      { text: "string", media: { url: "string" }, suggestions: [{ text: "string", url: "string" }] },
      { text: "string", media: { url: "string" }, suggestions: [{ text: "string", phone: "string" }] },
      { title: "string", text: "string", media: { url: "string" }, suggestions: [{ text: "string", url: "string" }] },
    ],
  },
  alternative_channel: { sms: { text: "Hello, world!", sender: "string", validity: 72, check_stop_list: true } },
  start_at: "2025-01-25 09:00:00",
  tariff_code: 0,
  validity: 72,
  add_to_contact_book: true,
  check_stop_list: true,
};

export interface RequestRow {
  name: string;
  source: string;
  operation: "sendRcsMessage" | "sendRcsCampaignToGroups" | "sendRcsCampaignToPhones";
  body: object;
  /** accepted: sent by the client and answered 2xx by the mock; refused: by both, naming `issue`. */
  verdict: "accepted" | "refused";
  /** For a refused body: the field the client's validator names. */
  issue?: string;
  why: string;
}

const machineReadable = "api/openapi.yaml (bsgworld/go-sdk)";

/** The machine-readable description's "full" example of a campaign to phone numbers, as published. */
const describedPhonesRequest = {
  phones: [{ number: "380661231231", reference_id: "f2d37bf77f6242daa83f23b0cc84b627" }],
  sender: "rcs_sender",
  options: {
    cards: [
      {
        title: "The message",
        text: "Hello! ☺️",
        media: { url: "https://domain.com/video.mp4" },
        suggestions: [
          { text: "Go to site", url: "https://domain.com/", postback_data: "site" },
          { text: "Call us", phone: "380991112233", postback_data: "call" },
        ],
      },
    ],
  },
  alternative_channel: { sms: { text: "Hello! It’s just test message. Please ignore it!", sender: "testsms", validity_seconds: 30, validity: 72, check_stop_list: true } },
  start_at: "2025-04-10 09:00:00",
  tariff_code: 9,
  validity_seconds: 30,
  validity: 72,
  add_to_contact_book: true,
  check_stop_list: false,
};
const { validity: _validity, ...describedPhonesRequestOneValidity } = describedPhonesRequest;
const { validity: _smsValidity, ...describedSmsOneValidity } = describedPhonesRequest.alternative_channel.sms;

export const requestRows: RequestRow[] = [
  {
    name: "the send page's example request, as published",
    source: "rcs-send.txt",
    operation: "sendRcsMessage",
    body: sendPageRequest,
    verdict: "refused",
    issue: "callback_url",
    why: 'its callback_url is the placeholder "string", which is no URL; every other placeholder happens to fit',
  },
  {
    name: "the send page's example request, its callback_url made a URL",
    source: "rcs-send.txt",
    operation: "sendRcsMessage",
    body: { ...sendPageRequest, callback_url: "https://hooks.example.com/wwt/rcs" },
    verdict: "accepted",
    why: "cards, buttons, SMS fallback and validity_seconds as the page sends them",
  },
  {
    name: "the campaign page's example request, as published",
    source: "rcs-campaign-send-groups.txt",
    operation: "sendRcsCampaignToGroups",
    body: campaignPageRequest,
    verdict: "refused",
    issue: "groups[0]",
    why: 'list id 0 names no list, and its media and button URLs and phone are the placeholder "string"',
  },
  {
    name: "the campaign page's example request, its placeholders made real",
    source: "rcs-campaign-send-groups.txt",
    operation: "sendRcsCampaignToGroups",
    body: {
      ...campaignPageRequest,
      groups: [1204],
      options: {
        cards: [
          campaignPageRequest.options.cards[0],
          { text: "Second card", media: { url: "https://domain.com/2.png" }, suggestions: [{ text: "Call us", phone: "380971112233" }] },
        ],
      },
    },
    verdict: "accepted",
    why: "start_at, validity, tariff_code 0, add_to_contact_book and an SMS fallback as the page sends them",
  },
  {
    name: "the machine-readable description's simple text to one phone number",
    source: machineReadable,
    operation: "sendRcsCampaignToPhones",
    body: { phones: [{ number: "380661231231" }], sender: "rcs_sender", options: { text: "Hello! ☺️" } },
    verdict: "accepted",
    why: "one phone without a reference_id, plain text with an emoji",
  },
  {
    name: "the machine-readable description's full campaign to phone numbers, as published",
    source: machineReadable,
    operation: "sendRcsCampaignToPhones",
    body: describedPhonesRequest,
    verdict: "refused",
    issue: "validity, validity_seconds",
    why: "it gives validity and validity_seconds together, in the campaign and in its SMS; only one of them may be given",
  },
  {
    name: "the machine-readable description's full campaign to phone numbers, with one validity each",
    source: machineReadable,
    operation: "sendRcsCampaignToPhones",
    body: {
      ...describedPhonesRequestOneValidity,
      alternative_channel: { sms: describedSmsOneValidity },
    },
    verdict: "accepted",
    why: "cards with both kinds of button, an SMS fallback, start_at, tariff_code and the two switches as it sends them",
  },
  {
    name: "the machine-readable description's schema example of a campaign to phone numbers",
    source: machineReadable,
    operation: "sendRcsCampaignToPhones",
    body: {
      check_stop_list: true,
      sender: "rcs_sender",
      tariff_code: 9,
      options: { text: "Hello! Test message" },
      phones: Array(5).fill({ number: "380661231231", reference_id: "f2d37bf77f6242daa83f23b0cc84b627" }),
      alternative_channel: { sms: { check_stop_list: true, sender: "testsms", text: "Hello! It’s just test message. Please ignore it!", validity: 43 } },
      validity: 43,
      start_at: "2000-01-23T04:56:07.000+00:00",
      add_to_contact_book: true,
    },
    verdict: "refused",
    issue: "start_at",
    why: "its start_at is ISO 8601, not yyyy-mm-dd hh:mm:ss; it also names one number five times, which only the platform can refuse",
  },
];

export interface AnswerRow {
  name: string;
  /** Where the row comes from: a page, the machine-readable description, or a variant of one. */
  source: string;
  operation: Operation;
  /** The answer's status code; 200 when not given. */
  status?: number;
  /** The answer's body as sent: JSON, except where the row is about a body that is not. */
  text: string;
  /**
   * accepted: the schema of the answer's status takes it, Prism as a validating proxy finds no
   * fault in it, and the client (for an operation it has a method for) hands `data` over
   * unchanged; refused: none of them.
   */
  verdict: "accepted" | "refused";
  /**
   * Where the client's verdict differs from the schema's: the client checks only that a success
   * is JSON holding `data` of the right kind, and hands over the rest as it came.
   */
  clientVerdict?: "accepted";
  why: string;
}

const sendPageAnswer = {
  data: {
    id: 0,
    reference_id: "string",
    source: "rest",
    type: "rcs",
    phone: 0,
    status: "string",
    validity: 0,
    amount: { value: "string", currency: "UAH" },
    sender: "string",
    created_at: "2025-01-25 09:00:00",
    sent_at: "2025-01-25 09:00:00",
    delivered_at: "2025-01-25 09:00:00",
  },
};

const campaignPageAnswer = {
  data: {
    id: 1,
    name: "string",
    sender: "string",
    status: "creation",
    message_type: "rcs",
    start_at: "2021-04-27 19:44:06",
    real_start_at: "2021-04-27 19:44:06",
    finished_at: "2021-04-27 19:44:06",
    created_at: "2021-04-27 19:44:06",
    statistics: { delivered: 0, sent: 0 },
    calculated_price: 123.4,
    alternative_channels: { sms: { statistic: { delivered: 0, sent: 0 } } },
  },
};

/** The machine-readable description's send-groups answer: the fields PLATFORM-FACTS lists, the rest as the page's. */
const describedCampaignAnswer = {
  data: {
    ...campaignPageAnswer.data,
    status: "done",
    real_start_at: null,
    finished_at: null,
    currency: "USD",
    calculated_price: 0.0175696,
    alternative_channels: null,
  },
};

/** The machine-readable description's single-send answer: the fields PLATFORM-FACTS lists, the rest as the page's. */
const describedSendAnswer = {
  data: {
    ...sendPageAnswer.data,
    id: 918273005,
    reference_id: null,
    phone: 380661231231,
    status: "accepted",
    amount: { value: "1.2079098", currency: "USD" },
    sent_at: null,
    delivered_at: null,
  },
};

const message = (data: Record<string, Json>) => ({ data: { ...describedSendAnswer.data, ...data } });
const campaign = (data: Record<string, Json>) => ({ data: { ...describedCampaignAnswer.data, ...data } });
const variant = "variant of the machine-readable description's example";

export const answerRows: AnswerRow[] = [
  {
    name: "the send page's example answer",
    source: "rcs-send.txt",
    operation: "sendRcsMessage",
    text: json(sendPageAnswer),
    verdict: "accepted",
    why: "its placeholders (id 0, status \"string\") have the declared types; answers are not held to request limits",
  },
  {
    name: "the machine-readable description's single-send answer",
    source: "PLATFORM-FACTS.md",
    operation: "sendRcsMessage",
    text: json(describedSendAnswer),
    verdict: "accepted",
    why: "reference_id, sent_at and delivered_at are null until known; a price may have seven decimals and be in USD",
  },
  ...(
    [
      ["a status in capitals", { status: "DELIVERED" }, "the prose writes statuses in capitals; statuses are open"],
      ["a status this version does not list", { status: "not_delivered_yet" }, "statuses are chosen by the server and may be added"],
      ["a source this version does not list", { source: "api" }, "sources are chosen by the server and may be added"],
      ["a 36-character reference_id", { reference_id: "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f" }, "an echo of what was sent; no limit is imposed on answers"],
      ["a currency in lower case", { amount: { value: "0.85", currency: "usd" } }, "the currency is text the server writes; compare it without regard to case"],
      ["fields this description does not list", { channel: "rcs", operator: { name: "Kyivstar" } }, "answers tolerate fields added later"],
      ["a delivered message, with both dates", { status: "delivered", sent_at: "2026-12-01 09:30:01", delivered_at: "2026-12-01 09:30:04" }, "dates are strings once known"],
    ] satisfies Array<[string, Record<string, Json>, string]>
  ).map(([name, data, why]) => ({ name, source: variant, operation: "sendRcsMessage" as const, text: json(message(data)), verdict: "accepted" as const, why })),
  {
    name: "an answer without type and validity",
    source: "variant of the send page's example",
    operation: "sendRcsMessage",
    text: json({ data: Object.fromEntries(Object.entries(describedSendAnswer.data).filter(([key]) => key !== "type" && key !== "validity")) }),
    verdict: "accepted",
    why: "the page's table lists neither, only its example has them",
  },
  {
    name: "the campaign page's example answer",
    source: "rcs-campaign-send-groups.txt",
    operation: "sendRcsCampaignToGroups",
    text: json(campaignPageAnswer),
    verdict: "accepted",
    why: "finished_at is a date and the SMS counts are under `statistic`, as the page's example has them",
  },
  {
    name: "the machine-readable description's send-groups answer",
    source: "PLATFORM-FACTS.md",
    operation: "sendRcsCampaignToGroups",
    text: json(describedCampaignAnswer),
    verdict: "accepted",
    why: "status done, null start and end, an extra currency, a fractional price and alternative_channels null",
  },
  ...(
    [
      ["alternative_channels as an empty list", { alternative_channels: [] }, "the campaign-details answer shows [] (an empty object, as PHP writes it)"],
      ["no price estimate", { calculated_price: null }, "the machine-readable description marks calculated_price nullable"],
      ["a whole-number price", { calculated_price: 0 }, "a float written without decimals is still a number"],
      ["SMS counts under `statistics`", { alternative_channels: { sms: { statistics: { delivered: 3, sent: 5 } } } }, "the page's table names them so"],
      ["a status in capitals", { status: "DONE" }, "the prose writes statuses in capitals; statuses are open"],
      ["a status this version does not list", { status: "archived" }, "campaign statuses are chosen by the server and may be added"],
      ["fields this description does not list", { type: "instant", groups: [1204] }, "answers tolerate fields added later"],
    ] satisfies Array<[string, Record<string, Json>, string]>
  ).map(([name, data, why]) => ({ name, source: variant, operation: "sendRcsCampaignToGroups" as const, text: json(campaign(data)), verdict: "accepted" as const, why })),
  ...(
    [
      ["a phone as a string of digits", { phone: "380661231231" }, "the status pages type the number as a string, the example as an integer"],
      ["a price as a JSON number", { amount: { value: 1.2079098, currency: "USD" } }, "a decimal string in the examples, a float elsewhere on the platform"],
    ] satisfies Array<[string, Record<string, Json>, string]>
  ).map(([name, data, why]) => ({ name, source: variant, operation: "sendRcsMessage" as const, text: json(message(data)), verdict: "accepted" as const, why })),
  {
    name: "the single-send answer with status 201",
    source: variant,
    operation: "sendRcsMessage",
    status: 201,
    text: json(describedSendAnswer),
    verdict: "accepted",
    why: "other operations of the platform answer a creation with 201; 200 and 201 carry the same body",
  },
  {
    name: "the send-groups answer with status 201",
    source: variant,
    operation: "sendRcsCampaignToGroups",
    status: 201,
    text: json(describedCampaignAnswer),
    verdict: "accepted",
    why: "other operations of the platform answer a creation with 201; 200 and 201 carry the same body",
  },
  ...newOperationRows(),
  ...(
    [
      ["sendRcsMessage", "an answer without data", json({ message: "Accepted" }), "the message the call created is not in it"],
      ["sendRcsMessage", "data that is null", json({ data: null }), "the message the call created is not in it"],
      ["sendRcsCampaignToGroups", "data that is a string", json({ data: "created" }), "a campaign is an object"],
      ["sendRcsMessage", "an HTML page from a proxy", "<html><body>502 Bad Gateway</body></html>", "not JSON at all"],
      ["sendRcsCampaignToGroups", "an empty body", "", "not JSON at all"],
    ] satisfies Array<[Operation, string, string, string]>
  ).map(([operation, name, text, why]) => ({ name, source: "not an answer", operation, text, verdict: "refused" as const, why })),
];

export interface CallbackRow {
  name: string;
  source: string;
  /** The body as the platform POSTs it. */
  text: string;
  /**
   * What the receiver makes of it: a report of a kind, with the fields it hands on (those
   * given here are checked), or the status code refusing it.
   */
  verdict: { kind: "status" | "click"; fields: Record<string, unknown> } | { refused: 400 | 413 };
  /** Whether the spec's callback schema of that kind takes the payload as it was sent. */
  schema: boolean;
  why: string;
}

/** A status change in the shape PLATFORM-FACTS lists: `id` a string, as the examples send it. */
const statusChange = {
  error: 0,
  errorDescription: "",
  id: "918273001",
  msisdn: "380661231231",
  reference: "otp20261201x7",
  time_in: "2026-12-01 09:30:00",
  time_sent: "2026-12-01 09:30:01",
  time_dr: "2026-12-01 09:30:04",
  status: "delivered",
  price: "0.85",
  currency: "UAH",
};

/** A click in the shape PLATFORM-FACTS lists, its time in the ISO-like form of the click example. */
const click = {
  id: "918273003",
  reference: "winterpromo0042",
  msisdn: "447700900123",
  text: "View scarf",
  postback: "view_scarf",
  time_click: "2026-12-01T09:41:17+02:00",
};

const statusVariant = (changes: Record<string, unknown>) => json({ ...statusChange, ...changes });
const described = "PLATFORM-FACTS.md (callbacks)";
const statusOf = "variant of a status change";

export const callbackRows: CallbackRow[] = [
  {
    name: "a status change as the platform describes it",
    source: described,
    text: json(statusChange),
    verdict: { kind: "status", fields: { ...statusChange, id: "918273001", error: 0, raw: statusChange } },
    schema: true,
    why: "every field in its documented form",
  },
  {
    name: "a click as the platform describes it",
    source: described,
    text: json(click),
    verdict: { kind: "click", fields: { ...click, raw: click } },
    schema: true,
    why: "every field in its documented form",
  },
  ...(
    [
      ["an integer id", { id: 918273001 }, { id: "918273001" }, true, "the id is declared an integer; it is handed on as a string either way"],
      ["an id longer than a JavaScript number holds", { id: "91827300191827300191827" }, { id: "91827300191827300191827" }, true, "a string id passes as it is, digit for digit"],
      ["an id that is not digits", { id: "msg-7f9c2b1e" }, { id: "msg-7f9c2b1e" }, true, "an id names the message, whatever its form"],
      ["a status in capitals", { status: "DELIVERED" }, { status: "delivered" }, true, "the campaign page's prose writes statuses in capitals"],
      ["a status in mixed case", { status: "Expired" }, { status: "expired" }, true, "known statuses arrive in lower case, whatever their case"],
      ["a status with spaces around it", { status: " sent " }, { status: "sent" }, true, "spaces carry no meaning"],
      ["a status this version does not list", { status: "NOT_DELIVERED_YET" }, { status: "not_delivered_yet" }, true, "an unknown status is handed on, unrecognised, never refused"],
      ["not_rcs_user", { status: "not_rcs_user" }, { status: "not_rcs_user" }, true, "the campaign statistics count it; listed as final"],
      ["a null price", { price: null }, { price: null }, true, "nothing charged"],
      ["an empty price", { price: "" }, { price: null }, true, "nothing charged"],
      ["a numeric price", { price: 0.0175696 }, { price: "0.0175696" }, true, "the machine-readable description calls it a float-formatted value"],
      ["a tiny numeric price", { price: 1e-7 }, { price: "0.0000001" }, true, "written as plain decimals, never with an exponent"],
      ["a currency in lower case", { currency: "usd" }, { currency: "USD" }, true, "ISO 4217 codes are capitals"],
      ["a null currency", { currency: null }, { currency: null }, true, "no price, no currency"],
      ["an error code as a string", { error: "0" }, { error: 0 }, true, "numbers may arrive as strings"],
      ["an error code that is not a number", { error: "E42" }, { error: null }, true, "unusable as a code, kept in raw"],
      ["a UUID reference", { reference: "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f" }, { reference: "7f9c2b1e-4d3a-4c5b-9e8f-0a1b2c3d4e5f" }, true, "the machine-readable description sets no length"],
      ["a numeric reference", { reference: 10452 }, { reference: "10452" }, false, "numbers may arrive as strings, and strings as numbers; the schema says string"],
      ["an msisdn with a +", { msisdn: "+380661231231" }, { msisdn: "380661231231" }, true, "numbers are handed on as digits"],
      ["an integer msisdn", { msisdn: 380661231231 }, { msisdn: "380661231231" }, true, "numbers may arrive as integers"],
      ["no time_sent or time_dr yet", { time_sent: null, time_dr: null, status: "accepted" }, { time_sent: null, time_dr: null }, true, "not sent, no report yet"],
      ["ISO-like dates", { time_in: "2026-12-01T09:30:00.250Z" }, { time_in: "2026-12-01T09:30:00.250Z" }, true, "the click example uses this form; dates pass as sent"],
      ["a date as a number", { time_dr: 1764581404 }, { time_dr: null }, false, "not a date the platform documents; kept in raw"],
      ["fields this description does not list", { channel: "rcs", attempts: [1, 2] }, {}, true, "kept in raw"],
      ["no status at all, but status-change fields", { status: undefined }, { status: "" }, false, "a report that names a message is never lost: an unrecognised status"],
    ] satisfies Array<[string, Record<string, unknown>, Record<string, unknown>, boolean, string]>
  ).map(([name, changes, fields, schema, why]) => ({
    name,
    source: statusOf,
    text: statusVariant(changes),
    verdict: { kind: "status" as const, fields },
    schema,
    why,
  })),
  {
    name: "a status change with click fields too",
    source: statusOf,
    text: json({ ...statusChange, ...click, status: "read" }),
    verdict: { kind: "status", fields: { status: "read", id: "918273003" } },
    schema: true,
    why: "a report with a status is a status change",
  },
  {
    name: "an id and nothing else",
    source: statusOf,
    text: json({ id: 918273001 }),
    verdict: { kind: "status", fields: { id: "918273001", status: "", msisdn: null, price: null } },
    schema: false,
    why: "it names a message, so it is acknowledged; neither a status nor click fields",
  },
  ...(
    [
      ["a click with an integer id", { id: 918273003 }, { id: "918273003" }, true, "as for status changes"],
      ["no postback", { postback: null }, { postback: null }, true, "a button without postback_data"],
      ["no postback key at all", { postback: undefined }, { postback: null }, true, "a button without postback_data"],
      ["a button label over 25 characters", { text: "Order the winter collection now" }, { text: "Order the winter collection now" }, true, "labels pass as sent"],
      ["a time in the status callbacks' form", { time_click: "2026-12-01 09:41:17" }, { time_click: "2026-12-01 09:41:17" }, true, "dates pass as sent"],
      ["a click whose msisdn has a +", { msisdn: "+447700900123" }, { msisdn: "447700900123" }, true, "numbers are handed on as digits"],
      ["only a postback", { text: undefined, time_click: undefined }, { postback: "view_scarf", text: null }, true, "any click field makes a click"],
    ] satisfies Array<[string, Record<string, unknown>, Record<string, unknown>, boolean, string]>
  ).map(([name, changes, fields, schema, why]) => ({
    name,
    source: "variant of a click",
    text: json({ ...click, ...changes }),
    verdict: { kind: "click" as const, fields },
    schema,
    why,
  })),
  {
    name: "a __proto__ key at the top and deeper down",
    source: "hostile",
    text: `{"__proto__":{"polluted":true},"id":"1","status":"sent","extra":{"constructor":{"prototype":{"polluted":true}},"kept":1}}`,
    verdict: { kind: "status", fields: { id: "1", status: "sent", raw: { id: "1", status: "sent", extra: { kept: 1 } } } },
    schema: true,
    why: "the keys are dropped at any depth; the report itself is kept",
  },
  ...(
    [
      ["a body that is not JSON", "status=delivered&id=1", "form fields are not a report"],
      ["a truncated body", json(statusChange).slice(0, 40), "half a report is not a report"],
      ["JSON null", "null", "not an object"],
      ["a JSON array of reports", json([statusChange]), "not an object"],
      ["a JSON string", json(json(statusChange)), "not an object"],
      ["a JSON number", "918273001", "not an object"],
      ["an empty object", "{}", "no id: it names no message"],
      ["a report without id", statusVariant({ id: undefined }), "no id: it names no message"],
      ["a null id", statusVariant({ id: null }), "no id: it names no message"],
      ["an empty id", statusVariant({ id: "" }), "no id: it names no message"],
      ["an id that is an object", statusVariant({ id: { value: 1 } }), "no usable id"],
    ] satisfies Array<[string, string, string]>
  ).map(([name, text, why]) => ({ name, source: "not a report", text, verdict: { refused: 400 as const }, schema: false, why })),
  {
    name: "a report padded past 64 KiB",
    source: "not a report",
    text: statusVariant({ padding: "x".repeat(64 * 1024) }),
    verdict: { refused: 413 },
    schema: true,
    why: "over the receiver's default size limit, however valid; refused without reading on",
  },
];

/**
 * The answers of the operations beyond the two sends, from the machine-readable description,
 * with variants. The client has no method for these operations yet, so their rows go through
 * the schemas and Prism only.
 */
function newOperationRows(): AnswerRow[] {
  const fromDescription = machineReadable;
  const ofDescription = "variant of the machine-readable description's example";

  // The answer to POST /api/campaigns/rcs/send: an RCS campaign, already `done`, its start three
  // hours before its creation (the two dates are written in different time zones there).
  const phonesCampaign = {
    data: {
      id: 53708808,
      name: "RCS api campaign / 2025-04-14 13:43:13",
      sender: "rcs_sender",
      status: "done",
      message_type: "rcs",
      start_at: "2025-04-14 10:43:13",
      real_start_at: null,
      finished_at: null,
      created_at: "2025-04-14 13:43:13",
      statistics: { delivered: 0, sent: 0 },
      calculated_price: 0.0175696,
      currency: "USD",
      alternative_channels: null,
    },
  };
  // The answer to GET /api/campaigns/{id}: an SMS campaign of the account, with no estimate.
  const foundCampaign = {
    data: {
      id: 53651994,
      name: "SMS api campaign / 2024-04-03 12:14:49",
      sender: "testsms",
      status: "done",
      message_type: "sms",
      start_at: "2024-04-03 12:14:49",
      real_start_at: "2024-04-03 12:15:06",
      finished_at: "2024-04-03 12:15:07",
      created_at: "2024-04-03 12:14:49",
      statistics: { delivered: 7, sent: 10 },
      calculated_price: 0,
      currency: null,
      alternative_channels: null,
    },
  };
  // The answer to PATCH /api/campaigns/{id}/stop.
  const stoppedCampaign = {
    data: {
      id: 53703420,
      name: "SMS api campaign / 2025-03-11 14:13:11",
      sender: "Vet klinika",
      status: "stopped",
      message_type: "sms",
      start_at: "2025-04-01 00:00:00",
      real_start_at: null,
      finished_at: null,
      created_at: "2025-03-11 14:13:11",
      statistics: { delivered: 0, sent: 3 },
      calculated_price: 0,
      currency: null,
      alternative_channels: null,
    },
  };
  // The answer to GET /api/messages: one SMS sent from the web interface.
  const listedSms = {
    id: 4419393338,
    campaign_id: 58982653,
    reference_id: null,
    type: "sms",
    source: "web",
    text: "Test",
    phone: 380981171206,
    validity: 72,
    status: "delivered",
    amount: { value: "0.0100000", currency: "UAH" },
    sender: "testsms",
    created_at: "2025-03-20 05:11:15",
    sent_at: "2025-03-20 05:11:16",
    delivered_at: "2025-03-20 05:11:21",
    country: "UA",
    parts: 1,
  };
  const list = (data: Json[], total = data.length) => ({ data, meta: { page: { limit: 30, offset: 0, total } } });
  const listed = (changes: Record<string, Json | undefined>) => json(list([{ ...listedSms, ...changes } as Json]));
  // The schema example of a listed message: an RCS content and the SMS sent in its place.
  const listedWithFallback = {
    ...listedSms,
    id: 26130,
    campaign_id: 53651994,
    reference_id: "f2d37bf77f6242daa83f23b0cc84b627",
    source: "rest",
    text: "Hello! It’s just test message. Please ignore it!",
    phone: 380661231231,
    validity: 6,
    status: "scheduled",
    amount: { value: "0.10", currency: "USD" },
    rcs_options: { text: "Hello! Test message" },
    alternative_channels: { sms: { parts: 1, id: [12345] } },
  };

  type Row = [operation: Operation, name: string, status: number, text: string, verdict: "accepted" | "refused", source: string, why: string];
  const rows: Row[] = [
    ["sendRcsCampaignToPhones", "the machine-readable description's answer", 200, json(phonesCampaign), "accepted", fromDescription, "the campaign object of the sends: done at once, null dates, a fractional price in USD"],
    ["sendRcsCampaignToPhones", "the same answer with status 201", 201, json(phonesCampaign), "accepted", ofDescription, "200 and 201 carry the same body"],
    ["sendRcsCampaignToPhones", "its duplicate-request answer", 429, json({ message: "Too many duplicate request detected" }), "accepted", fromDescription, "the platform's 429 body"],
    ["sendRcsCampaignToPhones", "a 422 with errors per phone", 422, json({ message: "The given data was invalid.", errors: { "phones.0.number": ["This value is too long. It should have 15 characters or less."] } }), "accepted", fromDescription, "errors per field, as the platform's other campaign answers show them"],
    ["getCampaign", "the machine-readable description's answer", 200, json(foundCampaign), "accepted", fromDescription, "an SMS campaign is found too; a looked-up campaign has calculated_price 0 and currency null"],
    ["getCampaign", "alternative_channels as an empty list", 200, json({ data: { ...foundCampaign.data, alternative_channels: [] } }), "accepted", ofDescription, "the campaign-details answer shows [] (an empty object, as PHP writes it)"],
    ["getCampaign", "SMS fallback counts", 200, json({ data: { ...foundCampaign.data, alternative_channels: { sms: { statistics: { delivered: 2, sent: 3 } } } } }), "accepted", ofDescription, "a campaign with a fallback counts its SMS"],
    ["getCampaign", "no currency at all", 200, json({ data: { ...foundCampaign.data, currency: undefined } }), "accepted", ofDescription, "the send-groups page lists no currency"],
    ["getCampaign", "no estimate at all", 200, json({ data: { ...foundCampaign.data, calculated_price: null } }), "accepted", ofDescription, "calculated_price is marked nullable"],
    ["getCampaign", "a channel this version does not list", 200, json({ data: { ...foundCampaign.data, message_type: "telegram" } }), "accepted", ofDescription, "channels are chosen by the server and may be added"],
    ["getCampaign", "a status in capitals", 200, json({ data: { ...foundCampaign.data, status: "STOPPED" } }), "accepted", ofDescription, "the prose writes statuses in capitals; statuses are open"],
    ["getCampaign", "its 404", 404, json({ message: "Not Found" }), "accepted", fromDescription, "the platform's 404 body"],
    ["getCampaign", "a 404 with a list of errors", 404, json({ message: "Not Found", errors: ["Campaign not found"] }), "accepted", ofDescription, "the platform's other 404s add errors as a list"],
    ["getCampaign", "data that is null", 200, json({ data: null }), "refused", "not an answer", "the campaign asked for is not in it"],
    ["stopCampaign", "the machine-readable description's answer", 200, json(stoppedCampaign), "accepted", fromDescription, "stopped, with currency null and calculated_price 0"],
    ["stopCampaign", "the same answer with status 201", 201, json(stoppedCampaign), "accepted", ofDescription, "200 and 201 carry the same body"],
    ["stopCampaign", "its 422 for a campaign that cannot be stopped", 422, json({ message: "Invalid campaign status", errors: [] }), "accepted", fromDescription, "errors is an empty list"],
    ["stopCampaign", "the 422 of its schema example", 422, json({ message: "Invalid campaign status", errors: ["", ""] }), "accepted", fromDescription, "a list of (empty) messages"],
    ["stopCampaign", "its 404", 404, json({ message: "Not Found" }), "accepted", ofDescription, "the platform's 404 body"],
    ["listMessages", "the machine-readable description's answer", 200, json(list([listedSms])), "accepted", fromDescription, "an SMS from the web interface: phone an integer, a seven-decimal price in a string, campaign_id, reference_id null"],
    ["listMessages", "the schema example of a listed message", 200, json(list([listedWithFallback], 1)), "accepted", fromDescription, "rcs_options and the ids of the SMS sent in its place"],
    ["listMessages", "a phone as a string of digits", 200, listed({ phone: "380981171206" }), "accepted", ofDescription, "the status pages type the number as a string"],
    ["listMessages", "a price as a JSON number", 200, listed({ amount: { value: 0.01, currency: "UAH" } }), "accepted", ofDescription, "a decimal string in the example, a float elsewhere"],
    ["listMessages", "an RCS message with cards", 200, listed({ type: "rcs", source: "rest", text: null, rcs_options: { cards: [{ title: "Sale", media: { url: "https://domain.com/a.png" }, suggestions: [{ type: "link", text: "Go", url: "https://domain.com/" }] }] } }), "accepted", ofDescription, "the content as it was sent, with the optional button type"],
    ["listMessages", "a WhatsApp message", 200, listed({ type: "whatsapp" }), "accepted", ofDescription, "every channel of the account is listed"],
    ["listMessages", "a channel this version does not list", 200, listed({ type: "telegram" }), "accepted", ofDescription, "channels are chosen by the server and may be added"],
    ["listMessages", "a source this version does not list", 200, listed({ source: "chatbot" }), "accepted", ofDescription, "sources are chosen by the server and may be added"],
    ["listMessages", "a status in capitals", 200, listed({ status: "DELIVERED" }), "accepted", ofDescription, "statuses are open"],
    ["listMessages", "no campaign, country or parts", 200, listed({ campaign_id: null, country: undefined, parts: undefined }), "accepted", ofDescription, "a message sent on its own; the fields the send answer lacks may be missing"],
    ["listMessages", "alternative_channels as an empty list", 200, listed({ alternative_channels: [] }), "accepted", ofDescription, "an empty object, as PHP writes it"],
    ["listMessages", "fields this description does not list", 200, listed({ operator: "Kyivstar", segments: [1] }), "accepted", ofDescription, "answers tolerate fields added later"],
    ["listMessages", "an empty page", 200, json(list([], 0)), "accepted", ofDescription, "no message matches"],
    ["listMessages", "a list without meta", 200, json({ data: [listedSms] }), "refused", "not an answer", "without meta.page, nothing says whether more pages follow"],
    ["listMessages", "data that is an object", 200, json({ data: listedSms, meta: list([]).meta }), "refused", "not an answer", "the messages come as a list"],
    ["listMessages", "a message without id", 200, listed({ id: undefined }), "refused", "not an answer", "a message without its id cannot be told apart"],
  ];
  // The client hands these over as they came: a list is a list, whatever its messages lack.
  const handedOver = new Set(["a list without meta", "a message without id"]);
  return rows.map(([operation, name, status, text, verdict, source, why]) => ({
    name,
    source,
    operation,
    status,
    text,
    verdict,
    why,
    ...(operation === "listMessages" && handedOver.has(name) ? { clientVerdict: "accepted" as const } : {}),
  }));
}
