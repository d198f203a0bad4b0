// Checks request bodies with the validators precompiled from the spec, and turns their
// raw findings into issues a person can act on: `sender: must have at most 40 characters`.
// Both steps take time in proportion to the spec's limits, not to the size of the body.
import type { BodyCheck, CompiledValidatorError, SizeLimits } from "../generated/validators.js";
import type { ValidationIssue } from "./errors.js";

type Branches = BodyCheck["oneOfBranches"];

const shapeKeywords = new Set(["required", "additionalProperties", "type"]);
const nameKeywords = new Set(["not", "pattern", "maxLength", "minLength", "enum", "const"]);

/**
 * The issues of `data` against one body's `check`; empty when it is valid. Throws whatever a
 * getter or Proxy trap in `data` throws.
 */
export function findIssues({ validate, oneOfBranches, sizeLimits }: BodyCheck, data: unknown): ValidationIssue[] {
  const checked = withinLimits(data, sizeLimits);
  if (validate(checked)) return [];
  return explain(validate.errors ?? [], checked, "", oneOfBranches);
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

function explain(errors: CompiledValidatorError[], data: unknown, base: string, branches: Branches): ValidationIssue[] {
  // A failed `oneOf` is explained by re-checking its part of the body against each branch,
  // so its own errors (every branch's complaints, mixed) are set aside.
  const failedOneOfs = outermost(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const insideFailedOneOf = withinAny(failedOneOfs);
  const aboutNames = nameErrors(errors);
  // A failed `anyOf` (tolerant callback fields) becomes one issue that names every form its
  // branches accept, in place of each branch's complaint.
  const failedAnyOfs = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const errorsAt = groupBy(errors.filter((e) => failedAnyOfs.has(e.instancePath)), (e) => e.instancePath);
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    if (aboutNames.has(error) || insideFailedOneOf(error.instancePath)) continue;
    if (error.keyword === "anyOf") {
      const branchErrors = errorsAt.get(error.instancePath)!.filter((e) => e !== error);
      issues.push({ path: render(base + error.instancePath), message: alternatives(branchErrors) });
      continue;
    }
    if (failedAnyOfs.has(error.instancePath)) continue;
    const issue = describe(error, base);
    if (issue) issues.push(issue);
  }
  for (const at of failedOneOfs) issues.push(...explainOneOf(valueAt(data, at), base + at, branches));
  return unique(issues);
}

/**
 * The errors a `propertyNames` schema raised about one property name. Ajv reports them just
 * before the `propertyNames` error that names the property, which alone is worth reporting.
 */
function nameErrors(errors: CompiledValidatorError[]): Set<CompiledValidatorError> {
  const found = new Set<CompiledValidatorError>();
  errors.forEach((error, i) => {
    if (error.keyword !== "propertyNames") return;
    for (let j = i - 1; j >= 0 && errors[j].instancePath === error.instancePath && nameKeywords.has(errors[j].keyword); j--) {
      found.add(errors[j]);
    }
  });
  return found;
}

function explainOneOf(data: unknown, at: string, branches: Branches): ValidationIssue[] {
  const validators = branches[at.replace(/\/\d+(?=\/|$)/g, "/*")];
  if (!validators) return [{ path: render(at), message: "does not match any of the allowed forms" }];
  const attempts = validators.map((validate) => {
    const valid = validate(data);
    const errors = valid ? [] : [...(validate.errors ?? [])];
    return { errors, shape: errors.filter((e) => e.instancePath === "" && shapeKeywords.has(e.keyword)) };
  });
  if (attempts.some((attempt) => attempt.errors.length === 0)) {
    return [{ path: render(at), message: "matches more than one of the allowed forms" }];
  }
  // The branch whose shape fits best is the one the caller meant; report its problems.
  const fewest = Math.min(...attempts.map((attempt) => attempt.shape.length));
  const closest = attempts.filter((attempt) => attempt.shape.length === fewest);
  if (closest.length === 1) return explain(closest[0].errors, data, at, branches);
  return explainShapes(closest.map((attempt) => attempt.shape), at);
}

/** Explains a body that fits several forms equally badly, from what each form lacks or refuses. */
function explainShapes(shapes: CompiledValidatorError[][], at: string): ValidationIssue[] {
  const wrongType = shapes.flat().find((e) => e.keyword === "type");
  if (wrongType) return [{ path: render(at), message: typeMessage(wrongType.params.type) }];

  const extras = shapes.map((shape) => shape.filter((e) => e.keyword === "additionalProperties").map((e) => String(e.params.additionalProperty)));
  const unknownEverywhere = extras[0].filter((name) => extras.every((list) => list.includes(name)));
  const conflicting = [...new Set(extras.flat())].filter((name) => !unknownEverywhere.includes(name)).sort();
  const missing = shapes.map((shape) => shape.filter((e) => e.keyword === "required").map((e) => `\`${String(e.params.missingProperty)}\``));

  const issues = unknownEverywhere.map((name) => ({ path: render(`${at}/${name}`), message: "is not a known field" }));
  if (conflicting.length > 0) {
    issues.push({ path: render(at), message: `must have only one of ${conflicting.map((n) => `\`${n}\``).join(", ")}` });
  } else if (missing.every((list) => list.length > 0)) {
    issues.push({ path: render(at), message: `must have ${missing.map((list) => list.join(" and ")).join(" or ")}` });
  }
  return issues;
}

function describe(error: CompiledValidatorError, base: string): ValidationIssue | undefined {
  const at = base + error.instancePath;
  const { params } = error;
  switch (error.keyword) {
    case "required":
      return { path: render(`${at}/${pointerSegment(String(params.missingProperty))}`), message: "is required" };
    case "additionalProperties":
      return { path: render(`${at}/${pointerSegment(String(params.additionalProperty))}`), message: "is not a known field" };
    case "false schema": {
      // `dependentSchemas: {a: {properties: {b: false}}}`: a and b exclude each other.
      const pair = /\/dependentSchemas\/([^/]+)\/properties\/([^/]+)\//.exec(error.schemaPath);
      if (!pair) return { path: render(at), message: "is not allowed here" };
      const parent = at.slice(0, at.lastIndexOf("/"));
      return { path: `${render(`${parent}/${pair[1]}`)}, ${render(`${parent}/${pair[2]}`)}`, message: "only one may be given" };
    }
    case "propertyNames":
      return { path: render(`${at}/${pointerSegment(String(params.propertyName))}`), message: "is not an allowed field name" };
    case "if":
      return undefined; // the `then` or `else` that failed reports the actual problem
    default:
      return { path: render(at), message: ruleMessage(error) };
  }
}

function ruleMessage({ keyword, params }: CompiledValidatorError): string {
  const limit = params.limit as number;
  switch (keyword) {
    case "type":
      return typeMessage(params.type);
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

/** `must be an integer or a string`, from the errors of the branches of a failed `anyOf`. */
function alternatives(branchErrors: CompiledValidatorError[]): string {
  const types = branchErrors.filter((e) => e.keyword === "type").map((e) => String(e.params.type));
  const enums = branchErrors.filter((e) => e.keyword === "enum");
  const rules = branchErrors.filter((e) => e.keyword !== "type" && e.keyword !== "enum");
  if (rules.some((e) => shapeKeywords.has(e.keyword) || e.keyword === "propertyNames")) return "does not match any of the allowed forms";
  const allowedValues = enums.flatMap((e) => e.params.allowedValues as unknown[]);
  const parts = [
    ...(types.length > 0 ? [typeMessage(types.join(","))] : []),
    ...(enums.length > 0 ? [ruleMessage({ ...enums[0], params: { allowedValues } })] : []),
    ...rules.map(ruleMessage),
  ];
  return parts.length > 0 ? parts.join(" or ") : "does not match any of the allowed forms";
}

function typeMessage(type: unknown): string {
  const article = (name: string) => (name === "null" ? "null" : /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`);
  return `must be ${String(type).split(",").map(article).join(" or ")}`;
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

/** The keys a JSON pointer names, in order: `/options/cards/0` → `options`, `cards`, `0`. */
function pointerKeys(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** A key as one segment of a JSON pointer, the inverse of `pointerKeys`. */
function pointerSegment(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** `/a/b/c` → `/a/b/c`, `/a/b`, `/a`, `` : the pointer and every pointer above it. */
function* selfAndAncestors(pointer: string): Generator<string> {
  for (let end = pointer.length; end >= 0; end = pointer.lastIndexOf("/", end - 1)) {
    yield pointer.slice(0, end);
    if (end === 0) return;
  }
}

/** Whether a pointer is one of `ancestors` or below one, in time proportional to its depth. */
function withinAny(ancestors: Iterable<string>): (pointer: string) => boolean {
  const set = new Set(ancestors);
  if (set.size === 0) return () => false;
  return (pointer) => {
    for (const at of selfAndAncestors(pointer)) if (set.has(at)) return true;
    return false;
  };
}

/** The pointers that lie below none of the others, in their order. */
function outermost(pointers: string[]): string[] {
  const all = new Set(pointers);
  return [...all].filter((pointer) => {
    for (const at of selfAndAncestors(pointer)) if (at !== pointer && all.has(at)) return false;
    return true;
  });
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointerKeys(pointer).reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], data);
}

function unique(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
