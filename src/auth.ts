// Authentication as openapi-fetch middleware. With an API key: log in on first use, share
// one login among concurrent calls, renew the JWT before its `exp`, and after a 401 forget
// the refused token and make the call once more (a 401 means it was not processed), the way
// it was made the first time. With a token: use it.
import type { Client, Middleware } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { WwtAbortError, WwtLoginError } from "./errors.js";
import { operationOf } from "./operations.js";

/** The paths of the two calls that obtain a token; they carry no bearer token themselves. */
export const authPaths = { login: "/api/auth/login", refresh: "/api/auth/refresh" } as const satisfies Record<string, keyof paths>;
/** Renew this long before `exp` at the latest (or at a tenth of a short token's lifetime). */
const renewalMarginMs = 5 * 60_000;

export interface TokenSource {
  /** The token to send now when it needs no login or renewal first; undefined otherwise. */
  ready(): string | undefined;
  /** A token to send now, logging in or renewing first when needed. */
  current(): Promise<string>;
  /** Forgets `token` after the platform refused it, so the next call logs in again. */
  refused(token: string): void;
  /** Whether a refused token can be replaced (only with an API key). */
  readonly renewable: boolean;
}

interface Held {
  token: string;
  /** Epoch ms after which the token should be renewed; undefined when it has no `exp`. */
  renewAt: number | undefined;
  expiresAt: number | undefined;
}

export interface TokenIssuer {
  login(): Promise<string>;
  refresh(token: string): Promise<string>;
}

/**
 * Whether `token` can travel as `Authorization: Bearer <token>`. A token with a line break (or
 * a character beyond Latin-1) would make the Headers API throw an error quoting the token.
 */
export function isSendableToken(token: string): boolean {
  try {
    new Headers({ Authorization: `Bearer ${token}` });
    return true;
  } catch {
    return false;
  }
}

export function fixedToken(token: string): TokenSource {
  return { ready: () => token, current: async () => token, refused() {}, renewable: false };
}

export function apiKeyTokens(issuer: TokenIssuer): TokenSource {
  let held: Held | undefined;
  let pending: Promise<string> | undefined;

  async function renew(): Promise<string> {
    const stillValid = held && (held.expiresAt === undefined || Date.now() < held.expiresAt);
    let token: string | undefined;
    if (held && stillValid) token = await issuer.refresh(held.token).catch(() => undefined);
    token ??= await issuer.login();
    held = hold(token);
    return token;
  }

  const ready = () => (held && (held.renewAt === undefined || Date.now() < held.renewAt) ? held.token : undefined);
  return {
    renewable: true,
    ready,
    current() {
      const token = ready();
      if (token !== undefined) return Promise.resolve(token);
      pending ??= renew().finally(() => (pending = undefined));
      return pending;
    },
    refused(token) {
      if (held?.token === token) held = undefined;
    },
  };
}

function hold(token: string): Held {
  const claims = decodeClaims(token);
  if (typeof claims?.exp !== "number") return { token, renewAt: undefined, expiresAt: undefined };
  const expiresAt = claims.exp * 1000;
  const lifetime = typeof claims.iat === "number" ? expiresAt - claims.iat * 1000 : Infinity;
  return { token, expiresAt, renewAt: expiresAt - Math.min(renewalMarginMs, lifetime / 10) };
}

/** The claims of a JWT, read without verifying it (only its timing is used). */
function decodeClaims(token: string): { exp?: unknown; iat?: unknown } | undefined {
  try {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, "=")));
  } catch {
    return undefined;
  }
}

const ownAuth = (schemaPath: string) => schemaPath === authPaths.login || schemaPath === authPaths.refresh;

export function authMiddleware(tokens: TokenSource): Middleware {
  // The Headers API trims the value, as the platform does: the token is compared trimmed too.
  const bearerOf = (request: Request) => request.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "";
  return {
    async onRequest({ request, schemaPath }) {
      if (ownAuth(schemaPath)) return undefined;
      const token = tokens.ready() ?? (await tokenFor(operationOf(request.method, schemaPath), request.signal, tokens));
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response, schemaPath }) {
      if (response.status === 401 && !ownAuth(schemaPath)) tokens.refused(bearerOf(request));
      return undefined;
    },
  };
}

/**
 * The token for a call of `operation`, waited for only as long as its caller wants: an abort
 * of `signal` ends the wait at once (the shared login goes on for the others). A failed login
 * fails each waiting call with an error of its own, naming its own operation.
 */
export function tokenFor(operation: string, signal: AbortSignal | undefined, tokens: TokenSource): Promise<string> {
  if (signal?.aborted) return Promise.reject(new WwtAbortError(operation, false));
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new WwtAbortError(operation, false));
    signal?.addEventListener("abort", aborted, { once: true });
    tokens
      .current()
      .then(resolve, (error: unknown) => reject(new WwtLoginError(operation, error)))
      .finally(() => signal?.removeEventListener("abort", aborted));
  });
}

/**
 * Makes `call` once more after a 401, which means the platform refused the token and did not
 * process the call: the token was forgotten when the 401 came, so the repeat logs in again
 * for it. A second 401 is the answer. Only a token obtained with an API key can be replaced.
 */
export async function onceMoreAfter401<Result extends { response: Response }>(tokens: TokenSource, call: () => Promise<Result>): Promise<Result> {
  const first = await call();
  return tokens.renewable && first.response.status === 401 ? call() : first;
}

/**
 * `api`, with every call but the login and the refresh made once more after a 401. The repeat
 * goes through openapi-fetch like the first attempt: every middleware (yours from
 * `rcs.api.use()` included) sees it, and the auth middleware logs in again for it.
 */
export function replayingAfter401(api: Client<paths>, tokens: TokenSource): Client<paths> {
  if (!tokens.renewable) return api;
  const replaying = <F>(method: F, pathArgument: number): F => {
    const call = method as (...args: unknown[]) => Promise<{ response: Response }>;
    return ((...args: unknown[]) => (ownAuth(String(args[pathArgument])) ? call(...args) : onceMoreAfter401(tokens, () => call(...args)))) as F;
  };
  return {
    ...api,
    GET: replaying(api.GET, 0),
    PUT: replaying(api.PUT, 0),
    POST: replaying(api.POST, 0),
    DELETE: replaying(api.DELETE, 0),
    OPTIONS: replaying(api.OPTIONS, 0),
    HEAD: replaying(api.HEAD, 0),
    PATCH: replaying(api.PATCH, 0),
    TRACE: replaying(api.TRACE, 0),
    request: replaying(api.request, 1),
  };
}
