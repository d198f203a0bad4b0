// The name every error gives the call that failed: the operationId of its method and path.
import { operationIds } from "../generated/spec-values.js";

/** `sendRcsMessage` for `POST /api/messages/rcs/send`; a path the spec lacks is named `METHOD /path`. */
export function operationOf(method: string, path: string): string {
  const call = `${method.toUpperCase()} ${path}`;
  return operationIds[call] ?? call;
}
