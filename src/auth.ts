// Authentication as openapi-fetch middleware. With an API key: log in on first use, share
// one login among concurrent calls, renew the JWT before its `exp`, and after a 401 log in
// again and replay the request once (a 401 means it was not processed). With a token: use it.
import type { Middleware } from "openapi-fetch";
import type { Transport } from "./transport.js";

const loginPath = "/api/auth/login";
const refreshPath = "/api/auth/refresh";
/** Renew this long before `exp` at the latest (or at a tenth of a short token's lifetime). */
const renewalMarginMs = 5 * 60_000;

export interface TokenSource {
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
  return { current: async () => token, refused() {}, renewable: false };
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

  return {
    renewable: true,
    current() {
      if (held && (held.renewAt === undefined || Date.now() < held.renewAt)) return Promise.resolve(held.token);
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

export function authMiddleware(tokens: TokenSource, transport: Transport): Middleware {
  const bearerOf = (request: Request) => request.headers.get("Authorization")?.replace(/^Bearer /, "") ?? "";
  const ownAuth = (schemaPath: string) => schemaPath === loginPath || schemaPath === refreshPath;
  return {
    async onRequest({ request, schemaPath }) {
      if (ownAuth(schemaPath)) return undefined;
      request.headers.set("Authorization", `Bearer ${await tokens.current()}`);
      return request;
    },
    async onResponse({ request, response, schemaPath }) {
      if (response.status !== 401 || !tokens.renewable || ownAuth(schemaPath)) return undefined;
      tokens.refused(bearerOf(request));
      request.headers.set("Authorization", `Bearer ${await tokens.current()}`);
      return transport(request);
    },
  };
}

export const authPaths = { login: loginPath, refresh: refreshPath } as const;
