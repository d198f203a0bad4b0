// Reads the bundled spec (generated/openapi.json), the copy users and tools consume, and
// finds operations and their named examples in it.
import { readFileSync } from "node:fs";
import { dereferenced } from "../../src/json-pointer.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
/** A node of the parsed spec, as tests walk it. */
export type Node = { [key: string]: any };

export const specPath = new URL("../../generated/openapi.json", import.meta.url);
export const spec: Node = JSON.parse(readFileSync(specPath, "utf8"));

/** `node` with its `$ref` followed within the bundled spec. */
export function resolve<T = Node>(node: T): T {
  return dereferenced(spec, node);
}

export interface OperationInfo {
  operationId: string;
  method: string;
  path: string;
  operation: Node;
}

/** Every operation of the API (callbacks included when `withCallbacks`). */
export function operations({ withCallbacks = false } = {}): OperationInfo[] {
  const found: OperationInfo[] = [];
  const visit = (pathItems: Node) => {
    for (const [path, pathItem] of Object.entries(pathItems)) {
      for (const [method, operation] of Object.entries(resolve(pathItem) as Node)) {
        found.push({ operationId: operation.operationId, method, path, operation });
        if (withCallbacks) for (const callback of Object.values(operation.callbacks ?? {})) visit(resolve(callback as Node));
      }
    }
  };
  visit(spec.paths);
  return found;
}

export function operation(operationId: string): OperationInfo {
  const found = operations({ withCallbacks: true }).find((info) => info.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

/** The named examples of an operation's JSON request body, resolved. */
export function requestExamples(operationId: string): Record<string, any> {
  const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
  return mapExamples(media);
}

/** The named examples of one response of an operation, resolved. */
export function responseExamples(operationId: string, status: string): Record<string, any> {
  const response = resolve(operation(operationId).operation.responses[status]);
  return mapExamples(response.content["application/json"]);
}

function mapExamples(media: Node): Record<string, any> {
  return Object.fromEntries(
    Object.entries(media.examples ?? {}).map(([name, example]) => [name, resolve(example as Node).value as Json]),
  );
}
