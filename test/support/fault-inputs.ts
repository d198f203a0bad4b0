// Bad input for both send methods, as fast-check arbitraries: any JSON or JavaScript value,
// a wrong type in any field, prototype-pollution keys, 1 MB strings and 10,000-level nesting.
// The bad-input suite checks that each ends in a WwtRequestValidationError naming the field; the
// secrets suite samples the same inputs to check that no such error shows a credential.
import fc from "fast-check";
import { pointerKeys } from "../../src/json-pointer.js";
import type { BodyOperation } from "./calls.js";
import { withValue } from "./request-cases.js";

/** The sends whose bodies the bad inputs start from. */
export type SendOperation = Extract<BodyOperation, "sendRcsMessage" | "sendRcsCampaignToGroups">;

export const seed = 20261201;

/** A valid message that uses every field, so that every pointer below exists. */
export const fullMessage = {
  phone: { number: "380661231231", reference_id: "order10452" },
  sender: "Acme Shop",
  options: {
    cards: [
      {
        title: "Wool scarf",
        text: "Soft merino.",
        media: { url: "https://shop.example.com/img/scarf.jpg" },
        suggestions: [
          { text: "View", url: "https://shop.example.com/p/scarf", postback_data: "scarf" },
          { text: "Call us", phone: "380661231231" },
        ],
      },
    ],
  },
  validity: 24,
  alternative_channel: { sms: { text: "Your parcel is on its way.", sender: "AcmeShop", validity: 24, check_stop_list: true } },
  callback_url: "https://hooks.example.com/wwt/rcs",
  tariff_code: 0,
  add_to_contact_book: true,
  check_stop_list: true,
};

export const textMessage = { phone: { number: "380661231231" }, sender: "Acme Shop", options: { text: "Your parcel is on its way." } };

/** A valid campaign that uses every field. */
export const fullCampaign = {
  groups: [1204, 1205],
  sender: "Acme Shop",
  options: { text: "Winter sale starts now." },
  start_at: "2026-12-01 09:30:00",
  validity: 24,
  alternative_channel: { sms: { text: "Winter sale starts now.", sender: "AcmeShop" } },
  tariff_code: 0,
  add_to_contact_book: false,
  check_stop_list: true,
};

export const validBodies: Record<SendOperation, object[]> = {
  sendRcsMessage: [fullMessage, textMessage],
  sendRcsCampaignToGroups: [fullCampaign],
};

type JsonType = "string" | "integer" | "boolean" | "object" | "array";

export interface Field {
  operation: SendOperation;
  base: object;
  pointer: string;
  type: JsonType;
}

const field = (operation: SendOperation, base: object, type: JsonType, pointers: string[]): Field[] =>
  pointers.map((pointer) => ({ operation, base, pointer, type }));

/** Every field of both bodies, with its JSON type. */
export const fields: Field[] = [
  ...field("sendRcsMessage", fullMessage, "object", [
    "/phone",
    "/options",
    "/options/cards/0",
    "/options/cards/0/media",
    "/options/cards/0/suggestions/0",
    "/alternative_channel",
    "/alternative_channel/sms",
  ]),
  ...field("sendRcsMessage", fullMessage, "array", ["/options/cards", "/options/cards/0/suggestions"]),
  ...field("sendRcsMessage", fullMessage, "string", [
    "/phone/number",
    "/phone/reference_id",
    "/sender",
    "/options/cards/0/title",
    "/options/cards/0/text",
    "/options/cards/0/media/url",
    "/options/cards/0/suggestions/0/text",
    "/options/cards/0/suggestions/0/url",
    "/options/cards/0/suggestions/0/postback_data",
    "/options/cards/0/suggestions/1/phone",
    "/alternative_channel/sms/text",
    "/alternative_channel/sms/sender",
    "/callback_url",
  ]),
  ...field("sendRcsMessage", textMessage, "string", ["/options/text"]),
  ...field("sendRcsMessage", fullMessage, "integer", ["/validity", "/alternative_channel/sms/validity", "/tariff_code"]),
  ...field("sendRcsMessage", fullMessage, "boolean", ["/alternative_channel/sms/check_stop_list", "/add_to_contact_book", "/check_stop_list"]),
  ...field("sendRcsCampaignToGroups", fullCampaign, "object", ["/options", "/alternative_channel", "/alternative_channel/sms"]),
  ...field("sendRcsCampaignToGroups", fullCampaign, "array", ["/groups"]),
  ...field("sendRcsCampaignToGroups", fullCampaign, "string", ["/sender", "/options/text", "/start_at", "/alternative_channel/sms/text"]),
  ...field("sendRcsCampaignToGroups", fullCampaign, "integer", ["/groups/0", "/validity", "/tariff_code"]),
  ...field("sendRcsCampaignToGroups", fullCampaign, "boolean", ["/add_to_contact_book", "/check_stop_list"]),
];

/** The fields of `fields` that also take `null` (the machine-readable description marks them nullable). */
const nullable = new Set(["sendRcsMessage /validity", "sendRcsMessage /tariff_code", "sendRcsCampaignToGroups /alternative_channel"]);

export const objectFields = fields.filter((f) => f.type === "object");
export const stringFields = fields.filter((f) => f.type === "string");

/** Whether `value` has the JSON type `type`, as JSON Schema judges it. */
export function hasType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
  }
}

/** `/options/cards/0/title` → `options.cards[0].title`, as the client names a field. */
export function pathOf(pointer: string): string {
  return pointerKeys(pointer)
    .map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join("");
}


/** Every kind of JavaScript value fast-check makes, the exotic ones included. */
export const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

export interface BadInput {
  operation: SendOperation;
  body: unknown;
  /** The field the error must name (`(body)` for the body itself); undefined when any will do. */
  names?: string;
}

const operation = fc.constantFrom<SendOperation>("sendRcsMessage", "sendRcsCampaignToGroups");

export const anyJsonBody: fc.Arbitrary<BadInput> = fc.record({ operation, body: fc.jsonValue() });

export const anyJavaScriptBody: fc.Arbitrary<BadInput> = fc.record({ operation, body: anyValue });

export const wrongType: fc.Arbitrary<BadInput> = fc
  .constantFrom(...fields)
  .chain((f) =>
    anyValue
      .filter((value) => value !== undefined && !hasType(value, f.type) && !(value === null && nullable.has(`${f.operation} ${f.pointer}`)))
      .map((value) => ({ operation: f.operation, body: withValue(f.base, f.pointer, value), names: pathOf(f.pointer) })),
  );

export const pollutingKeys = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"];

/** A valid body with a prototype-pollution key added, through JSON.parse, at the root or in any object. */
export const pollutingKey: fc.Arbitrary<BadInput> = fc
  .record({
    at: fc.constantFrom(
      ...validBodies.sendRcsMessage.map((base) => ({ operation: "sendRcsMessage" as const, base, pointer: "" })),
      { operation: "sendRcsCampaignToGroups" as const, base: fullCampaign, pointer: "" },
      ...objectFields,
    ),
    key: fc.constantFrom(...pollutingKeys),
    value: fc.oneof(fc.constant({ polluted: true }), fc.jsonValue()),
  })
  .map(({ at, key, value }) => {
    const placeholder = "\u0000placeholder\u0000";
    const text = JSON.stringify(at.pointer === "" ? { ...at.base, [placeholder]: value } : withValue(at.base, `${at.pointer}/${placeholder}`, value));
    const body = JSON.parse(text.replace(JSON.stringify(placeholder), JSON.stringify(key)));
    return { operation: at.operation, body, names: pathOf(`${at.pointer}/${key}`) };
  });

export const megabyte = 1 << 20;

/** A 1 MB string (in UTF-16 code units) in any string field. */
export const hugeString: fc.Arbitrary<BadInput> = fc
  .record({ f: fc.constantFrom(...stringFields), filler: fc.constantFrom("a", "7", " ", "/", "é", "😀", "\u0000", "https://a.example/") })
  .map(({ f, filler }) => {
    const value = filler.repeat(Math.ceil(megabyte / filler.length)).slice(0, megabyte);
    return { operation: f.operation, body: withValue(f.base, f.pointer, value), names: pathOf(f.pointer) };
  });

/** `{"a":{"a":…}}` or `[[…]]`, `depth` levels deep, built without recursion. */
export function nested(depth: number, shape: "object" | "array"): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = shape === "object" ? { a: value } : [value];
  return value;
}

/** A value nested 10,000 levels deep in any object or array field, or as the body itself. */
export const deepNesting: fc.Arbitrary<BadInput> = fc
  .record({
    at: fc.option(fc.constantFrom(...fields.filter((f) => f.type === "object" || f.type === "array")), { nil: undefined }),
    shape: fc.constantFrom<"object" | "array">("object", "array"),
    operation,
  })
  .map(({ at, shape, operation: fallback }) => {
    const value = nested(10_000, shape);
    if (!at) return { operation: fallback, body: value };
    return { operation: at.operation, body: withValue(at.base, at.pointer, value), names: pathOf(at.pointer) };
  });

/** All of the above, for sampling. */
export const badInput = fc.oneof(anyJsonBody, anyJavaScriptBody, wrongType, pollutingKey, hugeString, deepNesting);
