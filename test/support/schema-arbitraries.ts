// fast-check arbitraries derived from the JSON Schemas of the bundled spec, read at run time:
// bodies that satisfy a schema, and bodies broken in exactly one place. Every limit comes
// from the schema itself. A keyword this generator does not understand is an error, never
// silently skipped, so a new rule in the spec cannot go untested unnoticed.
//
// Lengths: the platform counts UTF-16 code units, generic JSON Schema validators (Prism)
// count code points. A valid string here is within its limits both ways and a too-long one
// is too long both ways; the one case where the counts disagree is made on purpose, and
// only by `utf16Overflows`.
import fc from "fast-check";
import { valueAtPointer } from "../../src/json-pointer.js";
import { spec, type Json } from "./spec.js";

type Schema = { [keyword: string]: any };
/** A schema with its `$ref`s merged in and its `pattern`s gathered into `patterns`. */
type Rules = Schema & { patterns: string[] };
type Path = Array<string | number>;

const annotations = new Set(["title", "description", "default", "examples", "example", "$comment", "deprecated", "readOnly", "writeOnly"]);
const understood = new Set([
  "type", "properties", "required", "additionalProperties", "dependentSchemas", "items", "minItems", "maxItems",
  "minLength", "maxLength", "pattern", "format", "minimum", "maximum", "const", "enum", "oneOf", "anyOf", "if", "then", "else",
]);
const upperBounds = new Set(["maxLength", "maxItems", "maximum"]);
const lowerBounds = new Set(["minLength", "minItems", "minimum"]);
/**
 * `format`s whose check the pattern beside them already implies (for `uri`, the spec tests
 * prove that every match of our URL pattern is an RFC 3986 URI), so a string generated for
 * the pattern satisfies the format too.
 */
const formatsImpliedByPattern = new Set(["uri"]);

function withKeyword(rules: Rules, keyword: string, value: any, where: string): Rules {
  if (annotations.has(keyword)) return rules;
  if (keyword === "patterns") return { ...rules, patterns: [...rules.patterns, ...value] };
  if (!understood.has(keyword)) throw new Error(`schema-arbitraries: "${keyword}" at ${where} is not supported`);
  if (keyword === "pattern") return { ...rules, patterns: [...rules.patterns, value] };
  if (upperBounds.has(keyword)) return { ...rules, [keyword]: Math.min(rules[keyword] ?? Infinity, value) };
  if (lowerBounds.has(keyword)) return { ...rules, [keyword]: Math.max(rules[keyword] ?? -Infinity, value) };
  if (keyword in rules && JSON.stringify(rules[keyword]) !== JSON.stringify(value)) {
    throw new Error(`schema-arbitraries: conflicting "${keyword}" at ${where}`);
  }
  return { ...rules, [keyword]: value };
}

function combined(base: Rules, extra: Schema, where: string): Rules {
  return Object.entries(extra).reduce((rules, [keyword, value]) => withKeyword(rules, keyword, value, where), base);
}

/** The schema a local `$ref` points at, one step only: its own siblings stay the caller's. */
function referenced(ref: string): Schema {
  if (!ref.startsWith("#/")) throw new Error(`schema-arbitraries: only local $refs are supported, not ${ref}`);
  return valueAtPointer(spec, ref) as Schema;
}

const rulesCache = new WeakMap<Schema, Rules>();

/** One schema's rules: its `$ref` target's merged with its own, the stricter limit winning. */
function rulesOf(schema: Schema, where = "(schema)"): Rules {
  const cached = rulesCache.get(schema);
  if (cached) return cached;
  const { $ref, ...own } = schema;
  const rules = combined($ref ? rulesOf(referenced($ref), $ref) : { patterns: [] }, own, where);
  rulesCache.set(schema, rules);
  return rules;
}

const codePoints = (value: string) => [...value];
const regex = (pattern: string) => new RegExp(pattern, "u");
const matchesAll = (patterns: string[], value: string) => patterns.every((p) => regex(p).test(value));
const typeOf = (value: Json) =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;

/** One character: mostly ASCII, sometimes anything (accents, CJK, emoji, combining marks). */
const character = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
);

/**
 * A string of at most `max` UTF-16 code units and at least `min` code points: within its
 * limits however they are counted. fast-check's integers favour the bounds, so lengths at
 * both limits come up often. Long strings repeat a short random stretch: what matters to a
 * length rule is the length and the kind of characters, and this keeps generation fast.
 */
function text(min: number, max: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min, max }), fc.array(character, { minLength: 1, maxLength: 24 })).map(([length, stretch]) => {
    let built = "";
    let count = 0; // in code points
    for (let i = 0; count < length; i++) {
      const piece = stretch[i % stretch.length];
      if (built.length + piece.length > max) break;
      built += piece;
      count += codePoints(piece).length;
    }
    return count < min ? built + "a".repeat(min - count) : built;
  });
}

/** `base` with its last character repeated while it stays within `max` UTF-16 code units. */
function grownTo(base: string, max: number): string {
  const last = codePoints(base).at(-1);
  if (last === undefined) return base;
  let grown = base;
  while (grown.length + last.length <= max) grown += last;
  return grown;
}

interface Conditional {
  ifPatterns: string[];
  whenMatching: Rules;
  otherwise: Rules;
}

/** A string schema's `if`/`then`/`else`; only an `if` made of patterns is supported. */
function conditionalOf(rules: Rules, where: string): Conditional | undefined {
  if (rules.if === undefined) return undefined;
  const { if: condition, then: whenTrue = {}, else: whenFalse = {}, ...rest } = rules;
  const ifRules = rulesOf(condition, `${where}/if`);
  if (Object.keys(ifRules).some((keyword) => keyword !== "patterns")) {
    throw new Error(`schema-arbitraries: an "if" other than a pattern at ${where} is not supported`);
  }
  return {
    ifPatterns: ifRules.patterns,
    whenMatching: combined(rest as Rules, rulesOf(whenTrue, `${where}/then`), where),
    otherwise: combined(rest as Rules, rulesOf(whenFalse, `${where}/else`), where),
  };
}

/** The rules that apply to a string value once its `if` has been decided. */
function stringRulesFor(rules: Rules, value: string, where: string): Rules {
  const conditional = conditionalOf(rules, where);
  if (!conditional) return rules;
  return matchesAll(conditional.ifPatterns, value) ? conditional.whenMatching : conditional.otherwise;
}

function fitsString(rules: Rules, value: string): boolean {
  const { maxLength = Infinity, minLength = 0, patterns } = rules;
  return value.length <= maxLength && codePoints(value).length >= minLength && matchesAll(patterns, value);
}

function plainString(rules: Rules, where: string): fc.Arbitrary<string> {
  if (rules.format !== undefined && !(formatsImpliedByPattern.has(rules.format) && rules.patterns.length > 0)) {
    throw new Error(`schema-arbitraries: format "${rules.format}" at ${where} is not supported`);
  }
  const min = rules.minLength ?? 0;
  if (rules.patterns.length === 0) return text(min, rules.maxLength ?? min + 40);
  // With a maxLength, keep pattern samples short (larger sizes make `*` patterns huge) and
  // grow some of them to the limit instead.
  const max = rules.maxLength;
  const sample = fc.stringMatching(regex(rules.patterns[0]), { size: max === undefined ? "+1" : "small" });
  const sized = max === undefined ? sample : fc.tuple(sample, fc.boolean()).map(([s, grow]) => (grow ? grownTo(s, max) : s));
  return sized.filter((value) => fitsString(rules, value));
}

function validString(rules: Rules, where: string): fc.Arbitrary<string> {
  const conditional = conditionalOf(rules, where);
  if (!conditional) return plainString(rules, where);
  const { ifPatterns, whenMatching, otherwise } = conditional;
  return fc.oneof(
    plainString(combined(whenMatching, { patterns: ifPatterns }, where), where),
    plainString(otherwise, where).filter((value) => !matchesAll(ifPatterns, value)),
  );
}

/** The exclusions of `dependentSchemas`: when `key` is present, none of `excluded` may be. */
function exclusionsOf(rules: Rules, where: string): Array<{ key: string; excluded: string[] }> {
  return Object.entries(rules.dependentSchemas ?? {}).map(([key, dependent]: [string, any]) => {
    const shape = Object.keys(dependent);
    const excluded = Object.entries(dependent.properties ?? {}).filter(([, schema]) => schema === false).map(([name]) => name);
    if (shape.join() !== "properties" || excluded.length !== Object.keys(dependent.properties).length) {
      throw new Error(`schema-arbitraries: dependentSchemas at ${where} must only exclude properties`);
    }
    return { key, excluded };
  });
}

/** Which branch of a `oneOf` produced each generated object, so mutations know its rules. */
const branchOf = new WeakMap<object, Schema>();

const validCache = new WeakMap<Schema, fc.Arbitrary<Json>>();

/** Any value that `schema` accepts. */
export function validValue(schema: Schema, where = "(body)"): fc.Arbitrary<Json> {
  const cached = validCache.get(schema);
  if (cached) return cached;
  const arbitrary = validValueOf(schema, where);
  validCache.set(schema, arbitrary);
  return arbitrary;
}

/**
 * An `anyOf` of one schema and fixed values (`{type: "null"}`, `{const: ""}`): a field that
 * also takes `null` or `""`. Any other `anyOf` is not supported.
 */
interface Alternatives {
  main: Schema;
  fixed: Json[];
}

function alternativesOf(rules: Rules, where: string): Alternatives {
  if (Object.keys(rules).some((keyword) => keyword !== "anyOf" && keyword !== "patterns")) {
    throw new Error(`schema-arbitraries: keywords beside anyOf at ${where} are not supported`);
  }
  const fixedValue = (branch: Schema): Json[] => {
    const branchRules = rulesOf(branch, where);
    if (branchRules.const !== undefined) return [branchRules.const];
    return branchRules.type === "null" && Object.keys(branchRules).every((k) => k === "type" || k === "patterns") ? [null] : [];
  };
  const main = rules.anyOf.filter((branch: Schema) => fixedValue(branch).length === 0);
  if (main.length !== 1) throw new Error(`schema-arbitraries: anyOf at ${where} must have exactly one branch that is not a fixed value`);
  return { main: main[0], fixed: rules.anyOf.flatMap(fixedValue) };
}

function validValueOf(schema: Schema, where: string): fc.Arbitrary<Json> {
  const rules = rulesOf(schema, where);
  if (Array.isArray(rules.type)) return fc.oneof(...rules.type.map((type: string) => validValueOf({ ...rules, type }, where)));
  if (rules.anyOf) {
    const { main, fixed } = alternativesOf(rules, where);
    return fc.oneof(validValue(main, `${where}/anyOf`), fc.constantFrom(...fixed));
  }
  if (rules.oneOf) {
    if (Object.keys(rules).some((keyword) => keyword !== "oneOf" && keyword !== "patterns")) {
      throw new Error(`schema-arbitraries: keywords beside oneOf at ${where} are not supported`);
    }
    const branches: Array<fc.Arbitrary<Json>> = rules.oneOf.map((branch: Schema, i: number) =>
      validValue(branch, `${where}/oneOf/${i}`).map((value) => {
        if (typeof value !== "object" || value === null) throw new Error(`schema-arbitraries: oneOf branches at ${where} must be objects`);
        branchOf.set(value, branch);
        return value;
      }),
    );
    return fc.oneof(...branches);
  }
  if (rules.const !== undefined) return fc.constant(rules.const);
  if (rules.enum !== undefined) return fc.constantFrom(...(rules.enum as Json[]));
  switch (rules.type) {
    case "string":
      return validString(rules, where);
    case "integer":
      return fc.integer({ min: rules.minimum ?? -(2 ** 31), max: rules.maximum ?? 2 ** 31 - 1 });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const min = rules.minItems ?? 0;
      const item = validValue(rules.items ?? {}, `${where}/items`);
      // Mostly short lists, and now and then (one run in a hundred: five in 500) one as long as
      // allowed. A list of 5000 phones in every run would cost the suite minutes, and the five
      // prove what more would.
      const max = rules.maxItems ?? min + 5;
      const length = fc.oneof({ weight: 99, arbitrary: fc.integer({ min, max: Math.min(max, min + 5) }) }, { weight: 1, arbitrary: fc.constant(max) });
      return length.chain((n) => fc.array(item, { minLength: n, maxLength: n }));
    }
    case "object":
      return validObject(rules, where);
    default:
      throw new Error(`schema-arbitraries: type ${JSON.stringify(rules.type)} at ${where} is not supported`);
  }
}

function validObject(rules: Rules, where: string): fc.Arbitrary<Json> {
  const properties: Record<string, Schema> = rules.properties ?? {};
  const required: string[] = rules.required ?? [];
  for (const name of required) if (!(name in properties)) throw new Error(`schema-arbitraries: required "${name}" at ${where} has no schema`);
  const model = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, validValue(schema, `${where}/${name}`)]));
  const record = fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, Json>>;
  const exclusions = exclusionsOf(rules, where);
  if (exclusions.length === 0) return record;
  // Of two properties that exclude each other, drop one at random, but never a required one.
  return fc.tuple(record, fc.boolean()).map(([value, keepKey]) => {
    const object = { ...value };
    for (const { key, excluded } of exclusions) {
      for (const other of excluded) {
        if (!(key in object) || !(other in object)) continue;
        const drop = required.includes(key) || (keepKey && !required.includes(other)) ? other : key;
        delete object[drop];
      }
    }
    return object;
  });
}

/** The kinds of break `brokenValue` makes, grouped as the conformance test reports them. */
export const breakKinds = {
  "missing required property": "required",
  "unknown property": "unknown property",
  "both of two exclusive properties": "exclusive",
  "wrong type": "type",
  "longer than maxLength": "range",
  "shorter than minLength": "range",
  "not matching its pattern": "range",
  "below minimum": "range",
  "above maximum": "range",
  "not an integer": "range",
  "fewer than minItems": "range",
  "more than maxItems": "range",
  "not the allowed constant": "range",
  "not one of the allowed values": "range",
} as const;
export type BreakKind = keyof typeof breakKinds;

export interface Broken {
  body: Json;
  kind: BreakKind;
  /** JSON pointer of the broken place, "" for the body itself. */
  at: string;
}

interface Mutation {
  kind: BreakKind;
  path: Path;
  /** Built only for the mutation picked: a body has hundreds of places to break. */
  value: () => fc.Arbitrary<Json>;
  /** For a string: the rules of its schema, before any `if` is decided. */
  stringRules?: Rules;
}

const jsonTypes: Record<string, fc.Arbitrary<Json>> = {
  string: fc.string({ maxLength: 12 }),
  integer: fc.integer(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 6 })), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 6 }), fc.integer(), { maxKeys: 2 }),
};

function typesAllowed(rules: Rules): string[] {
  if (rules.oneOf) return rules.oneOf.flatMap((branch: Schema) => typesAllowed(rulesOf(branch)));
  if (rules.anyOf) return rules.anyOf.flatMap((branch: Schema) => typesAllowed(rulesOf(branch)));
  if (rules.const !== undefined) return [typeOf(rules.const)];
  if (rules.type === "number") return ["number", "integer"];
  return Array.isArray(rules.type) ? rules.type : [rules.type];
}

/** A value of a JSON type none of `rules` allows. */
function wrongType(allowed: string[]): fc.Arbitrary<Json> {
  return fc.oneof(...Object.entries(jsonTypes).filter(([type]) => !allowed.includes(type)).map(([, arbitrary]) => arbitrary));
}

/** `value` with one more property, set even when its name is `__proto__`. */
function withProperty(value: Record<string, Json>, name: string, added: Json): Record<string, Json> {
  const copy = { ...value };
  Object.defineProperty(copy, name, { value: added, enumerable: true, writable: true, configurable: true });
  return copy;
}

function without(value: Record<string, Json>, name: string): Record<string, Json> {
  const copy = { ...value };
  delete copy[name];
  return copy;
}

/** `value` grown beyond `max` in code points (so beyond it in UTF-16 units too). */
function tooLong(value: string, max: number): fc.Arbitrary<Json> {
  const pieces = codePoints(value);
  const filler = pieces.length > 0 ? fc.constantFrom(...pieces) : character;
  return fc.tuple(filler, fc.integer({ min: 1, max: 5 })).map(([piece, extra]) => {
    const missing = max + extra - pieces.length;
    return value + piece.repeat(Math.max(1, Math.ceil(missing / codePoints(piece).length)));
  });
}

/** A string that breaks `pattern`: `value` with one character inserted, or anything at all. */
function notMatching(value: string, pattern: string): fc.Arbitrary<Json> {
  const pieces = codePoints(value);
  const nearMiss = fc
    .tuple(fc.nat({ max: pieces.length }), character)
    .map(([at, piece]) => [...pieces.slice(0, at), piece, ...pieces.slice(at)].join(""));
  return fc.oneof(nearMiss, fc.string({ maxLength: 20 })).filter((candidate) => !regex(pattern).test(candidate));
}

/** Every way to break `value` in one place, found by walking it beside its schema. */
function mutationsOf(schema: Schema, value: Json, path: Path, branches?: Rules[]): Mutation[] {
  const where = pointer(path) || "(body)";
  const rules = rulesOf(schema, where);
  if (rules.anyOf) {
    const { main, fixed } = alternativesOf(rules, where);
    const allowed = typesAllowed(rules);
    if (fixed.includes(value)) return [{ kind: "wrong type", path, value: () => wrongType(allowed) }];
    // A break of the value itself must not turn it into one of the fixed values the field also takes.
    return mutationsOf(main, value, path).map((mutation) =>
      pointer(mutation.path) !== pointer(path)
        ? mutation
        : mutation.kind === "wrong type"
          ? { ...mutation, value: () => wrongType(allowed) }
          : { ...mutation, value: () => mutation.value().filter((broken) => !fixed.includes(broken)) },
    );
  }
  if (rules.oneOf) {
    const branch = branchOf.get(value as object);
    if (!branch) throw new Error(`schema-arbitraries: no branch recorded for ${where}`);
    return mutationsOf(branch, value, path, rules.oneOf.map((b: Schema) => rulesOf(b, where)));
  }
  const mutations: Mutation[] = [{ kind: "wrong type", path, value: () => wrongType((branches ?? [rules]).flatMap(typesAllowed)) }];
  if (rules.const !== undefined) {
    mutations.push({ kind: "not the allowed constant", path, value: () => wrongValueOfType(rules.const, [rules.const]) });
  } else if (rules.enum !== undefined) {
    mutations.push({ kind: "not one of the allowed values", path, value: () => wrongValueOfType(rules.enum[0], rules.enum) });
  } else if (typeof value === "string") {
    mutations.push(...stringMutations(rules, value, path, where));
  } else if (typeof value === "number") {
    const { minimum, maximum } = rules;
    if (minimum !== undefined) mutations.push({ kind: "below minimum", path, value: () => fc.integer({ min: minimum - 1000, max: minimum - 1 }) });
    if (maximum !== undefined) mutations.push({ kind: "above maximum", path, value: () => fc.integer({ min: maximum + 1, max: maximum + 1000 }) });
    if (rules.type === "integer") mutations.push({ kind: "not an integer", path, value: () => fc.constant(value + 0.5) });
  } else if (Array.isArray(value)) {
    const { minItems = 0, maxItems } = rules;
    if (minItems > 0) mutations.push({ kind: "fewer than minItems", path, value: () => fc.constant(value.slice(0, minItems - 1)) });
    if (maxItems !== undefined) {
      // A few distinct valid items repeated past the limit: generating thousands of distinct
      // ones would cost more than the whole rest of the run and test nothing more.
      const items = () =>
        fc
          .tuple(fc.array(validValue(rules.items, `${where}/items`), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }))
          .map(([distinct, over]) => Array.from({ length: maxItems + over }, (_, i) => distinct[i % distinct.length]));
      mutations.push({ kind: "more than maxItems", path, value: items });
    }
    // Every item has the same schema: breaking the first, the middle or the last is enough,
    // and keeps a body with a thousand groups from offering thousands of places.
    for (const i of new Set([0, Math.floor(value.length / 2), value.length - 1].filter((i) => i >= 0))) {
      mutations.push(...mutationsOf(rules.items ?? {}, value[i], [...path, i]));
    }
  } else if (typeof value === "object" && value !== null) {
    mutations.push(...objectMutations(rules, value, path, where, branches ?? [rules]));
    for (const [name, property] of Object.entries(value)) {
      mutations.push(...mutationsOf(rules.properties[name], property, [...path, name]));
    }
  }
  return mutations;
}

function wrongValueOfType(example: Json, allowed: Json[]): fc.Arbitrary<Json> {
  const sameType = typeof example === "string" ? fc.string({ maxLength: 12 }) : jsonTypes[typeOf(example)];
  return sameType.filter((candidate) => !allowed.includes(candidate));
}

function stringMutations(schemaRules: Rules, value: string, path: Path, where: string): Mutation[] {
  const rules = stringRulesFor(schemaRules, value, where);
  const mutations: Mutation[] = [];
  if (rules.maxLength !== undefined) {
    mutations.push({ kind: "longer than maxLength", path, value: () => tooLong(value, rules.maxLength), stringRules: schemaRules });
  }
  if ((rules.minLength ?? 0) > 0) {
    const shorter = codePoints(value).slice(0, rules.minLength - 1).join("");
    mutations.push({ kind: "shorter than minLength", path, value: () => fc.constant(shorter) });
  }
  for (const pattern of rules.patterns) mutations.push({ kind: "not matching its pattern", path, value: () => notMatching(value, pattern) });
  return mutations;
}

function objectMutations(rules: Rules, value: Record<string, Json>, path: Path, where: string, branches: Rules[]): Mutation[] {
  const mutations: Mutation[] = [];
  // Removing a property only breaks a oneOf branch for sure when every branch requires it.
  const requiredEverywhere = (rules.required ?? []).filter((name: string) => branches.every((b) => (b.required ?? []).includes(name)));
  for (const name of requiredEverywhere) {
    mutations.push({ kind: "missing required property", path, value: () => fc.constant(without(value, name)) });
  }
  if (rules.additionalProperties === false) {
    // A name no branch knows, so the extra property cannot turn the value into another branch.
    const known = new Set(branches.flatMap((b) => Object.keys(b.properties ?? {})));
    const name = fc.string({ maxLength: 16 }).filter((candidate) => !known.has(candidate));
    mutations.push({ kind: "unknown property", path, value: () => fc.tuple(name, jsonTypes.string).map(([n, v]) => withProperty(value, n, v)) });
  }
  for (const { key, excluded } of exclusionsOf(rules, where)) {
    for (const other of excluded) {
      const both = () =>
        fc
          .tuple(validValue(rules.properties[key], `${where}/${key}`), validValue(rules.properties[other], `${where}/${other}`))
          .map(([first, second]) => ({ ...value, [key]: first, [other]: second }));
      mutations.push({ kind: "both of two exclusive properties", path, value: both });
    }
  }
  return mutations;
}

const pointer = (path: Path) => path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

function replaced(body: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy: any = structuredClone(body);
  const parent = path.slice(0, -1).reduce((node, key) => node[key], copy);
  parent[path.at(-1)!] = value;
  return copy;
}

/**
 * A value `schema` accepts, broken in exactly one place. The kind of break is picked first,
 * then the place, so that rare kinds (two exclusive properties) are as common as others.
 */
export function brokenValue(schema: Schema): fc.Arbitrary<Broken> {
  return validValue(schema).chain((body) => {
    const byKind = new Map<BreakKind, Mutation[]>();
    for (const mutation of mutationsOf(schema, body, [])) {
      byKind.set(mutation.kind, [...(byKind.get(mutation.kind) ?? []), mutation]);
    }
    return fc
      .constantFrom(...byKind.keys())
      .chain((kind) => fc.constantFrom(...byKind.get(kind)!))
      .chain(({ kind, path, value }) => value().map((broken) => ({ body: replaced(body, path, broken), kind, at: pointer(path) })));
  });
}

/**
 * A value `schema` accepts with one string made longer than its maxLength in UTF-16 code
 * units while staying within it in code points, written with characters outside the Basic
 * Multilingual Plane (two code units each). The platform refuses such a value; a validator
 * that counts code points, as JSON Schema does, accepts it.
 */
export function utf16Overflows(schema: Schema): fc.Arbitrary<Broken> {
  const astral = fc.integer({ min: 0x1f300, max: 0x1f64f }).map((code) => String.fromCodePoint(code));
  const limitsFor = (rules: Rules, value: string) => stringRulesFor(rules, value, "(utf16Overflows)");
  return validValue(schema).chain((body) => {
    const places = mutationsOf(schema, body, [])
      .filter((m) => m.kind === "longer than maxLength" && m.stringRules!.patterns.length === 0)
      .map((m) => ({ path: m.path, rules: m.stringRules!, max: limitsFor(m.stringRules!, "\u{1F600}").maxLength as number }))
      .filter(({ max }) => max >= 2);
    if (places.length === 0) throw new Error("schema-arbitraries: the body has no unpatterned string with a maxLength");
    return fc.constantFrom(...places).chain(({ path, rules, max }) =>
      fc
        .array(astral, { minLength: Math.floor(max / 2) + 1, maxLength: max })
        .map((pieces) => pieces.join(""))
        .filter((value) => {
          const limits = limitsFor(rules, value);
          const withinInCodePoints = fitsString({ ...limits, maxLength: Infinity }, value) && codePoints(value).length <= limits.maxLength;
          return value.length > limits.maxLength && withinInCodePoints;
        })
        .map((value) => ({ body: replaced(body, path, value), kind: "longer than maxLength" as const, at: pointer(path) })),
    );
  });
}
