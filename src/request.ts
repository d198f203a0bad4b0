// Step 2 of every call: serialise what the caller passed, once, and check what was serialised.
// The body goes out as the very JSON text that was checked, so nothing a body's `toJSON`,
// getters, Proxy traps or prototype do between the check and the send can change what is sent.
// The query and path parameters are checked as a plain copy (parsed back from JSON) and written
// from that copy. The value as given is checked first, which names the field of a value JSON
// cannot hold and costs no more for a million cards than for eleven (see validation.ts).
import { operations as operationTable } from "../generated/spec-values.js";
import { requestChecks, type BodyCheck } from "../generated/validators.js";
import { WwtRequestValidationError, type ValidationIssue } from "./errors.js";
import { findIssues } from "./validation.js";

export type OperationId = keyof typeof operationTable;

/** What a call passes: its JSON body, its query parameters, its path parameters. */
export interface CallInput {
  body?: unknown;
  query?: unknown;
  path?: unknown;
}

/** A request ready to go out, exactly as checked. */
export interface PreparedRequest {
  method: string;
  /** The path as the spec writes it, e.g. `/api/campaigns/{id}`. */
  schemaPath: string;
  /** The values of its path parameters, as checked: `{ id: 53651994 }`. */
  pathParameters: Record<string, unknown>;
  /** The path with its parameters filled in, and the query, if any: `/api/messages?page[limit]=50`. */
  target: string;
  /** The query as written into `target`, without its `?`; "" when there is none. */
  search: string;
  /** The JSON text of the body, or undefined for an operation without one. */
  body: string | undefined;
  /** The value that text holds, as checked: what the platform will read. */
  bodyValue: unknown;
}

/** Serialises and, when `validate` is on, checks a call's inputs; throws a WwtRequestValidationError for bad ones. */
export function prepareRequest(operation: OperationId, input: CallInput, validate: boolean): PreparedRequest {
  const { method, path } = operationTable[operation];
  const checks: { body?: BodyCheck; query?: BodyCheck; path?: BodyCheck } = requestChecks[operation];
  const body = checks.body ? serialised(operation, "(body)", input.body, validate ? checks.body : undefined) : undefined;
  const query = checks.query ? plain(operation, "(query)", input.query ?? {}, validate ? checks.query : undefined) : {};
  const pathParameters = (checks.path ? plain(operation, "(path)", input.path, validate ? checks.path : undefined) : {}) as Record<string, unknown>;
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(pathParameters[name])));
  const search = queryString(query);
  return { method, schemaPath: path, pathParameters, target: search ? `${filled}?${search}` : filled, search, body: body?.text, bodyValue: body?.value };
}

/**
 * `value` as JSON text, and the value that text holds. With a check, the value is checked as
 * given and again as written: what goes out is what passed.
 */
function serialised(operation: string, root: string, value: unknown, check: BodyCheck | undefined): { text: string; value: unknown } {
  const refuse = (issues: ValidationIssue[]): never => {
    throw new WwtRequestValidationError({ operation, issues: issues.map((issue) => (issue.path === "(body)" ? { ...issue, path: root } : issue)) });
  };
  const checkOrRefuse = (data: unknown) => {
    if (!check) return;
    let issues: ValidationIssue[];
    try {
      issues = findIssues(check, data);
    } catch (error) {
      issues = [{ path: root, message: `cannot be read (${reasonOf(error)})` }];
    }
    if (issues.length > 0) refuse(issues);
  };
  // The value as given, first: its issues name the field (a cycle, a BigInt), and a value that
  // JSON would turn into a valid one (a Date, a boxed boolean) is refused as the mistake it is.
  checkOrRefuse(value);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    refuse([{ path: root, message: `cannot be written as JSON (${reasonOf(error)})` }]);
  }
  if (text === undefined) return refuse([{ path: root, message: "cannot be written as JSON" }]);
  // Then what was written, which is what goes out: a getter, Proxy or toJSON may have changed it.
  const written: unknown = JSON.parse(text);
  checkOrRefuse(written);
  return { text, value: written };
}

/** A plain copy of parameters, checked: what the query or path is written from. */
function plain(operation: string, root: string, value: unknown, check: BodyCheck | undefined): unknown {
  return serialised(operation, root, value, check).value;
}

/**
 * The query as the platform reads it: `sort=id&page[limit]=50&filter[reference_id]=order10452`.
 * An object parameter is written with its keys in brackets (OpenAPI's deepObject style), the
 * brackets as they are and every name and value percent-encoded.
 */
function queryString(query: unknown): string {
  const pairs: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value === null || value === undefined) return;
    if (typeof value === "object") for (const [key, inner] of Object.entries(value)) add(`${name}[${encodeURIComponent(key)}]`, inner);
    else pairs.push(`${name}=${encodeURIComponent(String(value))}`);
  };
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) add(encodeURIComponent(name), value);
  return pairs.join("&");
}

/** The first line of what a body's getter, Proxy trap or toJSON threw, whatever it threw. */
function reasonOf(error: unknown): string {
  try {
    return (error instanceof Error ? error.message : String(error)).split("\n")[0].slice(0, 200);
  } catch {
    return "(cannot be shown)";
  }
}
