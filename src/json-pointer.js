// @ts-check
// JSON pointers (RFC 6901) and local `$ref`s, as the spec and the tools that read it use them:
// `#/components/schemas/RcsCard`, `/paths/~1api~1messages~1rcs~1send/post`. The project's one
// pointer helper: the build-time scripts import it from here (they run before anything is
// compiled), the tests too, and the mock uses the copy `npm run build` puts in dist/. Hence
// plain JavaScript, typed with JSDoc, which `npm run typecheck` checks and from which the build
// emits dist/json-pointer.d.ts. It imports nothing, so any runtime can load it.

/** The keys a pointer names, unescaped (`~1` is `/`, `~0` is `~`); a leading `#` is allowed. */
export function pointerKeys(/** @type {string} */ pointer) {
  const path = pointer.replace(/^#/, "");
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return path
    .slice(1)
    .split("/")
    .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** A key as one segment of a pointer, the inverse of `pointerKeys`: `a/b` → `a~1b`. */
export function pointerSegment(/** @type {string} */ key) {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/**
 * The value `pointer` names in `document`; undefined when a key on the way is missing.
 * @param {unknown} document
 * @param {string} pointer
 * @returns {unknown}
 */
export function valueAtPointer(document, pointer) {
  return pointerKeys(pointer).reduce((/** @type {any} */ node, key) => node?.[key], document);
}

/**
 * `node` with its local `$ref` followed, as often as it takes, within `document`.
 * @template T
 * @param {unknown} document
 * @param {T} node
 * @returns {T}
 */
export function dereferenced(document, node) {
  const seen = new Set();
  /** @type {any} */
  let current = node;
  while (typeof current?.$ref === "string") {
    if (seen.has(current.$ref)) throw new Error(`circular $ref: ${current.$ref}`);
    seen.add(current.$ref);
    const target = valueAtPointer(document, current.$ref);
    if (target === undefined) throw new Error(`$ref to nothing: ${current.$ref}`);
    current = target;
  }
  return current;
}
