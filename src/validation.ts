// Checks a request's inputs with the validators precompiled from the spec, and turns their raw
// findings into problems a person can act on: where (a JSON pointer) and what rule. The client
// words them as issues (`sender: must have at most 40 characters`); the mock words the same
// problems as the platform does. Both steps take time in proportion to the spec's limits, not
// to the size of the input.
import type { BodyCheck, CompiledValidatorError, SizeLimits } from "../generated/validators.js";
import type { ValidationIssue } from "./errors.js";
import { pointerKeys, pointerSegment, valueAtPointer } from "./json-pointer.js";

/**
 * One problem: `at` points to the value at fault (for a missing or unknown field, the field
 * itself), `rule` names what it breaks — a JSON Schema keyword with Ajv's `params`, or:
 * - `unknown`: a field the spec does not have;
 * - `exclusive`: this field and the one at `params.with` may not be given together;
 * - `forms`: it fits none of the forms a `oneOf` or `anyOf` allows (`params.needs`: the
 *   fields one of them requires, `params.onlyOne`: the fields that tell them apart and were
 *   all given, `params.alternatives`: the types, values and rules the forms would take);
 * - `ambiguous`: it fits more than one form.
 */
export interface Problem {
  at: string;
  rule: string;
  params: Record<string, unknown>;
}

type Params = Record<string, unknown>;
type Branches = BodyCheck["oneOfBranches"];

const shapeKeywords = new Set(["required", "additionalProperties", "type"]);

/** The issues of `data` against `check`, worded for the client; empty when it is valid. Throws what a getter in `data` throws. */
export function findIssues(check: BodyCheck, data: unknown): ValidationIssue[] {
  const issues = findProblems(check, data).map(issueOf);
  // Each issue once, where it was first found: keyed by path and message.
  return [...new Map(issues.map((issue) => [`${issue.path}\u0000${issue.message}`, issue])).values()];
}

/** The problems of `data` against one input's `check`; empty when it is valid. Throws what a getter in `data` throws. */
export function findProblems({ validate, oneOfBranches, sizeLimits }: BodyCheck, data: unknown): Problem[] {
  const checked = withinLimits(data, sizeLimits);
  return validate(checked) ? [] : explain(validate.errors ?? [], checked, "", oneOfBranches);
}

/** A problem as the client words it. */
export function issueOf({ at, rule, params }: Problem): ValidationIssue {
  if (rule === "exclusive") return { path: `${render(at)}, ${render(String(params.with))}`, message: "only one may be given" };
  return { path: render(at), message: messageOf(rule, params) };
}

/**
 * `data`, or, when it holds an array or a string longer than the spec allows, a copy in which
 * each of those is cut to one item or character past its limit. The validators report that
 * limit just as they would on the whole, and never walk the rest: a body of a million cards,
 * or a string of a hundred million characters, costs what eleven cards or a few hundred
 * characters cost. Copies are made only along the way to what is cut; nothing else is read.
 */
function withinLimits(data: unknown, limits: SizeLimits = {}): unknown {
  const limit = typeof data === "string" ? limits.maxLength : Array.isArray(data) ? limits.maxItems : undefined;
  const kept = limit !== undefined && (data as string | unknown[]).length > limit + 1 ? (data as string | unknown[]).slice(0, limit + 1) : data;
  if (typeof kept !== "object" || kept === null) return kept;
  let copy = kept === data ? undefined : kept;
  const cutAt = (key: string | number, innerLimits: SizeLimits | undefined) => {
    const value = (kept as Params)[key];
    const cut = withinLimits(value, innerLimits);
    if (cut === value) return;
    // Same prototype and property descriptors (getters are not called): the validators see
    // the same object, but for the one value cut short.
    copy ??= Array.isArray(kept) ? [...kept] : (Object.create(Object.getPrototypeOf(data), Object.getOwnPropertyDescriptors(data)) as object);
    Object.defineProperty(copy, key, { value: cut, enumerable: true, writable: true, configurable: true });
  };
  // Each item of an array has the array's `items` limits; each field its own. Walked without
  // building lists of pairs: it runs twice for every call.
  if (Array.isArray(kept)) {
    if (limits.items) for (let at = 0; at < kept.length; at++) cutAt(at, limits.items);
  } else {
    for (const key of Object.keys(limits.properties ?? {})) cutAt(key, limits.properties![key]);
  }
  return copy ?? kept;
}

function explain(errors: CompiledValidatorError[], data: unknown, base: string, branches: Branches): Problem[] {
  // A failed `oneOf` is explained by re-checking its part of the body against each branch, so
  // its own errors (every branch's complaints, mixed) are set aside. The body was cut to the
  // spec's limits, so there are never many of either.
  const oneOfs = errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath);
  const failedOneOfs = [...new Set(oneOfs)].filter((at) => !oneOfs.some((outer) => outer !== at && isWithin(at, outer)));
  // A failed `anyOf` becomes one problem naming every form its branches accept, in place of
  // each branch's complaint.
  const failedAnyOfs = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const problems = errors.flatMap((error): Problem[] => {
    const path = error.instancePath;
    if (failedOneOfs.some((at) => isWithin(path, at))) return [];
    if (error.keyword === "anyOf") {
      const branchErrors = errors.filter((e) => e !== error && e.instancePath === path);
      return [problem(base + path, "forms", { alternatives: alternatives(branchErrors) })];
    }
    return failedAnyOfs.has(path) ? [] : describe(error, base + path);
  });
  return problems.concat(failedOneOfs.flatMap((at) => explainOneOf(valueAtPointer(data, at), base + at, branches)));
}

function explainOneOf(data: unknown, at: string, branches: Branches): Problem[] {
  const validators = branches[at.replace(/\/\d+(?=\/|$)/g, "/*")];
  if (!validators) return [problem(at, "forms")];
  const attempts = validators.map((validate) => (validate(data) ? [] : [...(validate.errors ?? [])]));
  if (attempts.some((errors) => errors.length === 0)) return [problem(at, "ambiguous")];
  // The branch whose shape fits best is the one the caller meant; report its problems.
  const shapes = attempts.map((errors) => errors.filter((e) => e.instancePath === "" && shapeKeywords.has(e.keyword)));
  const fewest = Math.min(...shapes.map((shape) => shape.length));
  const closest = shapes.filter((shape) => shape.length === fewest);
  if (closest.length === 1) return explain(attempts[shapes.indexOf(closest[0])], data, at, branches);
  return explainShapes(closest, at);
}

/** Explains a body that fits several forms equally badly, from what each form lacks or refuses. */
function explainShapes(shapes: CompiledValidatorError[][], at: string): Problem[] {
  const wrongType = shapes.flat().find((e) => e.keyword === "type");
  if (wrongType) return [problem(at, "type", wrongType.params)];

  const extras = shapes.map((shape) => new Set(paramsOf(shape, "additionalProperties", "additionalProperty")));
  const unknownInAll = (name: unknown) => extras.every((names) => names.has(name));
  const onlyOne = [...new Set(extras.flatMap((names) => [...names]))].filter((name) => !unknownInAll(name)).sort();
  const needs = shapes.map((shape) => paramsOf(shape, "required", "missingProperty"));

  const problems = [...extras[0]].filter(unknownInAll).map((name) => problem(childOf(at, name), "unknown"));
  if (onlyOne.length > 0) problems.push(problem(at, "forms", { onlyOne }));
  else if (needs.every((names) => names.length > 0)) problems.push(problem(at, "forms", { needs }));
  return problems;
}

/** One Ajv error as a problem, or none where another error says it better. */
function describe({ keyword, params, schemaPath }: CompiledValidatorError, at: string): Problem[] {
  if (keyword === "if") return []; // the `then` or `else` that failed reports the actual problem
  if (keyword === "required") return [problem(childOf(at, params.missingProperty), keyword, params)];
  if (keyword === "additionalProperties") return [problem(childOf(at, params.additionalProperty), "unknown", params)];
  if (keyword !== "false schema") return [problem(at, keyword, params)];
  // `dependentSchemas: {a: {properties: {b: false}}}`: a and b exclude each other; `at` is b.
  const given = /\/dependentSchemas\/([^/]+)\/properties\//.exec(schemaPath ?? "");
  if (!given) return [problem(at, "not", params)];
  return [problem(`${at.slice(0, at.lastIndexOf("/"))}/${given[1]}`, "exclusive", { with: at })];
}

/** How the client words each rule; any other reads `breaks the rule "…"`. */
const messages: Record<string, (params: Params) => string> = {
  required: () => "is required",
  unknown: () => "is not a known field",
  ambiguous: () => "matches more than one of the allowed forms",
  forms: formsMessage,
  not: () => "is not allowed",
  type: ({ type }) => `must be ${typeNames(String(type))}`,
  maxLength: ({ limit }) => `must have at most ${limit} characters`,
  minLength: ({ limit }) => (limit === 1 ? "must not be empty" : `must have at least ${limit} characters`),
  maxItems: ({ limit }) => `must have at most ${limit} items`,
  minItems: ({ limit }) => `must have at least ${limit} item${limit === 1 ? "" : "s"}`,
  maximum: ({ limit }) => `must be at most ${limit}`,
  minimum: ({ limit }) => `must be at least ${limit}`,
  pattern: ({ pattern }) => `must match the pattern ${pattern}`,
  const: ({ allowedValue }) => `must be ${JSON.stringify(allowedValue)}`,
  enum: ({ allowedValues }) => `must be one of ${(allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`,
};

function messageOf(rule: string, params: Params): string {
  return Object.hasOwn(messages, rule) ? messages[rule](params) : `breaks the rule "${rule}"`;
}

/** What the forms of a failed `oneOf` or `anyOf` would take, from its branches' complaints; undefined when that cannot be said simply. */
function alternatives(branchErrors: CompiledValidatorError[]): Array<{ keyword: string; params: Params }> | undefined {
  if (branchErrors.some((e) => e.keyword === "required" || e.keyword === "additionalProperties")) return undefined;
  const types = paramsOf(branchErrors, "type", "type");
  const values = paramsOf(branchErrors, "enum", "allowedValues").flat();
  const all = branchErrors.filter((e) => e.keyword !== "type" && e.keyword !== "enum").map(({ keyword, params }) => ({ keyword, params }));
  // First the types the forms take, then their values, then their other rules.
  if (values.length > 0) all.unshift({ keyword: "enum", params: { allowedValues: values } });
  if (types.length > 0) all.unshift({ keyword: "type", params: { type: types.join(",") } });
  return all.length > 0 ? all : undefined;
}

/** `must have \`media\` or \`text\``, `must be an integer or null`, … */
function formsMessage({ needs, onlyOne, alternatives }: Params): string {
  const quoted = (names: string[]) => names.map((name) => `\`${name}\``);
  if (Array.isArray(onlyOne)) return `must have only one of ${quoted(onlyOne).join(", ")}`;
  if (Array.isArray(needs)) return `must have ${(needs as string[][]).map((names) => quoted(names).join(" and ")).join(" or ")}`;
  if (Array.isArray(alternatives)) return alternatives.map(({ keyword, params }) => messageOf(keyword, params)).join(" or ");
  return "does not match any of the allowed forms";
}

/** `string,null` → `a string or null`. */
function typeNames(types: string): string {
  return types
    .split(",")
    .map((name) => (name === "null" ? name : /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`))
    .join(" or ");
}

function problem(at: string, rule: string, params: Params = {}): Problem {
  return { at, rule, params };
}

/** The `name` param of each error of `keyword`. */
function paramsOf(errors: CompiledValidatorError[], keyword: string, name: string): unknown[] {
  return errors.filter((e) => e.keyword === keyword).map((e) => e.params[name]);
}

/** The pointer to field `name` of the value at `at`. */
function childOf(at: string, name: unknown): string {
  return `${at}/${pointerSegment(String(name))}`;
}

/** Whether the value at `path` is the one at `at` or inside it. */
function isWithin(path: string, at: string): boolean {
  return `${path}/`.startsWith(`${at}/`);
}

/** JSON pointer → `options.cards[0].title`; the empty pointer is the body itself. */
function render(pointer: string): string {
  const shown = pointerKeys(pointer).map((key, i) => {
    if (/^\d+$/.test(key)) return `[${key}]`;
    // A name of up to 64 characters as it is; any other key quoted, and cut short if longer.
    if (/^[A-Za-z_$][\w$]{0,63}$/.test(key)) return i === 0 ? key : `.${key}`;
    return `[${JSON.stringify(key.length > 64 ? `${key.slice(0, 61)}...` : key)}]`;
  });
  return shown.join("") || "(body)";
}
