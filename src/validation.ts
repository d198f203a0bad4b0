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

type Branches = BodyCheck["oneOfBranches"];

const shapeKeywords = new Set(["required", "additionalProperties", "type"]);

/** The issues of `data` against `check`, worded for the client; empty when it is valid. Throws what a getter in `data` throws. */
export function findIssues(check: BodyCheck, data: unknown): ValidationIssue[] {
  const seen = new Set<string>();
  return findProblems(check, data)
    .map(issueOf)
    .filter((issue) => {
      const key = `${issue.path}\u0000${issue.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** The problems of `data` against one input's `check`; empty when it is valid. Throws what a getter in `data` throws. */
export function findProblems({ validate, oneOfBranches, sizeLimits }: BodyCheck, data: unknown): Problem[] {
  const checked = withinLimits(data, sizeLimits);
  if (validate(checked)) return [];
  return explain(validate.errors ?? [], checked, "", oneOfBranches);
}

/** A problem as the client words it. */
export function issueOf({ at, rule, params }: Problem): ValidationIssue {
  const path = render(at);
  switch (rule) {
    case "required":
      return { path, message: "is required" };
    case "unknown":
      return { path, message: "is not a known field" };
    case "exclusive":
      return { path: `${path}, ${render(String(params.with))}`, message: "only one may be given" };
    case "ambiguous":
      return { path, message: "matches more than one of the allowed forms" };
    case "forms":
      return { path, message: formsMessage(params) };
    default:
      return { path, message: ruleMessage(rule, params) };
  }
}

/**
 * `data`, or, when it holds an array or a string longer than the spec allows, a copy in which
 * each of those is cut to one item or character past its limit. The validators report that
 * limit just as they would on the whole, and never walk the rest: a body of a million cards,
 * or a string of a hundred million characters, costs what eleven cards or a few hundred
 * characters cost. Copies are made only along the way to what is cut; nothing else is read.
 */
function withinLimits(data: unknown, limits: SizeLimits | undefined): unknown {
  if (limits === undefined) return data;
  if (typeof data === "string") {
    return limits.maxLength !== undefined && data.length > limits.maxLength + 1 ? data.slice(0, limits.maxLength + 1) : data;
  }
  if (Array.isArray(data)) {
    const kept = limits.maxItems !== undefined && data.length > limits.maxItems + 1 ? data.slice(0, limits.maxItems + 1) : data;
    if (limits.items === undefined) return kept;
    let copy = kept === data ? undefined : kept;
    for (let i = 0; i < kept.length; i++) {
      const item = withinLimits(kept[i], limits.items);
      if (item !== kept[i]) (copy ??= [...kept])[i] = item;
    }
    return copy ?? kept;
  }
  if (typeof data !== "object" || data === null || limits.properties === undefined) return data;
  let copy: object | undefined;
  for (const name in limits.properties) {
    const value = (data as Record<string, unknown>)[name];
    const cut = withinLimits(value, limits.properties[name]);
    if (cut === value) continue;
    // Same prototype and property descriptors (getters are not called): the validators see
    // the same object, but for the one value cut short.
    copy ??= Object.create(Object.getPrototypeOf(data), Object.getOwnPropertyDescriptors(data)) as object;
    Object.defineProperty(copy, name, { value: cut, enumerable: true, writable: true, configurable: true });
  }
  return copy ?? data;
}

function explain(errors: CompiledValidatorError[], data: unknown, base: string, branches: Branches): Problem[] {
  // A failed `oneOf` is explained by re-checking its part of the body against each branch, so
  // its own errors (every branch's complaints, mixed) are set aside. The body was cut to the
  // spec's limits, so there are never many of either.
  const oneOfs = errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath);
  const within = (path: string, at: string) => path === at || path.startsWith(`${at}/`);
  const failedOneOfs = [...new Set(oneOfs)].filter((at) => !oneOfs.some((outer) => outer !== at && within(at, outer)));
  // A failed `anyOf` becomes one problem naming every form its branches accept, in place of
  // each branch's complaint.
  const failedAnyOfs = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const problems: Problem[] = [];
  for (const error of errors) {
    const path = error.instancePath;
    if (failedOneOfs.some((at) => within(path, at))) continue;
    if (error.keyword === "anyOf") {
      const branchErrors = errors.filter((e) => e !== error && e.instancePath === path);
      problems.push({ at: base + path, rule: "forms", params: { alternatives: alternatives(branchErrors) } });
    } else if (!failedAnyOfs.has(path)) {
      const problem = describe(error, base + path);
      if (problem) problems.push(problem);
    }
  }
  for (const at of failedOneOfs) problems.push(...explainOneOf(valueAtPointer(data, at), base + at, branches));
  return problems;
}

function explainOneOf(data: unknown, at: string, branches: Branches): Problem[] {
  const validators = branches[at.replace(/\/\d+(?=\/|$)/g, "/*")];
  if (!validators) return [{ at, rule: "forms", params: {} }];
  const attempts = validators.map((validate) => {
    const errors = validate(data) ? [] : [...(validate.errors ?? [])];
    return { errors, shape: errors.filter((e) => e.instancePath === "" && shapeKeywords.has(e.keyword)) };
  });
  if (attempts.some((attempt) => attempt.errors.length === 0)) return [{ at, rule: "ambiguous", params: {} }];
  // The branch whose shape fits best is the one the caller meant; report its problems.
  const fewest = Math.min(...attempts.map((attempt) => attempt.shape.length));
  const closest = attempts.filter((attempt) => attempt.shape.length === fewest);
  if (closest.length === 1) return explain(closest[0].errors, data, at, branches);
  return explainShapes(closest.map((attempt) => attempt.shape), at);
}

/** Explains a body that fits several forms equally badly, from what each form lacks or refuses. */
function explainShapes(shapes: CompiledValidatorError[][], at: string): Problem[] {
  const wrongType = shapes.flat().find((e) => e.keyword === "type");
  if (wrongType) return [{ at, rule: "type", params: wrongType.params }];

  const extras = shapes.map((shape) => shape.filter((e) => e.keyword === "additionalProperties").map((e) => String(e.params.additionalProperty)));
  const unknownEverywhere = extras[0].filter((name) => extras.every((list) => list.includes(name)));
  const onlyOne = [...new Set(extras.flat())].filter((name) => !unknownEverywhere.includes(name)).sort();
  const needs = shapes.map((shape) => shape.filter((e) => e.keyword === "required").map((e) => String(e.params.missingProperty)));

  const problems: Problem[] = unknownEverywhere.map((name) => ({ at: `${at}/${pointerSegment(name)}`, rule: "unknown", params: {} }));
  if (onlyOne.length > 0) problems.push({ at, rule: "forms", params: { onlyOne } });
  else if (needs.every((names) => names.length > 0)) problems.push({ at, rule: "forms", params: { needs } });
  return problems;
}

function describe(error: CompiledValidatorError, at: string): Problem | undefined {
  const { keyword, params } = error;
  switch (keyword) {
    case "required":
      return { at: `${at}/${pointerSegment(String(params.missingProperty))}`, rule: "required", params };
    case "additionalProperties":
      return { at: `${at}/${pointerSegment(String(params.additionalProperty))}`, rule: "unknown", params };
    case "false schema": {
      // `dependentSchemas: {a: {properties: {b: false}}}`: a and b exclude each other.
      const pair = /\/dependentSchemas\/([^/]+)\/properties\/([^/]+)\//.exec(error.schemaPath ?? "");
      if (!pair) return { at, rule: "not", params };
      const parent = at.slice(0, at.lastIndexOf("/"));
      return { at: `${parent}/${pair[1]}`, rule: "exclusive", params: { with: `${parent}/${pair[2]}` } };
    }
    case "if":
      return undefined; // the `then` or `else` that failed reports the actual problem
    default:
      return { at, rule: keyword, params };
  }
}

function ruleMessage(keyword: string, params: Record<string, unknown>): string {
  const limit = params.limit as number;
  switch (keyword) {
    case "type":
      return `must be ${typeNames(String(params.type))}`;
    case "maxLength":
      return `must have at most ${limit} characters`;
    case "minLength":
      return limit === 1 ? "must not be empty" : `must have at least ${limit} characters`;
    case "maxItems":
      return `must have at most ${limit} items`;
    case "minItems":
      return `must have at least ${limit} item${limit === 1 ? "" : "s"}`;
    case "maximum":
      return `must be at most ${limit}`;
    case "minimum":
      return `must be at least ${limit}`;
    case "pattern":
      return `must match the pattern ${String(params.pattern)}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "not":
      return "is not allowed";
    default:
      return `breaks the rule "${keyword}"`;
  }
}

/** What the forms of a failed `oneOf` or `anyOf` would take, from its branches' complaints; undefined when that cannot be said simply. */
function alternatives(branchErrors: CompiledValidatorError[]): Array<{ keyword: string; params: Record<string, unknown> }> | undefined {
  if (branchErrors.some((e) => shapeKeywords.has(e.keyword) && e.keyword !== "type")) return undefined;
  const types = branchErrors.filter((e) => e.keyword === "type").map((e) => String(e.params.type));
  const values = branchErrors.filter((e) => e.keyword === "enum").flatMap((e) => e.params.allowedValues as unknown[]);
  const rules = branchErrors.filter((e) => e.keyword !== "type" && e.keyword !== "enum");
  const all = [
    ...(types.length > 0 ? [{ keyword: "type", params: { type: types.join(",") } }] : []),
    ...(values.length > 0 ? [{ keyword: "enum", params: { allowedValues: values } }] : []),
    ...rules.map(({ keyword, params }) => ({ keyword, params })),
  ];
  return all.length > 0 ? all : undefined;
}

/** `must have \`media\` or \`text\``, `must be an integer or null`, … */
function formsMessage({ needs, onlyOne, alternatives }: Record<string, unknown>): string {
  const quoted = (names: string[]) => names.map((name) => `\`${name}\``);
  if (Array.isArray(onlyOne)) return `must have only one of ${quoted(onlyOne).join(", ")}`;
  if (Array.isArray(needs)) return `must have ${(needs as string[][]).map((names) => quoted(names).join(" and ")).join(" or ")}`;
  if (Array.isArray(alternatives)) return alternatives.map(({ keyword, params }) => ruleMessage(keyword, params)).join(" or ");
  return "does not match any of the allowed forms";
}

function typeNames(types: string): string {
  const article = (name: string) => (name === "null" ? "null" : /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`);
  return types.split(",").map(article).join(" or ");
}

/** JSON pointer → `options.cards[0].title`; the empty pointer is the body itself. */
function render(pointer: string): string {
  if (pointer === "") return "(body)";
  return pointerKeys(pointer)
    .map((key, i) => {
      if (/^\d+$/.test(key)) return `[${key}]`;
      const shown = key.length > 64 ? `${key.slice(0, 61)}...` : key;
      if (/^[A-Za-z_$][\w$]*$/.test(shown)) return i === 0 ? shown : `.${shown}`;
      return `[${JSON.stringify(shown)}]`;
    })
    .join("");
}

