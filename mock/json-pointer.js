// JSON pointers (RFC 6901) and local `$ref`s, as the spec and the tools that read it use them:
// `#/components/schemas/RcsCard`, `/paths/~1api~1messages~1rcs~1send/post`. It ships with the
// mock, which reads the bundled spec at run time; the project's scripts and tests use it too.

/** The keys a pointer names, unescaped (`~1` is `/`, `~0` is `~`); a leading `#` is allowed. */
export function pointerKeys(pointer) {
  const path = pointer.replace(/^#/, "");
  if (path === "") return [];
  if (!path.startsWith("/")) throw new Error(`not a JSON pointer: ${pointer}`);
  return path
    .slice(1)
    .split("/")
    .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value `pointer` names in `document`; undefined when a key on the way is missing. */
export function valueAtPointer(document, pointer) {
  return pointerKeys(pointer).reduce((node, key) => node?.[key], document);
}

/** `node` with its local `$ref` followed, as often as it takes, within `document`. */
export function dereferenced(document, node) {
  const seen = new Set();
  while (typeof node?.$ref === "string") {
    if (seen.has(node.$ref)) throw new Error(`circular $ref: ${node.$ref}`);
    seen.add(node.$ref);
    const target = valueAtPointer(document, node.$ref);
    if (target === undefined) throw new Error(`$ref to nothing: ${node.$ref}`);
    node = target;
  }
  return node;
}
