// A request's query and path parameters as the platform reads them, as objects the client's
// checks take: `page[limit]=50&filter[reference_id]=abc` → `{ page: { limit: 50 }, filter: {
// reference_id: "abc" } }`, and `/api/campaigns/56022` → `{ id: 56022 }`. A value written as
// the type its schema gives (`50` for an integer) becomes that type; any other stays the
// string it was, which the check then refuses by name ("The page.limit must be an integer.").
// The query's size is bounded by Node.js's limit on a request's head, and so is the work here.
import type { Parameter, Ref, Schema } from "./spec.js";

type Resolve = <T>(node: Ref<T>) => T;

/**
 * The query parameters of `operation` in `search`, keys in brackets making objects at any depth,
 * as PHP reads them; a name given twice keeps its last value. Names the operation has no
 * parameter for are left out: the platform reads only its own, and so does Prism.
 */
export function queryInput(search: URLSearchParams, parameters: Parameter[], resolve: Resolve): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, text] of search) {
    const [name, ...keys] = keyPath(key);
    const parameter = parameters.find((candidate) => candidate.in === "query" && candidate.name === name);
    if (!parameter) continue;
    let schema = schemaOf(parameter.schema, resolve);
    let node = input;
    let at = name;
    for (const key of keys) {
      const inner = Object.hasOwn(node, at) ? node[at] : undefined;
      const object = isObject(inner) ? inner : {};
      if (object !== inner) define(node, at, object);
      node = object;
      at = key;
      schema = schemaOf(schema?.properties?.[key], resolve);
    }
    define(node, at, typed(text, schema));
  }
  return input;
}

/** The path parameters of an operation, each given the type its schema gives. */
export function pathInput(values: Record<string, string>, parameters: Parameter[], resolve: Resolve): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(values)) {
    const parameter = parameters.find((candidate) => candidate.in === "path" && candidate.name === name);
    define(input, name, typed(text, schemaOf(parameter?.schema, resolve)));
  }
  return input;
}

/** `filter[reference_id]` → `["filter", "reference_id"]`; a key not of that form is one name. */
function keyPath(key: string): string[] {
  const parts = /^([^[]+)((?:\[[^\]]*\])+)$/.exec(key);
  if (!parts) return [key];
  return [parts[1], ...Array.from(parts[2].matchAll(/\[([^\]]*)\]/g), (match) => match[1])];
}

const number = /^-?\d+(\.\d+)?$/;

function typed(text: string, schema: Schema | undefined): unknown {
  const types = [schema?.type ?? []].flat();
  if ((types.includes("integer") || types.includes("number")) && number.test(text)) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

function schemaOf(node: Ref<Schema> | boolean | undefined, resolve: Resolve): Schema | undefined {
  return node === undefined || typeof node === "boolean" ? undefined : resolve(node);
}

/** Sets `key` as an own property, so that a key named `__proto__` stays a plain field. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
