// The bundled spec as the mock reads it: the JSON bundle shipped in the package, with its
// `$ref`s followed on demand. Prism gets a copy without `callbacks`: the mock sends them
// itself, and only when a request gives a `callback_url`.
import { readFileSync } from "node:fs";
import { dereferenced } from "./json-pointer.js";

const bundle = new URL("../generated/openapi.json", import.meta.url);

export function readSpec() {
  const document = JSON.parse(readFileSync(bundle, "utf8"));

  /** `node`, or what its `$ref` (a local JSON pointer) points at. */
  const resolve = (node) => dereferenced(document, node);

  const operations = new Map();
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId) operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }

  return {
    document,
    resolve,
    /** The spec's operation for a request, or undefined when it has none there. */
    operationAt: (method, path) => operations.get(`${method.toUpperCase()} ${path}`),
    /** The value of the first named example of a request body or a response. */
    firstExample(bodyOrResponse) {
      const [first] = Object.values(resolve(bodyOrResponse)?.content?.["application/json"]?.examples ?? {});
      return first === undefined ? undefined : resolve(first).value;
    },
  };
}

/** A copy of the spec without any operation's `callbacks`. */
export function withoutCallbacks(document) {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) if (operation && typeof operation === "object") delete operation.callbacks;
  }
  return copy;
}

