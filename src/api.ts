// openapi-fetch, where your middleware meets the client: `rcs.api` for calls of your own, and the
// way a call of the client goes while middleware of yours is registered, so that it sees a
// standard Request and Response. Either way the exchange underneath is the client's own (time
// limit, size cap, no redirect followed). This file only adapts between openapi-fetch's Request
// and Response and that exchange; the steps themselves live in their own files.
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { operations } from "../generated/spec-values.js";
import { WwtNetworkError } from "./errors.js";
import { answerOf, readBody, startDeadline, type Answer, type Deadline, type Exchange, type Outgoing } from "./exchange.js";
import type { PreparedRequest } from "./request.js";
import { onceMoreAfter401, tokenFor, type TokenSource } from "./tokens.js";

export interface ApiSettings {
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  exchange: Exchange;
  tokens: TokenSource;
}

export interface ApiRoute {
  /** The openapi-fetch client handed to you as `rcs.api`. */
  readonly api: Client<paths>;
  /** Whether middleware of yours is registered: then the client's calls go through openapi-fetch. */
  hasMiddleware(): boolean;
  /** Sends a prepared request through openapi-fetch and your middleware; resolves to the answer they leave. */
  send(operation: string, request: PreparedRequest, headers: Record<string, string>, deadline: Deadline): Promise<Answer>;
}

const nullBodyStatuses = new Set([101, 204, 205, 304]);
/** Paths whose calls obtain a token, and so carry none of ours. */
const tokenPaths = new Set([operations.login.path, operations.refreshToken.path]);
/** What a Request holds besides its method, headers and body, which a call through `rcs.api` may set (`keepalive`, …). */
const requestOptions = ["cache", "credentials", "integrity", "keepalive", "mode", "referrer", "referrerPolicy"] as const;

export function createApiRoute({ baseUrl, headers, timeoutMs, maxResponseBytes, exchange, tokens }: ApiSettings): ApiRoute {
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  const operationOf = (request: Request) => {
    const path = new URL(request.url).pathname.slice(basePath.length);
    const found = Object.entries(operations).find(([, operation]) => operation.method === request.method && matches(operation.path, path));
    return found?.[0] ?? `${request.method} ${path}`;
  };

  /** One exchange of the Request openapi-fetch built (and your middleware may have replaced). */
  async function exchangeOf(request: Request, operation: string, deadline: Deadline): Promise<Response> {
    let body: ArrayBuffer | null = null;
    try {
      if (request.body !== null) body = await Promise.race([request.arrayBuffer(), deadline.stopped]);
    } catch (error) {
      if (deadline.signal.aborted) await deadline.stopped;
      throw new WwtNetworkError({ operation, reason: "unreadable request body", cause: error });
    }
    const outgoing: Outgoing = { method: request.method, headers: request.headers, body };
    for (const option of requestOptions) if (request[option] !== undefined) outgoing[option] = request[option] as never;
    return responseOf(await exchange(operation, request.url, outgoing, deadline, maxResponseBytes));
  }

  /** The fetch of `rcs.api` calls: an exchange with the client's limits and the request's signal. */
  async function apiFetch(request: Request): Promise<Response> {
    const operation = operationOf(request);
    const deadline = startDeadline(operation, timeoutMs, request.signal);
    try {
      return await exchangeOf(request, operation, deadline);
    } finally {
      deadline.end();
    }
  }

  const client = createClient<paths>({ baseUrl, headers, fetch: apiFetch });
  // Runs first, so that your middleware sees the token; a call that carries one keeps it.
  client.use({
    async onRequest({ request, schemaPath }) {
      if (tokenPaths.has(schemaPath) || request.headers.has("authorization")) return undefined;
      const token = await tokenFor(operationOf(request), request.signal, tokens);
      request.headers.set("authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response, schemaPath }) {
      if (response.status === 401 && !tokenPaths.has(schemaPath)) tokens.refused(request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "");
      return undefined;
    },
  });

  const registered: Middleware[] = [];
  // Every method of `client`, made once more after a 401 (not the login's nor the refresh's).
  const replaying: Partial<Client<paths>> = {};
  if (tokens.renewable) {
    for (const name of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"] as const) {
      const call = client[name] as (...args: unknown[]) => Promise<{ response: Response }>;
      // The path is the first argument, or the second of `request`; no other argument is a string that could match.
      Object.assign(replaying, {
        [name]: (...args: unknown[]) =>
          args.some((arg) => tokenPaths.has(arg as string)) ? call(...args) : onceMoreAfter401(tokens, () => call(...args), (result) => result.response.status),
      });
    }
  }
  const api: Client<paths> = {
    ...client,
    ...replaying,
    // Kept in step with openapi-fetch's own list, one at a time, so that it stops where openapi-fetch throws.
    use(...middleware) {
      for (const added of middleware) {
        client.use(added);
        if (added) registered.push(added);
      }
    },
    eject(...middleware) {
      client.eject(...middleware);
      for (const ejected of middleware) {
        const at = registered.indexOf(ejected);
        if (at !== -1) registered.splice(at, 1);
      }
    },
  };

  return {
    api,
    hasMiddleware: () => registered.length > 0,
    async send(operation, request, callHeaders, deadline) {
      const call = client.request(request.method as "get", request.schemaPath as never, {
        headers: callHeaders,
        // The deadline's own signal, which the caller's aborts: a Request made with the caller's
        // would add a listener to it, and a signal shared by many calls would gather them.
        signal: deadline.signal,
        body: request.body as never,
        bodySerializer: (body: unknown) => body as string,
        // The path and query as the client checked them; openapi-fetch fills `{id}` in from `params`.
        params: { path: request.pathParameters } as never,
        querySerializer: () => request.search,
        parseAs: "stream",
        fetch: (built: Request) => exchangeOf(built, operation, deadline),
      } as never) as Promise<{ error?: unknown; response: Response }>;
      const { error, response } = await Promise.race([call, deadline.stopped]);
      // A success's body openapi-fetch leaves to us; an error's it has read already.
      return answerOf(response, response.ok ? await readBody(response, operation, maxResponseBytes, deadline) : bytesOf(error));
    },
  };
}

/** An error's body, which openapi-fetch has read (and parsed when it was JSON), as bytes again; null when it read none. */
function bytesOf(error: unknown): Uint8Array<ArrayBuffer> | null {
  return error === undefined ? null : new TextEncoder().encode(typeof error === "string" ? error : JSON.stringify(error));
}

/** Whether `path` is an instance of the spec's `template` (`/api/campaigns/{id}`). */
function matches(template: string, path: string): boolean {
  const segments = path.split("/");
  const expected = template.split("/");
  return expected.length === segments.length && expected.every((part, at) => part === segments[at] || (part.startsWith("{") && segments[at] !== ""));
}

/** The answer as a standard Response, reading as the URL that answered (which a built Response lacks). */
function responseOf({ status, statusText, headers, url, bytes }: Answer): Response {
  return keepingUrl(new Response(nullBodyStatuses.has(status) ? null : bytes, { status, statusText, headers }), url);
}

function keepingUrl(response: Response, url: string): Response {
  const clone = response.clone.bind(response);
  return Object.defineProperties(response, { url: { value: url }, clone: { value: () => keepingUrl(clone(), url) } });
}
