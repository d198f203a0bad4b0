// The bundled spec as the mock reads it: the JSON bundle shipped in the package
// (generated/openapi.json), with its `$ref`s followed on demand. Prism gets a copy without
// `callbacks`: the mock sends them itself, and only when a request gives a `callback_url`.
import { readFileSync } from "node:fs";
import { dereferenced } from "../json-pointer.js";

/** A local `$ref`, or the thing itself. */
export type Ref<T> = T | { $ref: string };

/** The parts of a JSON Schema the mock reads to word the platform's 422. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Ref<Schema> | boolean>;
  items?: Ref<Schema>;
  oneOf?: Array<Ref<Schema>>;
  anyOf?: Array<Ref<Schema>>;
  required?: string[];
  additionalProperties?: boolean | Ref<Schema>;
  dependentSchemas?: Record<string, Ref<Schema> | boolean>;
}

/** A request body or a response: its JSON schema and named examples. */
export interface Content {
  content?: Record<string, { schema?: Ref<Schema>; examples?: Record<string, Ref<{ value?: unknown }>> }>;
}

/** The parts of an operation the mock reads. */
export interface Operation {
  operationId?: string;
  summary?: string;
  requestBody?: Ref<Content>;
  responses?: Record<string, Ref<Content>>;
  callbacks?: Record<string, Ref<Record<string, Record<string, Operation>>>>;
}

/** The parts of the OpenAPI document the mock reads; the rest goes to Prism untouched. */
export interface OpenApiDocument {
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

/** An operation with the method and path it answers on. */
export interface Route {
  method: string;
  path: string;
  operation: Operation;
}

export interface Spec {
  document: OpenApiDocument;
  /** `node`, or what its `$ref` (a local JSON pointer) points at. */
  resolve<T>(node: Ref<T>): T;
  /** Every operation, in the spec's order. */
  routes: Route[];
  /** The spec's operation for a request, or undefined when it has none there. */
  operationAt(method: string, path: string): Operation | undefined;
  /** The value of the first named example of a request body or a response. */
  firstExample(bodyOrResponse: Ref<Content> | undefined): unknown;
}

const bundle = new URL("../../generated/openapi.json", import.meta.url);

export function readSpec(): Spec {
  const document = JSON.parse(readFileSync(bundle, "utf8")) as OpenApiDocument;
  const resolve = <T>(node: Ref<T>): T => dereferenced(document, node) as T;

  const routes: Route[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation?.operationId) routes.push({ method: method.toUpperCase(), path, operation });
    }
  }
  const byRoute = new Map(routes.map((route) => [`${route.method} ${route.path}`, route.operation]));

  return {
    document,
    resolve,
    routes,
    operationAt: (method, path) => byRoute.get(`${method.toUpperCase()} ${path}`),
    firstExample(bodyOrResponse) {
      if (bodyOrResponse === undefined) return undefined;
      const [first] = Object.values(resolve(bodyOrResponse).content?.["application/json"]?.examples ?? {});
      return first === undefined ? undefined : resolve(first).value;
    },
  };
}

/** A copy of the spec without any operation's `callbacks`. */
export function withoutCallbacks(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) if (operation && typeof operation === "object") delete operation.callbacks;
  }
  return copy;
}
