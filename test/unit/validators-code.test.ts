// The shipped validators (generated/validators.js: Ajv's standalone code, shrunk by
// scripts/build-validators.mjs) behave exactly as the plain Ajv functions compiled in this
// process from the same schemas with the same options, and no post-processing: on generated
// valid bodies, bodies broken in one place, bodies with an unknown property of a tricky name
// and arbitrary JSON, every exported validator (each `*Body`, `*Query` and `*Path`, callbacks'
// too, and each `oneOf` branch, also on its sibling branches' bodies) returns the same verdict
// and the same errors: instancePath, keyword, params, and schemaPath where the shipped code
// keeps it (only under `dependentSchemas`, which src/validation.ts reads). Runs are counted
// and seeded, never timed.
//
// The same inputs also go through a copy of the shipped code whose schema constants, cut down
// to what the code reads, record every read of a property they no longer hold (or of a schema
// in a property list, where only the names are left): none may happen, so nothing the cut
// removed is ever read.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as shipped from "../../generated/validators.js";
import type { CompiledValidator } from "../../generated/validators.js";
import { compileValidators } from "../../scripts/build-validators.mjs";
import { spec, type Json } from "../support/spec.js";
import { brokenValue, validValue } from "../support/schema-arbitraries.js";

const runs = 300; // per validator
const seed = 20261207;
const componentRef = "#/components/schemas/";

const { ajv, inputs, exports } = compileValidators(spec) as unknown as {
  ajv: { getSchema(id: string): CompiledValidator | undefined };
  inputs: Array<{ name: string; schema: object }>;
  exports: Record<string, string>;
};
const shippedValidators = shipped as unknown as Record<string, CompiledValidator>;

// The branches of every `oneOf` of components, by branch: its siblings, itself included.
const siblings = new Map<string, string[]>();
for (const schema of Object.values(spec.components.schemas) as any[]) {
  const branches = (schema.oneOf ?? []).map((branch: any) => String(branch.$ref).slice(componentRef.length));
  for (const branch of branches) siblings.set(branch, branches);
}

/** The schema, with `$ref`s into the bundled spec, that the generator compiled for `name`. */
function schemaOf(name: string): object {
  return inputs.find((input) => input.name === name)?.schema ?? { $ref: `${componentRef}${name}` };
}

/** `value` with one more property, set even when its name is `__proto__`. */
function withProperty(value: Json, name: string, added: Json): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const copy = { ...value };
  Object.defineProperty(copy, name, { value: added, enumerable: true, writable: true, configurable: true });
  return copy;
}

const trickyName = fc.oneof(
  fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "length", "type", "enum", "properties", "$id"),
  fc.string({ maxLength: 8 }),
);

/**
 * A value roughly of `schema`'s shape, valid or not: any branch of an `anyOf` or `oneOf`,
 * strings of the pattern or of about the allowed length, numbers about the bounds, objects with
 * their required properties and some others, lists a little shorter or longer than allowed.
 * It needs no understanding of the schema's finer rules (conditionals, open enums), which
 * plain Ajv then judges; `validValue` and `brokenValue` add precise bodies where they apply.
 */
function rough(schema: any, depth = 0): fc.Arbitrary<Json> {
  const anything = fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>;
  if (typeof schema !== "object" || depth > 8) return anything;
  if (schema.$ref) return rough(spec.components.schemas[String(schema.$ref).slice(componentRef.length)], depth + 1);
  const options: Array<fc.Arbitrary<Json>> = [];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) options.push(rough(branch, depth + 1));
  if (schema.const !== undefined) options.push(fc.constant(schema.const));
  if (schema.enum) options.push(fc.constantFrom(...(schema.enum as Json[])));
  const { minLength = 0, maxLength = 20, minimum = -1000, maximum = 1000, minItems = 0, maxItems = 3 } = schema;
  for (const type of [schema.type ?? []].flat()) {
    if (type === "string") {
      options.push(fc.string({ minLength: Math.max(0, minLength - 1), maxLength: maxLength + 1 }));
      if (schema.pattern) options.push(fc.stringMatching(new RegExp(schema.pattern, "u"), { size: "small" }));
    }
    if (type === "integer") options.push(fc.integer({ min: minimum - 2, max: maximum + 2 }));
    if (type === "number") options.push(fc.double({ noNaN: true, noDefaultInfinity: true }));
    if (type === "boolean") options.push(fc.boolean());
    if (type === "null") options.push(fc.constant(null));
    if (type === "array") {
      const length = fc.integer({ min: Math.max(0, minItems - 1), max: Math.min(maxItems, minItems + 3) + 1 });
      options.push(length.chain((n) => fc.array(roughOrAnything(schema.items, depth + 1), { minLength: n, maxLength: n })));
    }
    if (type === "object") {
      const model = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, roughOrAnything(property, depth + 1)]));
      options.push(fc.record(model, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Json>);
    }
  }
  return options.length > 0 ? fc.oneof(...options) : anything;
}

/** Mostly `rough(schema)`; now and then any JSON value, most often of a type it does not allow. */
function roughOrAnything(schema: any, depth: number): fc.Arbitrary<Json> {
  return fc.oneof({ weight: 4, arbitrary: rough(schema, depth) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json> });
}

/** Whether the precise arbitraries of test/support understand `schema` (callbacks' they do not). */
function precise(schema: object): boolean {
  try {
    fc.sample(fc.tuple(validValue(schema), brokenValue(schema)), { seed, numRuns: 20 });
    return true;
  } catch {
    return false;
  }
}

function inputsFor(name: string): fc.Arbitrary<Json> {
  const schemas = (siblings.get(name) ?? [name]).map(schemaOf);
  const known = schemas.filter(precise);
  const generated = [
    ...schemas.map((schema) => rough(schema)),
    ...known.flatMap((schema) => [validValue(schema), brokenValue(schema).map((broken) => broken.body)]),
  ];
  const shaped = fc.oneof(...generated);
  return fc.oneof(
    { weight: 4, arbitrary: shaped },
    { weight: 1, arbitrary: fc.tuple(shaped, trickyName, fc.jsonValue({ maxDepth: 1 })).map(([value, key, added]) => withProperty(value, key, added as Json)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  );
}

interface ErrorLike {
  instancePath: string;
  schemaPath?: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Ajv's error as the shipped code must report it: schemaPath only under `dependentSchemas`. */
function expectedError({ instancePath, schemaPath, keyword, params }: ErrorLike): ErrorLike {
  return { instancePath, ...(schemaPath!.includes("/dependentSchemas/") ? { schemaPath } : {}), keyword, params };
}

// The shipped code, evaluated once more with every use of a schema constant going through
// `guarded`, which records a read of any property the constant does not hold.
const missedReads: string[] = [];
const readPaths = new Set<string>();
let recording = false;
const proxies = new WeakMap<object, object>();
function guarded<T>(value: T, where: string): T {
  if (typeof value !== "object" || value === null) return value;
  if (!proxies.has(value)) {
    proxies.set(
      value,
      new Proxy(value, {
        get(target, key, receiver) {
          const read = Reflect.get(target, key, receiver);
          if (recording) readPaths.add(`${where}.${String(key)}`);
          if (recording && typeof key === "string" && !Object.hasOwn(target, key)) missedReads.push(`${where}.${key}`);
          // A property list keeps only its names, each set to 0: its schemas are not there to read.
          if (recording && where.endsWith(".properties") && read === 0) missedReads.push(`${where}.${String(key)}`);
          return guarded(read, `${where}.${String(key)}`);
        },
        has(target, key) {
          if (recording && typeof key === "string" && !Object.hasOwn(target, key)) missedReads.push(`${where} has ${key}`);
          return Reflect.has(target, key);
        },
      }),
    );
  }
  return proxies.get(value) as T;
}
const shippedCode = readFileSync(new URL("../../generated/validators.js", import.meta.url), "utf8");
const exportedNames = [...shippedCode.matchAll(/export const (\w+) = /g)].map((match) => match[1]);
const guardedValidators = new Function(
  "guarded",
  shippedCode.replace(/(?<!const )\bschema\d+\b/g, (constant) => `guarded(${constant}, "${constant}")`).replaceAll("export const ", "const ") +
    `\nreturn {${exportedNames.join(",")}};`,
)(guarded) as Record<string, CompiledValidator>;

describe("the shipped validators behave as plain Ajv on the same schemas", () => {
  it("every input validator and oneOf branch is exported, and checked below", () => {
    const shippedNames = Object.keys(shippedValidators).filter((name) => !name.endsWith("Check") && name !== "requestChecks");
    expect(shippedNames.sort()).toEqual(Object.keys(exports).sort());
    expect(Object.keys(guardedValidators).sort()).toEqual(Object.keys(shippedValidators).sort());
    expect(Object.keys(exports).filter((name) => /(Body|Query|Path)$/.test(name)).length).toBeGreaterThanOrEqual(inputs.length);
  });

  it.each(Object.entries(exports))("%s", (name, id) => {
    const reference = ajv.getSchema(id)!;
    const validate = shippedValidators[name];
    const guardedValidate = guardedValidators[name];
    let refused = 0;
    fc.assert(
      fc.property(inputsFor(name), (data) => {
        const valid = reference(data);
        const expected = valid ? null : reference.errors!.map(expectedError);
        if (!valid) refused++;
        expect(validate(data)).toBe(valid);
        // The same errors in the same order, with no property more (toStrictEqual: none left undefined).
        expect(validate.errors).toStrictEqual(expected);
        recording = true;
        try {
          expect(guardedValidate(data)).toBe(valid);
        } finally {
          recording = false;
        }
        expect(missedReads).toEqual([]);
        expect(guardedValidate.errors).toEqual(expected);
      }),
      { seed, numRuns: runs },
    );
    // Both verdicts came up often.
    expect(refused).toBeGreaterThanOrEqual(runs / 20);
    expect(runs - refused).toBeGreaterThanOrEqual(runs / 20);
  });

  // The shipped validators share one list of errors (see sharedErrors in the generator): a
  // validation started from a getter in the data, which ends or throws, must leave the list of
  // the one it was called within as it was.
  it("a validator called from a getter in the data leaves the errors of the one running as they were", () => {
    const inner = shippedValidators.loginBody;
    const throwing = { get api_key(): string { throw new Error("getter"); } };
    const body = () => ({
      sender: 7,
      get phone() {
        expect(inner({})).toBe(false);
        expect(() => inner(throwing)).toThrow("getter");
        return { number: "x" };
      },
    });
    const reference = ajv.getSchema(exports.sendRcsMessageBody)!;
    expect(reference(body())).toBe(false);
    const expected = reference.errors!.map(expectedError);
    expect(shippedValidators.sendRcsMessageBody(body())).toBe(false);
    expect(shippedValidators.sendRcsMessageBody.errors).toStrictEqual(expected);
    expect(inner.errors).toStrictEqual([{ instancePath: "", keyword: "required", params: { missingProperty: "api_key" } }]);
  });

  it("the inputs above made the code read every part of the schema constants it reads", () => {
    const inCode = new Set(shippedCode.match(/\bschema\d+(?:\.\w+)+/g));
    expect(inCode.size).toBeGreaterThan(0);
    expect([...inCode].filter((path) => !readPaths.has(path))).toEqual([]);
  });
});
