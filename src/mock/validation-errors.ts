// The platform's 422 body, `{ message, errors: { field: [messages] } }`, built from the
// violations Prism reports in its `sl-violations` header. Fields are named as the platform
// names them, dot paths with numeric indexes (`options.cards.0.text`), a missing or unknown
// property by its own path; messages follow the platform's wording ("The sender may not be
// greater than 40 characters.") and name the rule and its limit.
//
// When a `oneOf` fails, Prism reports the complaints of every branch (a card checked as a
// media card and as a text card). The branch the body meant is the one its keys fit best,
// as in the client's validator; only that branch's complaints are kept, and a body that fits
// several equally badly gets one message saying what tells them apart.
import type { Ref, Schema } from "./spec.js";

/** One violation as Prism reports it. */
export interface Violation {
  location: string[];
  code: string;
  message: string;
  severity: string;
}

interface Problem {
  path: string[];
  code: string;
  message?: string;
  /** For a `choice`: what tells the branches apart. */
  text?: string;
  /** For a missing or unknown property: the object Prism reported it at. */
  at?: string[];
}

type Resolve = <T>(node: Ref<T>) => T;
type Walk = (path: string[]) => Schema[];

/**
 * The platform's `errors` for Prism's violations of a request, or undefined when none is
 * about the request.
 * @param input Prism's violations, the request body as parsed, the schema it broke, and how to
 *   follow the spec's `$ref`s.
 */
export function fieldErrors({ violations, body, schema, resolve }: { violations: unknown[]; body: unknown; schema: Ref<Schema>; resolve: Resolve }): Record<string, string[]> | undefined {
  const about = violations.filter(isRequestError);
  if (about.length === 0) return undefined;
  const walk = schemaWalker(schema, resolve);
  const reported = about.flatMap((violation) => problemsOf(violation, walk));
  let problems = reported;

  const oneOfs = problems.filter((p) => p.code === "oneOf").map((p) => p.path);
  for (const at of oneOfs.sort((a, b) => a.length - b.length)) {
    if (!problems.some((p) => p.code === "oneOf" && samePath(p.path, at))) continue; // set aside with an outer branch
    const value = valueAt(body, at);
    const branches = walk(at).filter((s) => s.type === "object");
    if (!isObject(value) || branches.length < 2) continue;
    const meant = closestBranches(branches, value);
    problems = problems.filter((p) => !within(p.path, at) || belongsTo(p, at, meant));
    if (meant.length > 1) problems.push({ path: at, code: "choice", text: choiceText(meant, value) });
  }
  // A failed `oneOf` says less than the problems found at or under it; an `if` less than its `else`.
  const explains = (q: Problem, p: Problem) => within(q.path, p.path) && (q.code !== "oneOf" || !samePath(q.path, p.path));
  problems = problems.filter((p) => p.code !== "if" && !(p.code === "oneOf" && problems.some((q) => explains(q, p))));
  // Should the sorting ever set aside every problem, Prism's own report is better than none.
  if (problems.length === 0) problems = reported;

  // A Map, then fromEntries: a field named `__proto__` or `constructor` stays a plain field.
  const errors = new Map<string, string[]>();
  for (const problem of problems) {
    const field = problem.path.join(".") || "body";
    errors.set(field, [...new Set([...(errors.get(field) ?? []), sentence(problem, field, body, walk)])]);
  }
  return Object.fromEntries(errors);
}

function isRequestError(violation: unknown): violation is Violation {
  const v = violation as Partial<Violation> | null;
  return v?.severity === "Error" && Array.isArray(v.location) && v.location[0] === "request";
}

/** A violation as problems at paths inside the body; a missing body is every required field missing. */
function problemsOf({ location, code, message }: Violation, walk: Walk): Problem[] {
  if (location[1] !== "body") {
    if (location.length === 1 && code === "required") return walk([]).flatMap((s) => (s.required ?? []).map((name) => ({ path: [name], code })));
    return [{ path: location.slice(1), code, message }];
  }
  const path = location.slice(2);
  // Prism reports a missing or unknown property at its parent (`at`), naming it in the message.
  if (code === "required" || code === "additionalProperties") return [{ path: [...path, quoted(message)], code, at: path }];
  return [{ path, code, message }];
}

/** The property a `required` or `additionalProperties` message names: `… 'options'`, whatever characters its name holds. */
function quoted(message: string): string {
  return /'([\s\S]*)'$/.exec(message)?.[1] ?? "";
}

/** A function giving the schemas the body may follow at a path: every branch of every `oneOf` on the way. */
function schemaWalker(root: Ref<Schema>, resolve: Resolve): Walk {
  const expand = (node: Ref<Schema> | boolean | undefined): Schema[] => {
    if (node === undefined || typeof node === "boolean") return [];
    const schema = resolve(node);
    if (!schema || typeof schema !== "object") return [];
    const branches = schema.oneOf ?? schema.anyOf;
    return branches ? branches.flatMap(expand) : [schema];
  };
  const child = (schema: Schema, key: string) => {
    if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
    return /^\d+$/.test(key) ? schema.items : undefined;
  };
  // A schema reached through several branches (the suggestions of both kinds of card) counts once.
  const step = (schemas: Schema[], key: string) => [...new Set(schemas.flatMap((schema) => expand(child(schema, key))))];
  return (path) => path.reduce(step, expand(root));
}

/** The branches whose required and known properties fit the keys of `value` best. */
function closestBranches(branches: Schema[], value: Record<string, unknown>): Schema[] {
  const keys = Object.keys(value);
  const misfits = branches.map(
    (s) =>
      (s.required ?? []).filter((name) => !keys.includes(name)).length +
      (s.additionalProperties === false ? keys.filter((key) => !knows(s, key)).length : 0),
  );
  const fewest = Math.min(...misfits);
  return branches.filter((_, i) => misfits[i] === fewest);
}

/** Whether a problem at or under a failed `oneOf` at `at` comes from the branches the body meant. */
function belongsTo(problem: Problem, at: string[], meant: Schema[]): boolean {
  if (problem.path.length > at.length && !samePath(problem.at ?? [], at)) return meant.every((s) => knows(s, problem.path[at.length]));
  const name = problem.path.at(-1) ?? "";
  if (problem.code === "required") return meant.every((s) => (s.required ?? []).includes(name));
  if (problem.code === "additionalProperties") return meant.every((s) => !knows(s, name));
  return problem.code !== "oneOf";
}

/** What tells equally close branches apart: the properties one requires and another does not. */
function choiceText(branches: Schema[], value: Record<string, unknown>): string {
  const required = branches.map((s) => s.required ?? []);
  const telling = [...new Set(required.flat())].filter((name) => !required.every((names) => names.includes(name)));
  const given = telling.filter((name) => Object.hasOwn(value, name));
  if (given.length > 1) return `must have only one of ${list(given, "and")}`;
  if (given.length === 0 && telling.length > 0) return `must have ${list(telling, "or")}`;
  return "does not match any of its allowed forms";
}

/** The platform's sentence for a problem, `The <field> …`, with underscores as spaces. */
function sentence(problem: Problem, field: string, body: unknown, walk: Walk): string {
  const name = attribute(field);
  const limit = Number(/must\D*?(-?\d+(?:\.\d+)?)/.exec(problem.message ?? "")?.[1]);
  switch (problem.code) {
    case "required":
      return `The ${name} field is required.`;
    case "additionalProperties":
      return `The ${name} field is not allowed.`;
    case "maxLength":
      return `The ${name} may not be greater than ${count(limit, "character")}.`;
    case "minLength":
      return `The ${name} must be at least ${count(limit, "character")}.`;
    case "maxItems":
      return `The ${name} may not have more than ${count(limit, "item")}.`;
    case "minItems":
      return `The ${name} must have at least ${count(limit, "item")}.`;
    case "maximum":
      return `The ${name} may not be greater than ${limit}.`;
    case "minimum":
      return `The ${name} must be at least ${limit}.`;
    case "exclusiveMaximum":
      return `The ${name} must be less than ${limit}.`;
    case "exclusiveMinimum":
      return `The ${name} must be greater than ${limit}.`;
    case "pattern":
    case "format":
      return `The ${name} format is invalid.`;
    case "type":
      return `The ${name} must be ${typeName(problem.message)}.`;
    case "enum":
    case "const":
      return `The selected ${name} is invalid.`;
    case "false schema":
      return exclusionText(problem.path, name, body, walk);
    case "choice":
      return `The ${name} ${problem.text}.`;
    case "oneOf":
      return `The ${name} does not match any of its allowed forms.`;
    default:
      return `The ${name} is invalid (${(problem.message ?? "").replace(/^.*?\bmust\b/, "must")}).`;
  }
}

/** `validity_seconds: false` under `dependentSchemas.validity`: the two exclude each other. */
function exclusionText(path: string[], name: string, body: unknown, walk: Walk): string {
  const parent = path.slice(0, -1);
  const value = valueAt(body, parent);
  const excluded = path.at(-1) ?? "";
  const partner = walk(parent)
    .flatMap((s) => Object.entries(s.dependentSchemas ?? {}))
    .find(([key, dependent]) => typeof dependent === "object" && "properties" in dependent && dependent.properties?.[excluded] === false && isObject(value) && Object.hasOwn(value, key));
  if (!partner) return `The ${name} field is not allowed.`;
  return `The ${name} field may not be given together with ${attribute([...parent, partner[0]].join("."))}.`;
}

/** `must be integer` → `an integer`; `must be string,null` → `a string or null`. */
function typeName(message = ""): string {
  const types = (/must be (\S+)$/.exec(message)?.[1] ?? "valid").split(",");
  const named = (type: string) => (type === "null" ? "null" : type === "boolean" ? "true or false" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
  return types.map(named).join(" or ");
}

const attribute = (field: string) => field.replaceAll("_", " ");
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
const list = (names: string[], joiner: string) => [names.slice(0, -1).join(", "), names.at(-1)].filter(Boolean).join(` ${joiner} `);
const knows = (schema: Schema, key: string) => Object.hasOwn(schema.properties ?? {}, key);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const samePath = (a: string[], b: string[]) => a.length === b.length && a.every((key, i) => key === b[i]);
const within = (path: string[], ancestor: string[]) => path.length >= ancestor.length && ancestor.every((key, i) => key === path[i]);
const valueAt = (data: unknown, path: string[]) =>
  path.reduce<unknown>((node, key) => (isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[key] : undefined), data);
