// The spec as the HTML docs show it: the bundle, adapted to how Redoc 3 renders. Every change
// here is presentation only; generated/openapi.{yaml,json}, which users and tools read, keep
// the spec as written.
import { dereferenced, valueAtPointer } from "../../src/json-pointer.js";
import { curlSample, typescriptSample } from "./code-samples.mjs";

/** A copy of `spec` for the docs. */
export function docsSpec(spec) {
  const docs = structuredClone(spec);
  untag(docs);
  for (const [path, pathItem] of Object.entries(docs.paths)) {
    for (const operation of Object.values(pathItem)) addExampleSamples(docs, path, operation);
  }
  nameSecuritySchemes(docs);
  for (const { operation } of docsOperations(docs)) callbackAddressesInWords(operation);
  readableFormats(docs);
  const nullable = mapSchemas(docs, nullableAsExtension);
  const typed = mapSchemas(nullable, (schema) => typedOneOf(nullable, nullableThroughRef(nullable, schema)));
  const readable = mapSchemas(typed, (schema) => oneStringOrOneList(typed, schema));
  linkOperationNames(readable);
  return readable;
}

/**
 * The address at which the page shows an operation: `#/operation/` and its operationId in
 * lower case (Redoc writes addresses in lower case; scripts/docs.mjs names the first part).
 */
export function operationAddress(operationId) {
  return `#/operation/${operationId.toLowerCase()}`;
}

/** The operations of `docs`, each with its path. */
export function docsOperations(docs) {
  return Object.entries(docs.paths).flatMap(([path, pathItem]) =>
    Object.values(pathItem).map((operation) => ({ path, operation })),
  );
}

// Redoc 3 shows the operations of a tag only once the reader opens the tag ("+ Show"), and
// lists a tag named like a guide section ("Authentication") beside it in the menu. Untagged,
// every operation is on the page, each under its own summary in the menu.
function untag(docs) {
  delete docs.tags;
  for (const { operation } of docsOperations(docs)) delete operation.tags;
}

// Redoc 3 shows one x-codeSample per language, whichever example the reader picks. An
// operation without samples of its own gets a curl and a TypeScript sample for each named
// request example, marked with the example's key (docs.mjs makes Redoc show the one that
// matches the picked example).
function addExampleSamples(docs, path, operation) {
  const media = dereferenced(docs, operation.requestBody)?.content?.["application/json"];
  if (operation["x-codeSamples"] || !media?.examples) return;
  const serverUrl = docs.servers[0].url;
  operation["x-codeSamples"] = Object.entries(media.examples).flatMap(([key, example]) => {
    const body = dereferenced(docs, example).value;
    return [
      { lang: "Shell", label: "curl", source: curlSample({ serverUrl, path, body }), "x-example": key },
      { lang: "TypeScript", source: typescriptSample({ operationId: operation.operationId, body }), "x-example": key },
    ];
  });
}

// A field that may be null is `anyOf: [<its schema>, {type: "null"}]`. Redoc 3 shows that as
// a switch between two forms and, for the first, the referenced schema's description instead
// of the field's own. Marked `x-nullable` (Redoc's own extension) it reads "integer or null",
// with the field's description and limits.
function nullableAsExtension(schema) {
  const branches = schema.anyOf;
  if (branches?.length !== 2) return schema;
  const nullBranch = branches.find((branch) => branch.type === "null");
  if (!nullBranch) return schema;
  const { title, ...value } = branches.find((branch) => branch !== nullBranch);
  const { anyOf, ...field } = schema;
  return { ...value, ...field, "x-nullable": true };
}

// Redoc reads `x-nullable` beside a field's own `$ref` only, not one `$ref` further on (a
// field whose component, such as NullableDateTime, is the nullable one).
function nullableThroughRef(docs, schema) {
  if (typeof schema.$ref !== "string" || !valueAtPointer(docs, schema.$ref)?.["x-nullable"]) return schema;
  return { ...schema, "x-nullable": true };
}

// Redoc names an array by its items' `type`, and a card or a button is a oneOf of object
// schemas with no `type` of its own: "Array of any". Typed, it reads "Array of objects".
function typedOneOf(docs, schema) {
  if (!schema.oneOf || schema.type) return schema;
  if (!schema.oneOf.every((branch) => dereferenced(docs, branch).type === "object")) return schema;
  return { type: "object", ...schema };
}

// Redoc names a security scheme by its key (`bearerAuth`). The docs name it as a reader knows
// it, from its kind: "Bearer token" for an HTTP bearer scheme.
function nameSecuritySchemes(docs) {
  const schemes = docs.components?.securitySchemes ?? {};
  const names = Object.fromEntries(Object.entries(schemes).map(([key, scheme]) => [key, schemeName(key, scheme)]));
  docs.components.securitySchemes = Object.fromEntries(Object.entries(schemes).map(([key, scheme]) => [names[key], scheme]));
  const rename = (requirements) => requirements?.map((requirement) =>
    Object.fromEntries(Object.entries(requirement).map(([key, scopes]) => [names[key] ?? key, scopes])));
  docs.security = rename(docs.security);
  for (const { operation } of docsOperations(docs)) if (operation.security) operation.security = rename(operation.security);
}

function schemeName(key, scheme) {
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "bearer") return "Bearer token";
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return "User name and password";
  if (scheme.type === "apiKey") return `API key in the ${scheme.in} ${scheme.name}`;
  return key;
}

// A callback's address is a runtime expression, `{$request.body#/callback_url}`, which Redoc
// shows as it is. The docs say it in words: "the request's callback_url".
function callbackAddressesInWords(operation) {
  for (const [name, callback] of Object.entries(operation.callbacks ?? {})) {
    operation.callbacks[name] = Object.fromEntries(Object.entries(callback).map(([expression, pathItem]) => [inWords(expression), pathItem]));
  }
}

function inWords(expression) {
  return expression.replace(/\{\$(request|response)\.(body#|query\.|header\.|path\.)([^}]*)\}/g, (_, side, place, name) => {
    const whose = side === "request" ? "the request's" : "the answer's";
    const field = place === "body#" ? name.replace(/^\//, "").replaceAll("/", ".") : name;
    const where = { "body#": "", "query.": " query parameter", "header.": " header", "path.": " path parameter" }[place];
    return `${whose}${where} ${field}`;
  });
}

// How named schemas read in the docs when their pattern says it only to a parser: a date reads
// `YYYY-MM-DD HH:MM:SS` (its length follows from that); the pattern stays in the spec, and the
// description says the rule in words.
const formats = {
  DateTime: { format: "YYYY-MM-DD HH:MM:SS", drop: ["pattern", "maxLength"] },
};

// A pattern longer than this is noise to a reader (an URL's, the GSM-7 alphabet's); shorter
// ones, such as `^[0-9]{9,15}$`, are read at a glance and stay.
const longestReadablePattern = 40;

function readableFormats(docs) {
  for (const [name, { format, drop }] of Object.entries(formats)) {
    const schema = docs.components?.schemas?.[name];
    if (!schema) continue;
    schema.format = format;
    for (const key of drop) delete schema[key];
  }
  mapSchemas(docs, (schema) => {
    if (typeof schema.pattern === "string" && schema.pattern.length > longestReadablePattern) delete schema.pattern;
    return schema;
  });
}

// A field whose value is one string in several forms (a known status or a status added later;
// an URL or an empty string) is an `anyOf` of string schemas, which Redoc reads out as
// "(Known status (Pending (string) or Final (string))) or Other (string)". The docs show one
// string with its values listed and its forms in words: "string (one of the values below or
// a value added later)", "string (URL or empty)". A field that is a number or a string reads
// "integer or string".
function oneStringOrOneList(docs, schema) {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches || schema.discriminator) return schema;
  const forms = branches.flatMap((branch) => scalarForms(docs, branch));
  if (forms.length === 0 || forms.some((form) => form === undefined)) return schema;
  const { anyOf, oneOf, ...field } = schema;
  const types = [...new Set(forms.map((form) => form.type))];
  if (types.length > 1) return { ...field, type: types };
  const values = [...new Set(forms.flatMap((form) => form.enum ?? []))];
  const words = [...new Set(forms.map((form) => form.words).filter(Boolean))];
  const maxLength = forms.find((form) => form.maxLength !== undefined)?.maxLength;
  return {
    ...field,
    type: types[0],
    ...(words.length > 0 && !words.every((word) => word === "one of the values below") ? { format: words.join(" or ") } : {}),
    ...(values.length > 0 ? { enum: values } : {}),
    ...(maxLength !== undefined ? { maxLength } : {}),
  };
}

/** The plain forms a branch allows, each a type with its values or its kind in words; undefined for an object, an array or anything else. */
function scalarForms(docs, branch) {
  const { $ref, ...own } = branch;
  const target = { ...($ref ? dereferenced(docs, { $ref }) : {}), ...own };
  const nested = target.anyOf ?? target.oneOf;
  if (nested) return nested.flatMap((inner) => scalarForms(docs, inner));
  if (!["string", "integer", "number", "boolean"].includes(target.type)) return [undefined];
  if (target.const === "") return [{ type: target.type, words: "empty" }];
  if (target["x-open-enum"]) return [{ type: target.type, words: "a value added later" }];
  if (target.enum) return [{ type: target.type, enum: target.enum, words: "one of the values below" }];
  if (target.format === "uri") return [{ type: target.type, words: "URL", maxLength: target.maxLength }];
  return [{ type: target.type, maxLength: target.maxLength }];
}

// The guide and the descriptions name operations by their operationId (`sendRcsMessage`), the
// name the TypeScript client gives them too. In the docs each such name links to its operation.
function linkOperationNames(docs) {
  const ids = docsOperations(docs).map(({ operation }) => operation.operationId).filter(Boolean);
  if (ids.length === 0) return;
  const named = new RegExp(`(?<!\\[)\`(${ids.join("|")})\`(?!\\])`, "g");
  const visit = (node, key) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (node === null || typeof node !== "object" || ["example", "examples", "x-codeSamples"].includes(key)) return;
    for (const [name, value] of Object.entries(node)) {
      if (name === "description" && typeof value === "string") node[name] = value.replace(named, (_, id) => `[\`${id}\`](${operationAddress(id)})`);
      else visit(value, name);
    }
  };
  visit(docs);
}

/**
 * `node` with `transform` applied to every object in it, innermost first. The transforms
 * above change schemas only: nothing else has an `anyOf`, a `oneOf` or an `x-nullable` target.
 */
function mapSchemas(node, transform, key) {
  if (Array.isArray(node)) return node.map((item) => mapSchemas(item, transform));
  if (node === null || typeof node !== "object") return node;
  // Examples and code samples are data, whatever keys they hold.
  if (["example", "examples", "x-codeSamples"].includes(key)) return node;
  const mapped = Object.fromEntries(Object.entries(node).map(([name, child]) => [name, mapSchemas(child, transform, name)]));
  return transform(mapped);
}
