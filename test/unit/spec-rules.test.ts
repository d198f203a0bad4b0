// Every documented rule of every request body and of every request's parameters holds in the
import { readFileSync } from "node:fs";
// bundled spec, judged by a plain JSON Schema 2020-12 validator; every example validates
// against its own schema; and the spec's shape is what the tools downstream rely on.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { requestCases, parameterCases } from "../support/request-cases.js";
import { operation, operations, resolve, spec, type Node } from "../support/spec.js";
import { referenceAjv, validateAgainst } from "../support/reference-validator.js";

const bodyPointer = (operationId: string) => {
  const schema = resolve(operation(operationId).operation.requestBody).content["application/json"].schema;
  return schema.$ref.slice(1) as string;
};

/** "options.cards[0].media" → "/options/cards/0/media"; "(body)" → "". */
function pointerOf(path: string): string {
  if (path === "(body)") return "";
  return "/" + path.replace(/\[(\d+)\]/g, ".$1").split(".").join("/");
}

/** Where an Ajv error points, including the property a `required` or an unknown-field error names. */
function errorPointers(error: { instancePath: string; params: Record<string, unknown> }): string[] {
  const named = error.params.missingProperty ?? error.params.additionalProperty;
  return named === undefined ? [error.instancePath] : [error.instancePath, `${error.instancePath}/${named}`];
}

describe("request rules, judged by JSON Schema 2020-12 on the bundled spec", () => {
  it.each(requestCases.map((c) => [c.operation, c.name, c] as const))("%s: %s", (operationId, _name, row) => {
    const { valid, errors } = validateAgainst(bodyPointer(operationId), row.body);
    expect(valid, JSON.stringify(errors, null, 1)).toBe(row.valid);
    if (!row.valid) {
      // An issue about two fields ("validity, validity_seconds") may be reported at either.
      const expected = row.issue!.split(", ").map(pointerOf);
      const pointers = errors.flatMap(errorPointers);
      expect(pointers.some((pointer: string) => expected.includes(pointer)), `no error at ${expected}: ${pointers}`).toBe(true);
    }
  });

  it.each(parameterCases.map((c) => [c.operation, c.name, c] as const))("%s parameters: %s", (operationId, _name, row) => {
    const parameters = (operation(operationId).operation.parameters as object[]).map((parameter) => resolve<any>(parameter));
    const problems: string[] = [];
    for (const parameter of parameters) {
      const given = parameter.in === "path" ? row.path : row.query;
      const value = given?.[parameter.name];
      if (value === undefined) {
        if (parameter.required) problems.push(parameter.name);
        continue;
      }
      const { valid, errors } = validateAgainst(parameter.schema.$ref.slice(1), value);
      if (!valid) problems.push(...errors.flatMap(errorPointers).map((pointer: string) => [parameter.name, ...pointer.split("/").slice(1)].join(".")));
    }
    // A name given that the operation has no parameter for: a misspelt parameter.
    for (const name of [...Object.keys(row.path ?? {}), ...Object.keys(row.query ?? {})]) {
      if (!parameters.some((parameter) => parameter.name === name)) problems.push(name);
    }
    expect(problems.length === 0, JSON.stringify(problems)).toBe(row.valid);
    if (!row.valid) expect(problems).toContain(row.issue);
  });

  it("counts lengths in UTF-16 code units, where plain JSON Schema counts code points", () => {
    const eightyOneEmoji = { phone: { number: "380661231231" }, sender: "Acme", options: { text: "😀".repeat(81) } };
    const pointer = bodyPointer("sendRcsMessage");
    expect(validateAgainst(pointer, eightyOneEmoji).valid).toBe(false);
    expect(validateAgainst(pointer, eightyOneEmoji, referenceAjv({ countCodePoints: true })).valid).toBe(true);
  });
});

describe("examples", () => {
  const examplePlaces: Array<[string, string, unknown]> = [];
  for (const { operationId, operation: op } of operations({ withCallbacks: true })) {
    const media = resolve(op.requestBody ?? {}).content?.["application/json"];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      examplePlaces.push([`${operationId} request "${name}"`, media.schema.$ref.slice(1), resolve(example as Node).value]);
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const responseMedia = resolve(response as Node).content?.["application/json"];
      for (const [name, example] of Object.entries(responseMedia?.examples ?? {})) {
        const schema = responseMedia.schema.$ref.slice(1);
        examplePlaces.push([`${operationId} ${status} "${name}"`, schema, resolve(example as Node).value]);
      }
    }
  }
  for (const { operationId, operation: op } of operations()) {
    for (const parameter of (op.parameters ?? []).map((p: object) => resolve<any>(p))) {
      const values: Array<[string, unknown]> = "example" in parameter ? [["example", parameter.example]] : [];
      for (const [name, example] of Object.entries(parameter.examples ?? {})) values.push([`"${name}"`, resolve<any>(example).value]);
      for (const [name, value] of values) {
        examplePlaces.push([`${operationId} parameter ${parameter.name} ${name}`, parameter.schema.$ref.slice(1), value]);
      }
    }
  }
  for (const [name, schema] of Object.entries(spec.components.schemas as Record<string, any>)) {
    (schema.examples ?? []).forEach((example: unknown, i: number) => {
      examplePlaces.push([`schema ${name} example ${i + 1}`, `/components/schemas/${name}`, example]);
    });
  }

  it("cover every operation's request and success response", () => {
    for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "login", "onRcsStatusChanged", "onRcsSuggestionClicked"]) {
      expect(examplePlaces.some(([place]) => place.startsWith(`${operationId} request`))).toBe(true);
    }
    for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "listMessages", "getCampaign", "stopCampaign", "login", "refreshToken"]) {
      expect(examplePlaces.some(([place]) => place.startsWith(`${operationId} 200`)), operationId).toBe(true);
    }
    // An operation without a body shows examples of its parameters instead.
    for (const operationId of ["listMessages", "getCampaign", "stopCampaign"]) {
      expect(examplePlaces.some(([place]) => place.startsWith(`${operationId} parameter`)), operationId).toBe(true);
    }
  });

  it("answer 201 as 200, with the same body, wherever something is created or changed", () => {
    for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "stopCampaign"]) {
      const { responses } = operation(operationId).operation;
      expect(responses["201"], operationId).toEqual(responses["200"]);
    }
    for (const operationId of ["listMessages", "getCampaign", "login", "refreshToken"]) {
      expect(operation(operationId).operation.responses["201"], operationId).toBeUndefined();
    }
  });

  it.each(examplePlaces)("%s validates against its schema", (_place, pointer, value) => {
    const { valid, errors } = validateAgainst(pointer, value);
    expect(valid, JSON.stringify(errors, null, 1)).toBe(true);
  });

  it("use no placeholder values like the docs' \"string\"", () => {
    const placeholders = JSON.stringify(examplePlaces.map(([, , value]) => value)).match(/"string"/g);
    expect(placeholders).toBeNull();
  });
});

describe("spec shape", () => {
  it("is OpenAPI 3.1 with the 2020-12 dialect, so Prism validates with 2020-12", () => {
    expect(spec.openapi).toMatch(/^3\.1\./);
    expect(spec.jsonSchemaDialect).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("names the operations after what they do, on the production server", () => {
    expect(operations().map((o) => `${o.method.toUpperCase()} ${o.path} ${o.operationId}`).sort()).toEqual([
      "GET /api/campaigns/{id} getCampaign",
      "GET /api/messages listMessages",
      "PATCH /api/campaigns/{id}/stop stopCampaign",
      "POST /api/auth/login login",
      "POST /api/auth/refresh refreshToken",
      "POST /api/campaigns/rcs/send sendRcsCampaignToPhones",
      "POST /api/campaigns/rcs/send-groups sendRcsCampaignToGroups",
      "POST /api/messages/rcs/send sendRcsMessage",
    ]);
    expect(spec.servers[0].url).toBe("https://one-api.wwt.world");
  });

  it("protects both sends with a bearer JWT and lets login go without one", () => {
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    expect(spec.security).toEqual([{ bearerAuth: [] }]);
    for (const id of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "listMessages", "getCampaign", "stopCampaign", "refreshToken"]) {
      expect(operation(id).operation.security).toBeUndefined();
    }
    expect(operation("login").operation.security).toEqual([]);
  });

  it("gives every operation a tag, a summary, a description and the shared error responses", () => {
    for (const { operation: op } of operations()) {
      expect(op.tags).toHaveLength(1);
      expect(op.summary).toBeTruthy();
      expect(op.description.length).toBeGreaterThan(80);
      for (const status of ["401", "429", "5XX"]) expect(op.responses[status]?.$ref).toMatch(/^#\/components\/responses\//);
    }
    for (const id of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "listMessages"]) {
      expect(operation(id).operation.responses["422"].$ref).toBe("#/components/responses/ValidationFailed");
    }
    for (const id of ["getCampaign", "stopCampaign"]) {
      expect(operation(id).operation.responses["404"].$ref).toBe("#/components/responses/NotFound");
    }
    expect(operation("stopCampaign").operation.responses["422"].content["application/json"].schema.$ref).toBe("#/components/schemas/ValidationError");
  });

  it("tags the messages' operations and the campaigns' each with their own", () => {
    const tagOf = (id: string) => operation(id).operation.tags[0];
    for (const id of ["sendRcsMessage", "listMessages"]) expect(tagOf(id), id).toBe("RCS Messages");
    for (const id of ["sendRcsCampaignToGroups", "sendRcsCampaignToPhones", "getCampaign", "stopCampaign"]) expect(tagOf(id), id).toBe("RCS Campaigns");
    expect(spec.tags.map((tag: { name: string }) => tag.name).sort()).toEqual(["Authentication", "RCS Campaigns", "RCS Messages"]);
  });

  it("describes page and filter as deepObject query parameters of objects that refuse unknown keys, with the platform's limits and defaults", () => {
    const parameters = Object.fromEntries(
      (operation("listMessages").operation.parameters as object[]).map((p) => resolve<any>(p)).map((p) => [p.name, p]),
    );
    expect(Object.keys(parameters).sort()).toEqual(["filter", "page", "sort", "way"]);
    for (const name of ["page", "filter"]) {
      expect(parameters[name], name).toMatchObject({ in: "query", style: "deepObject", explode: true });
      expect(resolve<any>(parameters[name].schema), name).toMatchObject({ type: "object", additionalProperties: false });
      expect(parameters[name].description, name).toContain(`${name}[`);
    }
    const page = resolve<any>(parameters.page.schema).properties;
    expect(page.limit).toMatchObject({ type: "integer", minimum: 15, maximum: 500, default: 50 });
    expect(page.offset).toMatchObject({ type: "integer", minimum: 0, default: 0 });
    expect(Object.keys(resolve<any>(parameters.filter.schema).properties).sort()).toEqual(["campaign_id", "from", "id", "reference_id", "to"]);
    expect(resolve<any>(parameters.sort.schema)).toMatchObject({ enum: ["id", "phone", "delivered"], default: "id" });
    expect(resolve<any>(parameters.way.schema)).toMatchObject({ enum: ["asc", "desc"], default: "asc" });
    for (const { operationId } of [operation("getCampaign"), operation("stopCampaign")]) {
      const [id] = (operation(operationId).operation.parameters as object[]).map((p) => resolve<any>(p));
      expect(id, operationId).toMatchObject({ name: "id", in: "path", required: true });
      expect(resolve<any>(id.schema)).toMatchObject({ type: "integer", minimum: 1 });
    }
  });

  it("declares the status and click callbacks of a single send, at its callback_url", () => {
    const callbacks = operation("sendRcsMessage").operation.callbacks;
    expect(Object.keys(callbacks).sort()).toEqual(["statusChanged", "suggestionClicked"]);
    for (const callback of Object.values(callbacks) as Node[]) {
      expect(Object.keys(callback)).toEqual(["{$request.body#/callback_url}"]);
    }
  });

  /** Calls visit on every schema reachable from `schema`, following $refs once. */
  function walk(schema: any, visit: (s: any) => void, seen = new Set<any>()) {
    if (schema === null || typeof schema !== "object" || seen.has(schema)) return;
    seen.add(schema);
    visit(schema);
    if (schema.$ref) walk(resolve(schema), visit, seen);
    for (const key of ["properties", "dependentSchemas"]) for (const child of Object.values(schema[key] ?? {})) walk(child, visit, seen);
    for (const key of ["items", "not", "if", "then", "else", "additionalProperties"]) walk(schema[key], visit, seen);
    for (const key of ["oneOf", "anyOf", "allOf"]) for (const child of schema[key] ?? []) walk(child, visit, seen);
  }

  it("refuses unknown properties in every object of every request body", () => {
    for (const id of ["sendRcsMessage", "sendRcsCampaignToGroups", "sendRcsCampaignToPhones"]) {
      walk(resolve(operation(id).operation.requestBody).content["application/json"].schema, (schema) => {
        if (schema.type === "object") expect(schema.additionalProperties, schema.title).toBe(false);
      });
    }
  });

  it("tolerates unknown properties in every response object", () => {
    for (const { operation: op } of operations()) {
      for (const response of Object.values(op.responses) as Node[]) {
        const schema = resolve(response).content?.["application/json"]?.schema;
        walk(schema, (s) => expect(s.additionalProperties, s.title).not.toBe(false));
      }
    }
  });

  it("shares one component for each concept both sends use, made nullable where one send allows null", () => {
    const message = resolve(spec.components.schemas.SendRcsMessageRequest).properties;
    const campaign = resolve(spec.components.schemas.SendRcsCampaignRequest).properties;
    // A property is its component, or `anyOf: [component, {type: "null"}]`.
    const componentOf = (property: any) => property.$ref ?? property.anyOf?.find((branch: any) => branch.$ref)?.$ref;
    for (const field of ["sender", "options", "validity", "tariff_code", "add_to_contact_book", "check_stop_list"]) {
      expect(componentOf(campaign[field]), field).toBe(componentOf(message[field]));
      expect(componentOf(message[field]), field).toMatch(/^#\/components\/schemas\//);
    }
    // The campaign's fallback is the single send's, nullable, written out in place.
    const { type, ...fallback } = campaign.alternative_channel;
    const { title, type: objectType, description, ...shared } = resolve<any>(message.alternative_channel);
    expect([type, objectType]).toEqual([["object", "null"], "object"]);
    expect({ ...fallback, description: undefined, properties: { sms: { $ref: fallback.properties.sms.$ref } } }).toEqual({
      ...shared,
      description: undefined,
      properties: { sms: { $ref: shared.properties.sms.$ref } },
    });
  });

  it("the campaign to phone numbers takes the single send's recipient, content, fallback, validity and tariff, and the campaign to groups' start_at", () => {
    const message = spec.components.schemas.SendRcsMessageRequest.properties;
    const groups = spec.components.schemas.SendRcsCampaignRequest.properties;
    const phones = spec.components.schemas.SendRcsCampaignToPhonesRequest;
    const componentOf = (property: any) => property.$ref ?? property.anyOf?.find((branch: any) => branch.$ref)?.$ref;
    expect(phones.properties.phones.items.$ref).toBe(message.phone.$ref);
    expect(phones.properties.phones).toMatchObject({ type: "array", minItems: 1, maxItems: 5000 });
    for (const field of ["sender", "options", "alternative_channel", "validity", "validity_seconds", "tariff_code", "add_to_contact_book", "check_stop_list"]) {
      expect(phones.properties[field].$ref, field).toBe(componentOf(message[field]));
    }
    expect(phones.properties.start_at.$ref).toBe(groups.start_at.$ref);
    expect(phones.dependentSchemas).toEqual(spec.components.schemas.SendRcsMessageRequest.dependentSchemas);
    expect([...phones.required].sort()).toEqual(["options", "phones", "sender"]);
  });

  it("leaves open every value the server chooses: the known ones listed, any other allowed", () => {
    const open = [
      ["RcsMessage", "status"],
      ["RcsMessage", "source"],
      ["RcsCampaign", "status"],
      ["RcsCampaign", "message_type"],
      ["ListedMessage", "status"],
      ["ListedMessage", "source"],
      ["ListedMessage", "type"],
      ["RcsStatusCallback", "status"],
    ];
    for (const [schema, field] of open) {
      const branches = spec.components.schemas[schema].properties[field].anyOf.map((branch: any) => branch.$ref);
      expect(branches, `${schema}.${field}`).toHaveLength(2);
      expect(branches[1]).toBe("#/components/schemas/UnlistedValue");
      const known = resolve<any>({ $ref: branches[0] });
      expect(known.enum ?? known.anyOf, `${schema}.${field} lists the known values`).toBeDefined();
    }
    expect(spec.components.schemas.UnlistedValue).toMatchObject({ type: "string", "x-open-enum": true });
  });
});

describe("descriptions", () => {
  /** Every description below `node`, with where it stands. */
  function descriptions(node: any, at: string): Array<[string, string]> {
    if (node === null || typeof node !== "object") return [];
    return Object.entries(node).flatMap(([key, value]) =>
      key === "description" && typeof value === "string" ? [[at, value] as [string, string]] : descriptions(value, `${at}/${key}`),
    );
  }

  it("of fields and operations give the rule only: the pages' contradictions are told once, in openapi/platform-disagreements.md", () => {
    const history = /(send page|campaign page|page's|pages'|\btable\b|\bprose\b|machine-readable|\bdeclares?\b|\bits examples?\b)/i;
    const read = [...descriptions(spec.components.schemas, "#/components/schemas"), ...descriptions(spec.components.securitySchemes, "#/components/securitySchemes"), ...descriptions(spec.paths, "#/paths")];
    expect(read.length).toBeGreaterThan(150);
    const retelling = read.filter(([, text]) => history.test(text));
    expect(retelling.map(([at, text]) => `${at}: ${text.match(history)![0]}`)).toEqual([]);
    expect(spec.info.description).not.toMatch(history);
    expect(readFileSync(new URL("../../openapi/platform-disagreements.md", import.meta.url), "utf8")).toContain("# Where the platform's pages disagree");
  });
});

describe("URL pattern", () => {
  const pattern = new RegExp(spec.components.schemas.HttpUrl.pattern, "u");

  it("only matches strings that are also valid RFC 3986 URIs, so `format: uri` adds no check", () => {
    const isUri = fullFormats.uri as (value: string) => boolean;
    fc.assert(
      fc.property(fc.stringMatching(pattern), (url) => isUri(url)),
      { numRuns: 2000, seed: 20261123 },
    );
  });

  it("matches ordinary web URLs", () => {
    fc.assert(
      fc.property(fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true }), (url) =>
        pattern.test(url),
      ),
      { numRuns: 500, seed: 20261123 },
    );
  });
});
