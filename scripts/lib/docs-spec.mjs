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
  const nullable = mapSchemas(docs, nullableAsExtension);
  return mapSchemas(nullable, (schema) => typedOneOf(nullable, nullableThroughRef(nullable, schema)));
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
