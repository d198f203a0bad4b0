// What your middleware (`rcs.api.use()`) and your `fetch` are handed — a standard Request and
// Response, whose bodies can be read and replaced while what reaches the server stays exact —
// and which way a send goes: through openapi-fetch while middleware of yours is registered,
// straight to the transport (no Request built) while none is.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRcsClient, type Middleware } from "../../src/index.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { answerJson, startFaultServer, type FaultServer } from "../support/fault-server.js";
import { fakeFetch, freshToken, json } from "../support/fake-fetch.js";

const apiKey = "test_4f1c2a9e0b7d";
const sendPath = "/api/messages/rcs/send";
const servers: FaultServer[] = [];

afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function platform() {
  const server = await startFaultServer({ answerSend: (exchange) => answerJson(exchange, 200, acceptedAnswer, { "x-answer": "yes" }) });
  servers.push(server);
  return { server, rcs: createRcsClient({ apiKey, baseUrl: server.url }) };
}

describe("the request a middleware sees", () => {
  it("can be read through clone() and given a header, and still goes out whole, with that header", async () => {
    const { server, rcs } = await platform();
    const seen: unknown[] = [];
    rcs.api.use({
      async onRequest({ request }) {
        if (request.method === "POST" && new URL(request.url).pathname === sendPath) seen.push(await request.clone().json());
        request.headers.set("X-Request-Id", "req-1");
        return request;
      },
    });
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    expect(seen).toEqual([plainMessage]);
    expect(server.sends()[0].body).toEqual(plainMessage);
    expect(server.requests.map((request) => request.headers["x-request-id"])).toEqual(["req-1", "req-1"]);
  });

  it("has a Request's properties and body readers, each of which reads the body once", async () => {
    const { rcs } = await platform();
    const checks: Record<string, unknown> = {};
    rcs.api.use({
      async onRequest({ request, schemaPath }) {
        if (schemaPath !== sendPath) return undefined;
        Object.assign(checks, {
          isRequest: request instanceof Request,
          url: request.url,
          method: request.method,
          contentType: request.headers.get("content-type"),
          authorization: request.headers.get("authorization")?.startsWith("Bearer "),
          signal: request.signal instanceof AbortSignal && !request.signal.aborted,
          redirect: request.redirect,
          text: await request.clone().text(),
          bytes: new TextDecoder().decode(await request.clone().arrayBuffer()),
          blob: await (await request.clone().blob()).text(),
          stream: await new Response(request.clone().body).text(),
        });
        const copy = request.clone();
        await copy.text();
        checks.bodyUsed = copy.bodyUsed;
        checks.readTwice = await copy.text().then(
          () => "read",
          (error: unknown) => (error as Error).name,
        );
        checks.cloneOfUsed = (() => {
          try {
            copy.clone();
            return "cloned";
          } catch (error) {
            return (error as Error).name;
          }
        })();
        return undefined;
      },
    });
    await rcs.sendRcsMessage(plainMessage);
    const body = JSON.stringify(plainMessage);
    expect(checks).toEqual({
      isRequest: true,
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api\/messages\/rcs\/send$/),
      method: "POST",
      contentType: "application/json",
      authorization: true,
      signal: true,
      redirect: "follow",
      text: body,
      bytes: body,
      blob: body,
      stream: body,
      bodyUsed: true,
      readTwice: "TypeError",
      cloneOfUsed: "TypeError",
    });
  });

  it("may be replaced by a standard Request, whose body and headers are what goes out", async () => {
    const { server, rcs } = await platform();
    rcs.api.use({
      async onRequest({ request, schemaPath }) {
        if (schemaPath !== sendPath) return undefined;
        const body = { ...(await request.clone().json()), sender: "Other Shop" };
        const headers = new Headers(request.headers);
        headers.set("X-Rewritten", "1");
        return new Request(request.url, { method: request.method, headers, body: JSON.stringify(body), signal: request.signal });
      },
    });
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    expect(server.sends()[0].body).toEqual({ ...plainMessage, sender: "Other Shop" });
    expect(server.sends()[0].headers).toMatchObject({ "x-rewritten": "1", "content-type": "application/json" });
  });

  it("carries a body of another kind (a Blob, URLSearchParams) sent through rcs.api, with its type", async () => {
    const { server, rcs } = await platform();
    await rcs.api.POST(sendPath, { body: plainMessage, bodySerializer: (body) => new Blob([JSON.stringify(body)], { type: "application/json" }) });
    await rcs.api.POST(sendPath, {
      body: plainMessage,
      bodySerializer: () => new URLSearchParams({ sender: "Acme" }) as unknown as string,
      headers: { "Content-Type": null },
    });
    const [blob, form] = server.sends();
    expect(blob.body).toEqual(plainMessage);
    expect(form.body).toBe("sender=Acme");
    expect(form.headers["content-type"]).toBe("application/x-www-form-urlencoded;charset=UTF-8");
  });
});

describe("the response a middleware sees", () => {
  it("can be read through clone() in onResponse, and the send still resolves to its data", async () => {
    const { rcs } = await platform();
    const bodies: string[] = [];
    rcs.api.use({
      async onResponse({ response, schemaPath }) {
        if (schemaPath === sendPath) bodies.push(await response.clone().text());
        return undefined;
      },
    });
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    expect(bodies.map((body) => JSON.parse(body))).toEqual([acceptedAnswer]);
  });

  it("is a Response, with its properties, body readers and clone(), and may be returned as it is or cloned", async () => {
    const { server, rcs } = await platform();
    const checks: Record<string, unknown> = {};
    rcs.api.use({
      async onResponse({ response, schemaPath }) {
        if (schemaPath !== sendPath) return undefined;
        Object.assign(checks, {
          isResponse: response instanceof Response && response.clone() instanceof Response,
          status: response.status,
          ok: response.ok,
          url: response.url,
          answerHeader: response.headers.get("x-answer"),
          json: await response.clone().json(),
          bytes: (await response.clone().arrayBuffer()).byteLength,
          blobType: (await response.clone().blob()).type,
          stream: JSON.parse(await new Response(response.clone().body).text()),
          bodyUsed: response.bodyUsed,
        });
        return response.clone();
      },
    });
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    const size = new TextEncoder().encode(JSON.stringify(acceptedAnswer)).byteLength;
    expect(checks).toEqual({
      isResponse: true,
      status: 200,
      ok: true,
      url: `${server.url}${sendPath}`,
      answerHeader: "yes",
      json: acceptedAnswer,
      bytes: size,
      blobType: "application/json",
      stream: acceptedAnswer,
      bodyUsed: false,
    });
  });

  it("may be replaced by a standard Response", async () => {
    const { rcs } = await platform();
    const replaced: Middleware = {
      onResponse: ({ schemaPath }) => (schemaPath === sendPath ? json({ data: { ...acceptedAnswer.data, id: 1 } }) : undefined),
    };
    rcs.api.use(replaced);
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual({ ...acceptedAnswer.data, id: 1 });
  });
});

describe("the fetch you pass", () => {
  it("is called with a standard Request, which reads as its URL, and an init that holds all of it", async () => {
    const calls: Array<{ input: any; init: RequestInit | undefined }> = [];
    const token = freshToken();
    const rcs = createRcsClient({
      token,
      fetch: async (input, init) => {
        calls.push({ input, init });
        return json(acceptedAnswer);
      },
    });
    await rcs.sendRcsMessage(plainMessage);
    const [{ input, init }] = calls;
    const url = "https://one-api.wwt.world/api/messages/rcs/send";
    expect(input).toBeInstanceOf(Request);
    expect({ asText: String(input), url: input.url, method: input.method, auth: input.headers.get("authorization"), body: await input.clone().json() }).toEqual({
      asText: url,
      url,
      method: "POST",
      auth: `Bearer ${token}`,
      body: plainMessage,
    });
    expect(input.redirect).toBe("manual");
    expect(init).toMatchObject({ method: "POST", body: JSON.stringify(plainMessage), redirect: "manual" });
    expect(new Headers(init?.headers).get("authorization")).toBe(`Bearer ${token}`);
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("may forward only its first argument to another fetch", async () => {
    const server = await platform();
    const rcs = createRcsClient({ apiKey, baseUrl: server.server.url, fetch: (input) => fetch(input) });
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    expect(server.server.sends()[0].body).toEqual(plainMessage);
  });

  it("gets the same request again for each repeat of a retried send", async () => {
    const server = fakeFetch((request, call) => {
      if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
      if (request.method === "GET") return json({ data: [], meta: { page: { limit: 500, offset: 0, total: 0 } } });
      return call <= 2 ? Promise.reject(new TypeError("fetch failed")) : json(acceptedAnswer);
    });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, retry: { retries: 1, initialDelayMs: 0 }, headers: { "X-Trace": "t-1" } });
    const referenced = { ...plainMessage, phone: { number: "380661231231", reference_id: "order10452" } };
    await expect(rcs.sendRcsMessage(referenced)).resolves.toEqual(acceptedAnswer.data);
    const [first, second] = server.sends().filter((request) => request.method === "POST");
    expect(second).toEqual(first);
    expect(first.body).toEqual(referenced);
    expect(first.headers["x-trace"]).toBe("t-1");
  });
});

describe("which way a send goes", () => {
  /** Counts the Requests built with the global Request (openapi-fetch's) from now on. */
  function countRequests() {
    const counted = { built: 0 };
    vi.stubGlobal(
      "Request",
      class CountedRequest extends Request {
        constructor(input: RequestInfo | URL, init?: RequestInit) {
          super(input, init);
          counted.built++;
        }
      },
    );
    return counted;
  }

  it("goes straight to the transport without middleware of yours, through openapi-fetch once one is registered, and straight again once it is ejected", async () => {
    const counted = countRequests();
    const { server, rcs } = await platform();
    await rcs.sendRcsMessage(plainMessage); // logs in, through openapi-fetch
    const seen: string[] = [];
    const watching: Middleware = { onRequest: ({ schemaPath }) => void seen.push(schemaPath) };
    const builtBy = async () => {
      const before = counted.built;
      await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
      return counted.built - before;
    };

    expect(await builtBy()).toBe(0);
    rcs.api.use(watching);
    expect(await builtBy()).toBe(1);
    expect(seen).toEqual([sendPath]);
    rcs.api.eject(watching);
    expect(await builtBy()).toBe(0);
    expect(seen).toEqual([sendPath]);
    expect(server.sends().map((request) => request.body)).toEqual(Array(4).fill(plainMessage));
  });

  it("goes through openapi-fetch while any middleware of yours is left, as openapi-fetch holds them", async () => {
    const counted = countRequests();
    const { rcs } = await platform();
    const [first, second] = [{ onRequest: () => undefined }, { onResponse: () => undefined }] satisfies Middleware[];
    // openapi-fetch adds one at a time and stops at one that is not middleware: `first` stays.
    expect(() => rcs.api.use(first, "not middleware" as unknown as Middleware, second)).toThrow(/Middleware must be an object/);
    rcs.api.use(second, second);
    rcs.api.eject(first, second); // one of the two `second`s is left
    await rcs.sendRcsMessage(plainMessage);
    const before = counted.built;
    await rcs.sendRcsMessage(plainMessage);
    expect(counted.built - before).toBe(1);
    rcs.api.eject(second);
    await rcs.sendRcsMessage(plainMessage);
    expect(counted.built - before).toBe(1);
  });

  it("shows your middleware each attempt of a send repeated under `retry`, and the lookup between them, as exchanges of their own", async () => {
    const server = fakeFetch((request, call) => {
      if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
      if (request.method === "GET") return json({ data: [], meta: { page: { limit: 500, offset: 0, total: 0 } } });
      return call === 2 ? Promise.reject(new TypeError("fetch failed")) : json(acceptedAnswer);
    });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, retry: { retries: 1, initialDelayMs: 0 } });
    const seen: string[] = [];
    rcs.api.use({ onRequest: ({ schemaPath }) => void seen.push(schemaPath) });
    await expect(rcs.sendRcsMessage({ ...plainMessage, phone: { number: "380661231231", reference_id: "order10452" } })).resolves.toEqual(acceptedAnswer.data);
    expect(server.sends().filter((request) => request.method === "POST")).toHaveLength(2);
    expect(seen).toEqual(["/api/auth/login", sendPath, "/api/messages", sendPath]);
  });
});
