// Step 3 of every call but the login and the refresh: the bearer token. With an API key: log in
// on first use, share one login among concurrent calls, renew the token before it expires,
// and forget a token the platform refused, so that the next call logs in again. With a token:
// use it as it is. A token's lifetime is read from its own claims (`exp` less `iat`, or less
// the answer's `Date`) and counted on this machine's clock from when it arrived, so hours of
// skew between the two clocks, either way, neither renew it on every call nor let it expire.
import { WwtAbortError, WwtLoginError } from "./errors.js";
import { whenAborted } from "./signals.js";

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

/** A token as the login or the refresh answered it, with the answer's `Date` header, if any. */
export interface IssuedToken {
  token: string;
  date: string | null;
}

export interface TokenIssuer {
  login(): Promise<IssuedToken>;
  refresh(token: string): Promise<IssuedToken>;
}

interface Held {
  token: string;
  /** When to renew it, on this machine's clock; undefined: use it until it is refused. */
  renewAt: number | undefined;
  /** When it expires, on this machine's clock; undefined when that is not known. */
  expiresAt: number | undefined;
}

export function fixedToken(token: string): TokenSource {
  return { ready: () => token, current: async () => token, refused() {}, renewable: false };
}

export function apiKeyTokens(issuer: TokenIssuer): TokenSource {
  let held: Held | undefined;
  let pending: Promise<string> | undefined;

  async function renew(): Promise<string> {
    const previous = held;
    const stillValid = previous && (previous.expiresAt === undefined || Date.now() < previous.expiresAt);
    let issued: IssuedToken | undefined;
    if (previous && stillValid) issued = await issuer.refresh(previous.token).catch(() => undefined);
    issued ??= await issuer.login();
    // The same token again gains nothing: use it until it expires (then log in), or, when that
    // time has passed already, until the platform refuses it. Never renew it on every call.
    held =
      previous && issued.token === previous.token
        ? { ...previous, renewAt: previous.expiresAt !== undefined && Date.now() < previous.expiresAt ? previous.expiresAt : undefined }
        : hold(issued, Date.now());
    return issued.token;
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

/** When to renew and when `token` expires, on this machine's clock, counted from `receivedAt`. */
function hold({ token, date }: IssuedToken, receivedAt: number): Held {
  const claims = decodeClaims(token);
  if (typeof claims?.exp !== "number") return { token, renewAt: undefined, expiresAt: undefined };
  const issuedAt = typeof claims.iat === "number" ? claims.iat * 1000 : date === null ? Number.NaN : Date.parse(date);
  const lifetime = claims.exp * 1000 - (Number.isFinite(issuedAt) ? issuedAt : receivedAt);
  if (!(lifetime > 0)) return { token, renewAt: undefined, expiresAt: undefined };
  const expiresAt = receivedAt + lifetime;
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

/**
 * The token for a call of `operation`, waited for only as long as its caller wants: an abort
 * of `signal` ends the wait at once (the shared login goes on for the others, bounded by its
 * own time limit). A failed login fails each waiting call with an error of its own.
 */
export function tokenFor(operation: string, signal: AbortSignal | undefined, tokens: TokenSource): Promise<string> {
  const ready = tokens.ready();
  if (ready !== undefined) return Promise.resolve(ready);
  if (signal?.aborted) return Promise.reject(new WwtAbortError({ operation, sent: false }));
  return new Promise((resolve, reject) => {
    const stopListening = whenAborted(signal, () => reject(new WwtAbortError({ operation, sent: false })));
    tokens
      .current()
      .then(resolve, (cause: unknown) => reject(new WwtLoginError({ operation, cause })))
      .finally(stopListening);
  });
}

/**
 * Makes `call` once more after a 401, which means the platform refused the token and did not
 * process the call: the refused token is forgotten, so the repeat logs in again. A second 401
 * is the answer. Only a token obtained with an API key can be replaced.
 */
export async function onceMoreAfter401<Result>(tokens: TokenSource, call: () => Promise<Result>, statusOf: (result: Result) => number): Promise<Result> {
  const first = await call();
  return tokens.renewable && statusOf(first) === 401 ? call() : first;
}
