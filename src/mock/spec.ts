// The bundled spec as the mock reads it: the JSON bundle shipped in the package
// (generated/openapi.json), with its `$ref`s followed on demand. Prism gets a copy without
// `callbacks`: the mock sends them itself, and only when a request gives a `callback_url`.
import { readFileSync } from "node:fs";
import { dereferenced } from "../json-pointer.js";

/** A local `$ref`, or the thing itself. */
export type Ref<T> = T | { $ref: string };

/** The parts of a JSON Schema the mock reads to give a query or path value its type. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Ref<Schema> | boolean>;
}

/** A query or path parameter. */
export interface Parameter {
  name: string;
  in: string;
  schema?: Ref<Schema>;
}

/** Which security schemes an operation takes; `[]`, or one empty requirement, means none. */
export type Security = Array<Record<string, string[]>>;

/** A request body or a response: its JSON schema and named examples. */
export interface Content {
  content?: Record<string, { schema?: Ref<Schema>; examples?: Record<string, Ref<{ value?: unknown }>> }>;
}

/** The parts of an operation the mock reads. */
export interface Operation {
  operationId?: string;
  summary?: string;
  parameters?: Array<Ref<Parameter>>;
  security?: Security;
  requestBody?: Ref<Content>;
  responses?: Record<string, Ref<Content>>;
  callbacks?: Record<string, Ref<Record<string, Record<string, Operation>>>>;
}

/** The parts of the OpenAPI document the mock reads; the rest goes to Prism untouched. */
export interface OpenApiDocument {
  info: { title: string; version: string };
  security?: Security;
  paths: Record<string, Record<string, Operation>>;
}

/** An operation with the method and path it answers on. */
export interface Route {
  method: string;
  /** As the spec writes it, such as `/api/campaigns/{id}`. */
  path: string;
  operation: Operation;
}

/** The route a request's method and path take, and the values of its path parameters, as written (percent-decoded). */
export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

export interface Spec {
  document: OpenApiDocument;
  /** `node`, or what its `$ref` (a local JSON pointer) points at. */
  resolve<T>(node: Ref<T>): T;
  /** Every operation, in the spec's order. */
  routes: Route[];
  /**
   * The spec's route for a request's method and path (`/api/campaigns/56022` takes
   * `/api/campaigns/{id}`), or undefined when it has none there. A path the spec writes out in
   * full goes before one with parameters.
   */
  operationAt(method: string, path: string): RouteMatch | undefined;
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
  const byRoute = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  const templated = routes.filter((route) => route.path.includes("{")).map((route) => ({ route, ...pathPattern(route.path) }));

  return {
    document,
    resolve,
    routes,
    operationAt(method, path) {
      const upper = method.toUpperCase();
      const exact = byRoute.get(`${upper} ${path}`);
      if (exact) return { route: exact, pathParameters: {} };
      for (const { route, pattern, names } of templated) {
        const values = route.method === upper ? pattern.exec(path) : null;
        if (values) return { route, pathParameters: Object.fromEntries(names.map((name, i) => [name, decoded(values[i + 1])])) };
      }
      return undefined;
    },
    firstExample(bodyOrResponse) {
      if (bodyOrResponse === undefined) return undefined;
      const [first] = Object.values(resolve(bodyOrResponse).content?.["application/json"]?.examples ?? {});
      return first === undefined ? undefined : resolve(first).value;
    },
  };
}

/** A path template as a pattern: `/api/campaigns/{id}` matches `/api/campaigns/56022`, a parameter being one whole segment. */
function pathPattern(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{(.+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`), names };
}

/** A path segment percent-decoded, or as it is when it is not valid percent-encoding. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A copy of the spec without any operation's `callbacks`. */
export function withoutCallbacks(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths)) {
    for (const operation of Object.values(item)) if (operation && typeof operation === "object") delete operation.callbacks;
  }
  return copy;
}
