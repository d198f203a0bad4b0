// Checks request bodies with the validators precompiled from the spec, and turns their
// raw findings into issues a person can act on: `sender: must have at most 40 characters`.
import * as compiled from "../generated/validators.js";
import type { CompiledValidator, CompiledValidatorError } from "../generated/validators.js";
import type { ValidationIssue } from "./errors.js";

const validators = compiled as unknown as Record<string, CompiledValidator>;
const shapeKeywords = new Set(["required", "additionalProperties", "type"]);
const nameKeywords = new Set(["not", "pattern", "maxLength", "minLength", "enum", "const"]);

/** The issues of `data` against the compiled validator `name`; empty when it is valid. */
export function findIssues(name: string, data: unknown): ValidationIssue[] {
  const validate = validators[name];
  if (validate(data)) return [];
  return explain(validate.errors ?? [], data, "", compiled.oneOfBranches[name] ?? {});
}

type Branches = Record<string, string[]>;

function explain(errors: CompiledValidatorError[], data: unknown, base: string, branches: Branches): ValidationIssue[] {
  // A failed `oneOf` is explained by re-checking its part of the body against each branch,
  // so its own errors (every branch's complaints, mixed) are set aside.
  const failedOneOfs = outermost(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const aboutNames = nameErrors(errors);
  // A failed `anyOf` (tolerant callback fields) becomes one issue that names every form its
  // branches accept, in place of each branch's complaint.
  const failedAnyOfs = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    if (aboutNames.has(error) || failedOneOfs.some((at) => isWithin(error.instancePath, at))) continue;
    if (error.keyword === "anyOf") {
      const branchErrors = errors.filter((e) => e !== error && e.instancePath === error.instancePath);
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
  const names = branches[at.replace(/\/\d+(?=\/|$)/g, "/*")];
  if (!names) return [{ path: render(at), message: "does not match any of the allowed forms" }];
  const attempts = names.map((name) => {
    const validate = validators[name];
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
      return { path: render(`${at}/${escape(String(params.missingProperty))}`), message: "is required" };
    case "additionalProperties":
      return { path: render(`${at}/${escape(String(params.additionalProperty))}`), message: "is not a known field" };
    case "false schema": {
      // `dependentSchemas: {a: {properties: {b: false}}}`: a and b exclude each other.
      const pair = /\/dependentSchemas\/([^/]+)\/properties\/([^/]+)\//.exec(error.schemaPath);
      if (!pair) return { path: render(at), message: "is not allowed here" };
      const parent = at.slice(0, at.lastIndexOf("/"));
      return { path: `${render(`${parent}/${pair[1]}`)}, ${render(`${parent}/${pair[2]}`)}`, message: "only one may be given" };
    }
    case "propertyNames":
      return { path: render(`${at}/${escape(String(params.propertyName))}`), message: "is not an allowed field name" };
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
export function render(pointer: string): string {
  if (pointer === "") return "(body)";
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"))
    .map((key, i) => {
      if (/^\d+$/.test(key)) return `[${key}]`;
      const shown = key.length > 64 ? `${key.slice(0, 61)}...` : key;
      if (/^[A-Za-z_$][\w$]*$/.test(shown)) return i === 0 ? shown : `.${shown}`;
      return `[${JSON.stringify(shown)}]`;
    })
    .join("");
}

function escape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

function isWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

function outermost(pointers: string[]): string[] {
  return [...new Set(pointers)].filter((p) => !pointers.some((q) => q !== p && isWithin(p, q)));
}

function valueAt(data: unknown, pointer: string): unknown {
  return pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], data);
}

function unique(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
