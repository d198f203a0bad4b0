// Precompiles JSON Schema validators from the bundled spec into standalone ESM code
// (generated/validators.js + .d.ts), so the client validates without shipping a compiler.
//
// Exports:
// - `<operationId>Body` for the JSON request body of every operation and callback, and
//   `<operationId>Query` / `<operationId>Path` for an operation's query and path parameters,
//   each checked as one object (`{ page: { limit: 50 } }`, `{ id: 53651994 }`);
// - one validator per branch of every `oneOf`, named after its component;
// - `<operationId>BodyCheck` (and `QueryCheck`, `PathCheck`), everything the client needs to
//   check one input and explain its problems, each part referenced by name so that a bundler
//   keeps only the checks in use:
//   - `validate`, the body's validator;
//   - `oneOfBranches`: where in the body its `oneOf`s sit, and their branches' validators.
//     When a body fails a `oneOf`, the client re-checks that part against each branch to
//     explain which form it was closest to;
//   - `sizeLimits`: the `maxItems` and `maxLength` that hold wherever the body is valid at
//     all, as a tree that follows the body. The client cuts any array or string longer than
//     its limit down to one past it before the validators run, so that the cost of refusing
//     a body is bounded by the spec's limits instead of by the body's size.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { fromRoot, isMain } from "./lib/project.mjs";
import { valueAtPointer } from "../src/json-pointer.js";

const componentRef = "#/components/schemas/";

// Keywords that only annotate: dropped so that the compiled code carries no prose.
const annotations = new Set([
  "title", "description", "examples", "example", "default", "deprecated", "readOnly",
  "writeOnly", "$comment", "externalDocs",
]);

export function buildValidators() {
  const spec = JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8"));
  const components = spec.components.schemas;

  const ajv = new Ajv2020({
    code: { source: true, esm: true },
    allErrors: true, // report every issue, not just the first
    messages: false, // the client words its own messages
    unicode: false, // count lengths in UTF-16 code units, as the platform does
    inlineRefs: false, // compile each component once, however often it is used
    allowUnionTypes: true,
    strict: true,
    logger: false, // `unicode` is flagged as deprecated; it is exactly what we need
    // Every `format: uri` in the spec sits next to a pattern that is a strict subset of
    // RFC 3986 URIs (test/unit/spec-rules.test.ts proves it), so the format adds no check.
    // `int64` (OpenAPI's, for ids) only tells code generators the width: the range is in
    // `minimum` and `maximum`.
    formats: { uri: true, int64: true },
  });
  const inputs = [...requestInputs(spec)];
  for (const { name, schema } of inputs) if (schema.$ref === undefined) components[name] = schema;
  for (const [name, schema] of Object.entries(components)) {
    ajv.addSchema({ $id: name, ...withoutAnnotations(schema) });
  }
  // Ajv2020 makes every compiled function record what it evaluated and pass `$dynamicRef`
  // anchors on: a tenth of the validators' gzip size, needed only by keywords this spec does
  // not use. With the schemas added (checked against the 2020-12 meta-schema, which does use
  // them), both are switched off and the keywords removed, so that strict mode refuses any
  // schema that starts using them instead of compiling it wrongly.
  for (const keyword of ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"]) {
    ajv.removeKeyword(keyword);
  }
  Object.assign(ajv.opts, { unevaluated: false, dynamicRef: false });

  const exports = {};
  const checks = [];
  for (const { name, schema } of inputs) {
    const ref = schema.$ref ?? `${componentRef}${name}`;
    const oneOfBranches = findOneOfs({ $ref: ref }, "", components);
    exports[name] = componentName(ref);
    for (const branches of Object.values(oneOfBranches)) {
      for (const branch of branches) exports[branch] = branch;
    }
    // Written as code, not JSON: the branches are the validators themselves, named.
    const branchCode = Object.entries(oneOfBranches).map(([at, branches]) => `${JSON.stringify(at)}:[${branches.join(",")}]`);
    const sizeLimits = JSON.stringify(prune(limitsOf({ $ref: ref }, components)) ?? {});
    checks.push({ name: `${name}Check`, code: `{validate:${name},oneOfBranches:{${branchCode.join(",")}},sizeLimits:${sizeLimits}}` });
  }
  const byOperation = operationsOf(spec).map(({ operationId }) => {
    const parts = ["Body", "Query", "Path"].filter((part) => inputs.some((input) => input.name === `${operationId}${part}`));
    return { operationId, parts };
  });
  const requestChecks = byOperation.map(({ operationId, parts }) => `${operationId}:{${parts.map((part) => `${part.toLowerCase()}:${operationId}${part}Check`).join(",")}}`);
  checks.push({ name: "requestChecks", code: `{${requestChecks.join(",")}}` });

  const header = "// Generated by `npm run generate` (scripts/build-validators.mjs) from openapi/. Do not edit.\n";
  const code = [header + standaloneCode(ajv, exports), ...checks.map((check) => `export const ${check.name} = ${check.code};`), ""].join("\n");
  mkdirSync(fromRoot("generated"), { recursive: true });
  writeFileSync(fromRoot("generated/validators.js"), code);
  writeFileSync(fromRoot("generated/validators.d.ts"), header + declarations(Object.keys(exports), checks.slice(0, -1).map((check) => check.name), byOperation));
  console.log(`validators: wrote generated/validators.js (${Object.keys(exports).length} validators)`);
}

/** The operations of `spec`'s paths, not those of callbacks. */
function operationsOf(spec) {
  return Object.values(spec.paths).flatMap((pathItem) => Object.values(pathItem).filter((operation) => operation?.operationId));
}

/**
 * Every input to check, named `<operationId>Body`, `…Query` or `…Path`: a JSON request body (a
 * component `$ref`; callbacks' too), and the query and path parameters of an operation as one
 * object each, whose properties are the parameters.
 */
function* requestInputs(spec) {
  const follow = (node) => (node?.$ref ? follow(valueAtPointer(spec, node.$ref)) : node);
  const visit = function* (pathItem) {
    for (const operation of Object.values(pathItem)) {
      const body = operation?.requestBody && follow(operation.requestBody).content?.["application/json"]?.schema;
      if (body) yield { name: `${operation.operationId}Body`, schema: body };
      for (const [where, part] of [["query", "Query"], ["path", "Path"]]) {
        const parameters = (operation?.parameters ?? []).map(follow).filter((parameter) => parameter.in === where);
        if (parameters.length === 0) continue;
        yield {
          name: `${operation.operationId}${part}`,
          schema: {
            type: "object",
            properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
            required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
            additionalProperties: false,
          },
        };
      }
      for (const callback of Object.values(operation?.callbacks ?? {})) {
        for (const callbackPathItem of Object.values(callback)) yield* visit(callbackPathItem);
      }
    }
  };
  for (const pathItem of Object.values(spec.paths)) yield* visit(pathItem);
}

// Maps the instance location of every `oneOf` below `schema` (array indexes written as
// `*`, e.g. "/options/cards/*") to the component names of its branches.
function findOneOfs(schema, location, components, found = {}) {
  if (schema.$ref) return findOneOfs(components[componentName(schema.$ref)], location, components, found);
  if (schema.oneOf) {
    found[location] = schema.oneOf.map((branch) => {
      if (!branch.$ref) throw new Error(`oneOf at ${location || "/"} needs $ref branches to be explained`);
      return componentName(branch.$ref);
    });
    for (const branch of schema.oneOf) findOneOfs(branch, location, components, found);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    findOneOfs(property, `${location}/${name}`, components, found);
  }
  if (schema.items) findOneOfs(schema.items, `${location}/*`, components, found);
  return found;
}

// What `limitsOf` returns where no value is accepted at all: a `false` schema, or a property
// that a closed object (`additionalProperties: false`) does not declare.
const refused = Symbol("refused");

// The size limits `schema` sets on a value and on what it holds: { maxLength, maxItems,
// closed, properties: { name: limits }, items: limits }, undefined meaning no limit. Keywords that must all hold
// ($ref beside the rest, allOf) keep the strictest limit; alternatives (oneOf, anyOf,
// then/else) the loosest, and none where one alternative sets none, so that checking these
// limits can never refuse a value the schema accepts. Conditional keywords (dependentSchemas,
// not) only ever add rules, so they are left out.
function limitsOf(schema, components, seen = []) {
  if (schema === false) return refused;
  if (schema === true || schema === undefined) return {};
  const of = (node) => limitsOf(node, components, seen);
  let limits = {
    maxLength: schema.maxLength,
    maxItems: schema.maxItems,
    closed: schema.additionalProperties === false && schema.patternProperties === undefined,
    properties: mapValues(schema.properties ?? {}, of),
    items: schema.items === undefined ? undefined : of(schema.items),
  };
  if (schema.$ref) {
    const name = componentName(schema.$ref);
    if (!seen.includes(name)) limits = both(limits, limitsOf(components[name], components, [...seen, name]));
  }
  for (const part of schema.allOf ?? []) limits = both(limits, of(part));
  for (const keyword of ["oneOf", "anyOf"]) {
    if (schema[keyword]) limits = both(limits, schema[keyword].map(of).reduce(either));
  }
  if (schema.if !== undefined) limits = both(limits, either(of(schema.then), of(schema.else)));
  return limits;
}

const propertyOf = (limits, name) => limits.properties?.[name] ?? (limits.closed ? refused : {});
const propertyNames = (a, b) => [...new Set([...Object.keys(a.properties ?? {}), ...Object.keys(b.properties ?? {})])];
const stricter = (a, b) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const looser = (a, b) => (a === undefined || b === undefined ? undefined : Math.max(a, b));

/** The limits of a value that must meet both `a` and `b`. */
function both(a, b) {
  if (a === refused || b === refused) return refused;
  return {
    maxLength: stricter(a.maxLength, b.maxLength),
    maxItems: stricter(a.maxItems, b.maxItems),
    closed: Boolean(a.closed || b.closed),
    properties: Object.fromEntries(propertyNames(a, b).map((name) => [name, both(propertyOf(a, name), propertyOf(b, name))])),
    items: a.items === undefined ? b.items : b.items === undefined ? a.items : both(a.items, b.items),
  };
}

/** The limits of a value that must meet `a` or `b`. */
function either(a, b) {
  if (a === refused) return b;
  if (b === refused) return a;
  return {
    maxLength: looser(a.maxLength, b.maxLength),
    maxItems: looser(a.maxItems, b.maxItems),
    closed: Boolean(a.closed && b.closed),
    properties: Object.fromEntries(propertyNames(a, b).map((name) => [name, either(propertyOf(a, name), propertyOf(b, name))])),
    items: a.items === undefined || b.items === undefined ? undefined : either(a.items, b.items),
  };
}

// The limits as the client reads them: only `maxLength`, `maxItems`, and the properties and
// items below which some limit is set; undefined where there is none.
function prune(limits) {
  if (limits === refused) return undefined;
  const kept = {};
  if (limits.maxLength !== undefined) kept.maxLength = limits.maxLength;
  if (limits.maxItems !== undefined) kept.maxItems = limits.maxItems;
  const properties = Object.entries(limits.properties ?? {})
    .map(([name, property]) => [name, prune(property)])
    .filter(([, property]) => property !== undefined);
  if (properties.length > 0) kept.properties = Object.fromEntries(properties);
  const items = limits.items && prune(limits.items);
  if (items !== undefined) kept.items = items;
  return Object.keys(kept).length > 0 ? kept : undefined;
}

function componentName(ref) {
  if (!ref?.startsWith(componentRef)) throw new Error(`expected a component $ref, got ${ref}`);
  return ref.slice(componentRef.length);
}

// Drops annotations and turns component $refs into the component's $id.
function withoutAnnotations(node) {
  if (Array.isArray(node)) return node.map(withoutAnnotations);
  if (node === null || typeof node !== "object") return node;
  const kept = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref") kept.$ref = componentName(value);
    else if (key === "properties" || key === "dependentSchemas") kept[key] = mapValues(value, withoutAnnotations);
    else if (!annotations.has(key) && !key.startsWith("x-")) kept[key] = withoutAnnotations(value);
  }
  return kept;
}

function mapValues(object, fn) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, fn(value)]));
}

function declarations(names, checkNames, byOperation) {
  const lines = [
    "/** One problem found by a compiled validator (Ajv's error object, without messages). */",
    "export interface CompiledValidatorError {",
    "  instancePath: string;",
    "  schemaPath: string;",
    "  keyword: string;",
    "  params: Record<string, unknown>;",
    "}",
    "/** A compiled validator: true when `data` is valid; otherwise `errors` says why. */",
    "export interface CompiledValidator {",
    "  (data: unknown): boolean;",
    "  errors?: CompiledValidatorError[] | null;",
    "}",
    ...names.map((name) => `export declare const ${name}: CompiledValidator;`),
    "/** The `maxLength` and `maxItems` of a value, and of the properties and items it holds. */",
    "export interface SizeLimits {",
    "  maxLength?: number;",
    "  maxItems?: number;",
    "  properties?: Record<string, SizeLimits>;",
    "  items?: SizeLimits;",
    "}",
    "/** Everything needed to check one body and explain its problems. */",
    "export interface BodyCheck {",
    "  /** The body's validator. */",
    "  validate: CompiledValidator;",
    "  /** Where the body's `oneOf`s sit (array indexes written `*`), and their branches' validators. */",
    "  oneOfBranches: Record<string, CompiledValidator[]>;",
    "  /** The size limits that hold wherever the body is valid. */",
    "  sizeLimits: SizeLimits;",
    "}",
    ...checkNames.map((name) => `export declare const ${name}: BodyCheck;`),
    "/** The checks of every operation's inputs: its JSON body, its query and its path parameters. */",
    "export declare const requestChecks: {",
    ...byOperation.map(({ operationId, parts }) => `  ${operationId}: {${parts.map((part) => ` ${part.toLowerCase()}: BodyCheck;`).join("")}${parts.length ? " " : ""}};`),
    "};",
  ];
  return lines.join("\n") + "\n";
}

if (isMain(import.meta.url)) buildValidators();
