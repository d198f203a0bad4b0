// The problems the client's own checks find (src/validation.ts), worded as the platform words
// them in its 422: `errors` keyed by field, a dot path with numeric indexes
// (`options.cards.0.text`, `page.limit`, `id`, `body` for the body itself), each with its
// sentences: "The sender may not be greater than 40 characters.", "The options field is
// required.". A field's name is written with spaces for underscores, as the platform does.
import { pointerKeys } from "../json-pointer.js";
import type { Problem } from "../validation.js";

/** The platform's `errors` for `problems`, in the order found, each sentence once. */
export function platformErrors(problems: Problem[]): Record<string, string[]> {
  // A Map, then fromEntries: a field named `__proto__` or `constructor` stays a plain field.
  const errors = new Map<string, string[]>();
  for (const problem of problems) {
    if (saysNothingMore(problem, problems)) continue;
    // Two fields that exclude each other are reported on the one given second, as the platform does.
    const field = fieldOf(problem.rule === "exclusive" ? String(problem.params.with) : problem.at);
    const sentences = errors.get(field) ?? [];
    const sentence = sentenceOf(problem, field);
    if (!sentences.includes(sentence)) errors.set(field, [...sentences, sentence]);
  }
  return Object.fromEntries(errors);
}

/** `/options/cards/0/text` → `options.cards.0.text`; the empty pointer → `body`. */
export function fieldOf(pointer: string): string {
  return pointerKeys(pointer).join(".") || "body";
}

function sentenceOf({ at, rule, params }: Problem, field: string): string {
  const name = attribute(field);
  switch (rule) {
    case "required":
      return `The ${name} field is required.`;
    case "unknown":
    case "not":
      return `The ${name} field is not allowed.`;
    case "exclusive":
      return `The ${name} field may not be given together with ${attribute(fieldOf(at))}.`;
    case "ambiguous":
      return `The ${name} matches more than one of its allowed forms.`;
    case "forms":
      return formsSentence(name, params);
    default:
      return ruleSentence(rule, params, name);
  }
}

function ruleSentence(rule: string, params: Record<string, unknown>, name: string): string {
  if (rule === "pattern" || rule === "format") return `The ${name} format is invalid.`;
  if (rule === "enum" || rule === "const") return `The selected ${name} is invalid.`;
  return `The ${name} ${ruleText(rule, params)}.`;
}

/** What a rule asks, after `The <field> `: `may not be greater than 40 characters`. */
function ruleText(rule: string, params: Record<string, unknown>): string {
  const limit = Number(params.limit);
  switch (rule) {
    case "type":
      return `must be ${typeNames(String(params.type))}`;
    case "maxLength":
      return `may not be greater than ${count(limit, "character")}`;
    case "minLength":
      return `must be at least ${count(limit, "character")}`;
    case "maxItems":
      return `may not have more than ${count(limit, "item")}`;
    case "minItems":
      return `must have at least ${count(limit, "item")}`;
    case "maximum":
      return `may not be greater than ${limit}`;
    case "minimum":
      return `must be at least ${limit}`;
    case "exclusiveMaximum":
      return `must be less than ${limit}`;
    case "exclusiveMinimum":
      return `must be greater than ${limit}`;
    case "pattern":
    case "format":
      return "must have a valid format";
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    default:
      return "is invalid";
  }
}

/** Why a value fits none of the forms a `oneOf` or `anyOf` allows. */
function formsSentence(name: string, { needs, onlyOne, alternatives }: Record<string, unknown>): string {
  if (Array.isArray(onlyOne)) return `The ${name} must have only one of ${list(onlyOne as string[], "and")}.`;
  if (Array.isArray(needs)) return `The ${name} must have ${list((needs as string[][]).map((names) => list(names, "and")), "or")}.`;
  const named = namedAlternatives(alternatives);
  const sentences = new Set(named.map(({ keyword, params }) => ruleSentence(keyword, params, name)));
  if (sentences.size === 1) return [...sentences][0];
  if (sentences.size > 1) return `The ${name} ${[...new Set(named.map(({ keyword, params }) => ruleText(keyword, params)))].join(" or ")}.`;
  return `The ${name} does not match any of its allowed forms.`;
}

type Alternative = { keyword: string; params: Record<string, unknown> };

/**
 * The forms a value could take, but for none at all (`null`, `""`): a field that may be left
 * empty says nothing of it, as the platform's `nullable` rule never does (`validity: 0` → "must
 * be at least 1"). Each type is named once.
 */
function namedAlternatives(alternatives: unknown): Alternative[] {
  if (!Array.isArray(alternatives)) return [];
  const none = (value: unknown) => value === null || value === "";
  return (alternatives as Alternative[]).flatMap((alternative) => {
    const { keyword, params } = alternative;
    if (keyword === "const") return none(params.allowedValue) ? [] : [alternative];
    if (keyword === "enum") return (params.allowedValues as unknown[]).every(none) ? [] : [alternative];
    if (keyword !== "type") return [alternative];
    const types = [...new Set(String(params.type).split(","))].filter((type) => type !== "null");
    return types.length > 0 ? [{ keyword, params: { type: types.join(",") } }] : [];
  });
}

/**
 * A `forms` problem that names no form adds nothing when another problem lies
 * inside the same value: `alternative_channel.sms.sender` is missing, not "alternative_channel
 * must be null".
 */
function saysNothingMore(problem: Problem, problems: Problem[]): boolean {
  if (problem.rule !== "forms" || !Array.isArray(problem.params.alternatives) || namedAlternatives(problem.params.alternatives).length > 0) return false;
  return problems.some((other) => other.at.startsWith(`${problem.at}/`));
}

/** `string,null` → `a string or null`; `boolean` → `true or false`. */
function typeNames(types: string): string {
  const named = (type: string) => (type === "null" ? "null" : type === "boolean" ? "true or false" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);
  return types.split(",").map(named).join(" or ");
}

const attribute = (field: string) => field.replaceAll("_", " ");
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
/** `a`, `a and b`, `a, b and c`. */
const list = (names: string[], joiner: string) => [names.slice(0, -1).join(", "), names.at(-1)].filter(Boolean).join(` ${joiner} `);
