// One deep copy for parsed JSON: of an answer, to redact it, and of a callback, to hand it on
// without keys that could alter objects. It walks with a queue of its own, not by recursion,
// so no nesting depth can overflow; shared and cyclic objects stay shared and cyclic; every
// key becomes a plain own property, even one named `__proto__`. Beside it, the one test of a
// JSON object that every part of the package uses.

export interface CopyRules {
  /** Whether a key stays (all do by default). */
  keep?: (key: string) => boolean;
  /** What every string, keys included, becomes (itself by default). */
  text?: (text: string) => string;
}

/** Whether `value` is a JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function copyJson(value: unknown, { keep = () => true, text = (same) => same }: CopyRules = {}): unknown {
  const copies = new Map<object, object>();
  const copyOf = (node: unknown): unknown => {
    if (typeof node === "string") return text(node);
    if (typeof node !== "object" || node === null) return node;
    if (!copies.has(node)) copies.set(node, Array.isArray(node) ? [] : {});
    return copies.get(node);
  };
  const root = copyOf(value);
  // A Map's iteration reaches the entries added during it: `copies` is also the queue of copies to fill.
  for (const [source, copy] of copies) {
    const array = Array.isArray(source);
    for (const key of Object.keys(source)) {
      if (array || keep(key)) {
        Object.defineProperty(copy, array ? key : text(key), { value: copyOf((source as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return root;
}
