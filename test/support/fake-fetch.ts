// A scripted stand-in for fetch, for unit tests: it records every request it receives and
// answers with whatever the test's handler returns.
export interface Recorded {
  method: string;
  path: string;
  url: string;
  authorization: string | null;
  contentType: string | null;
  /** Every header, by lower-case name. */
  headers: Record<string, string>;
  body: any;
}

export type Handler = (request: Recorded, call: number, signal: AbortSignal) => Response | Promise<Response>;

export function fakeFetch(handler: Handler) {
  const requests: Recorded[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const text = await request.text();
    const recorded: Recorded = {
      method: request.method,
      path: new URL(request.url).pathname,
      url: request.url,
      authorization: request.headers.get("authorization"),
      contentType: request.headers.get("content-type"),
      headers: Object.fromEntries(request.headers),
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(recorded);
    return handler(recorded, requests.length, request.signal);
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    sends: () => requests.filter((r) => !r.path.startsWith("/api/auth/")),
    logins: () => requests.filter((r) => r.path === "/api/auth/login"),
  };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** An unsigned JWT with the given claims (the client only reads `exp` and `iat`). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

/** A JWT valid for `seconds` from now. */
export function freshToken(seconds = 30 * 24 * 3600, subject = "48213"): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ sub: subject, iat: now, exp: now + seconds, jti: Math.random().toString(36).slice(2) });
}
