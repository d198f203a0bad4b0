// Judges a request as the platform does, with the checks the client itself runs before sending
// (generated/validators.js, through src/validation.ts): its JSON body, its query and its path
// parameters. So the mock and the client never disagree, and both count lengths as the
// platform does, in UTF-16 code units. Prism then judges only what passed, and agrees.
import { requestChecks, type BodyCheck } from "../../generated/validators.js";
import { findProblems, type Problem } from "../validation.js";
import { pathInput, queryInput } from "./inputs.js";
import { platformErrors } from "./platform-errors.js";
import type { Parameter, RouteMatch, Spec } from "./spec.js";

/** A request as the mock received it. */
export interface ReceivedRequest {
  match: RouteMatch;
  search: URLSearchParams;
  contentType: string | undefined;
  body: Buffer;
}

/** A request's inputs as the platform reads them: its JSON body, its query, its path parameters. */
export interface Inputs {
  body?: unknown;
  query: Record<string, unknown>;
  path: Record<string, unknown>;
}

/** A request's inputs, when they pass the checks of its operation; otherwise the platform's `errors`. */
export function checkRequest({ match, search, contentType, body }: ReceivedRequest, spec: Spec): { inputs: Inputs } | { errors: Record<string, string[]> } {
  const { operationId = "" } = match.route.operation;
  const checks: { body?: BodyCheck; query?: BodyCheck; path?: BodyCheck } = (requestChecks as Record<string, object>)[operationId] ?? {};
  const parameters = (match.route.operation.parameters ?? []).map((parameter) => spec.resolve<Parameter>(parameter));
  const inputs: Inputs = { query: queryInput(search, parameters, spec.resolve), path: pathInput(match.pathParameters, parameters, spec.resolve) };
  const problems: Problem[] = [];
  if (checks.body) {
    const read = bodyOf(body, contentType);
    if ("refused" in read) return { errors: { body: [read.refused] } };
    inputs.body = read.value;
    problems.push(...findProblems(checks.body, read.value));
  }
  if (checks.query) problems.push(...findProblems(checks.query, inputs.query));
  if (checks.path) problems.push(...findProblems(checks.path, inputs.path));
  return problems.length > 0 ? { errors: platformErrors(problems) } : { inputs };
}

/**
 * The body as the platform reads it: JSON, sent as such. No body at all is no field at all, so
 * each required one is missing.
 */
function bodyOf(body: Buffer, contentType: string | undefined): { value: unknown } | { refused: string } {
  if (body.length === 0) return { value: {} };
  if (!/^application\/json\s*(;|$)/i.test(contentType ?? "")) return { refused: "The body must be sent as JSON, with Content-Type: application/json." };
  try {
    return { value: JSON.parse(body.toString("utf8")) };
  } catch {
    return { refused: "The body must be a valid JSON string." };
  }
}
