// The client against a scripted fetch: authentication, the requests it builds, how each
// answer maps to data or a typed error, validation before any I/O, timeouts and retries.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createRcsClient,
  WwtRequestValidationError,
  WwtAbortError,
  WwtApiError,
  WwtAuthenticationError,
  WwtConfigurationError,
  WwtDuplicateRequestError,
  WwtInvalidResponseError,
  WwtLoginError,
  WwtNetworkError,
  WwtRedirectError,
  WwtResponseTooLargeError,
  WwtServerError,
  WwtTimeoutError,
  type ApiAnswer,
  type Middleware,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { requestCases, minimalMessage, minimalCampaign } from "../support/request-cases.js";
import { afterTurns } from "../support/turns.js";
import { fakeFetch, freshToken, json, jwt } from "../support/fake-fetch.js";
import { operation, responseExamples } from "../support/spec.js";
import { call } from "../support/calls.js";
import { validateAgainst } from "../support/reference-validator.js";

const apiKey = "test_4f1c2a9e0b7d";
const message = minimalMessage as SendRcsMessageRequest;
const accepted = responseExamples("sendRcsMessage", "200").textMessage;
const created = responseExamples("sendRcsCampaignToGroups", "200").instant;

/** A platform that logs in with fresh tokens and answers sends with `answer`. */
function platform(answer: (call: number) => Response | Promise<Response> = () => json(accepted)) {
  let sends = 0;
  return fakeFetch((request) => {
    if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
    if (request.path === "/api/auth/refresh") return json({ bearer: freshToken() });
    return answer(++sends);
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe("authentication", () => {
  it("logs in with the API key on first use and sends the JWT as a bearer token", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    expect(server.requests).toHaveLength(0);
    await rcs.sendRcsMessage(message);
    expect(server.requests.map((r) => r.path)).toEqual(["/api/auth/login", "/api/messages/rcs/send"]);
    expect(server.requests[0].body).toEqual({ api_key: apiKey });
    expect(server.requests[0].authorization).toBeNull();
    const token = server.requests[1].authorization!.replace("Bearer ", "");
    expect(token.split(".")).toHaveLength(3);
  });

  it("reuses the token for later sends", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await rcs.sendRcsMessage(message);
    await rcs.sendRcsMessage(message);
    await rcs.sendRcsCampaignToGroups(minimalCampaign);
    expect(server.logins()).toHaveLength(1);
    expect(new Set(server.sends().map((r) => r.authorization)).size).toBe(1);
  });

  it("shares one login among concurrent sends", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await Promise.all(Array.from({ length: 25 }, () => rcs.sendRcsMessage(message)));
    expect(server.logins()).toHaveLength(1);
    expect(server.sends()).toHaveLength(25);
  });

  it("refreshes the token shortly before it expires, with the current token", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const first = jwt({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 });
    const second = freshToken();
    const server = fakeFetch((request) =>
      json({ bearer: request.path === "/api/auth/login" ? first : second }, 200),
    );
    const sends = fakeFetch(() => json(accepted));
    const rcs = createRcsClient({
      apiKey,
      fetch: (input, init) => ((input as Request).url.includes("/api/auth/") ? server.fetch : sends.fetch)(input, init),
    });
    await rcs.sendRcsMessage(message);
    vi.setSystemTime(Date.now() + 56 * 60_000); // 4 minutes before exp
    await rcs.sendRcsMessage(message);
    expect(server.requests.map((r) => r.path)).toEqual(["/api/auth/login", "/api/auth/refresh"]);
    expect(server.requests[1].authorization).toBe(`Bearer ${first}`);
    expect(sends.requests.map((r) => r.authorization)).toEqual([`Bearer ${first}`, `Bearer ${second}`]);
  });

  it("logs in again instead of refreshing a token that has already expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await rcs.sendRcsMessage(message);
    vi.setSystemTime(Date.now() + 31 * 24 * 3600_000);
    await rcs.sendRcsMessage(message);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/auth/login",
      "/api/messages/rcs/send",
      "/api/auth/login",
      "/api/messages/rcs/send",
    ]);
  });

  it("logs in again when a refresh is refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const now = Math.floor(Date.now() / 1000);
    const server = fakeFetch((request) => {
      if (request.path === "/api/auth/refresh") return json({ message: "Unauthenticated." }, 401);
      if (request.path === "/api/auth/login") return json({ bearer: jwt({ iat: now, exp: now + 3600 }) });
      return json(accepted);
    });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await rcs.sendRcsMessage(message);
    vi.setSystemTime(Date.now() + 58 * 60_000);
    await rcs.sendRcsMessage(message);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/auth/login",
      "/api/messages/rcs/send",
      "/api/auth/refresh",
      "/api/auth/login",
      "/api/messages/rcs/send",
    ]);
  });

  it("after a 401 logs in again and replays the request once", async () => {
    const server = platform((call) => (call === 1 ? json({ message: "Unauthenticated." }, 401) : json(accepted)));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await expect(rcs.sendRcsMessage(message)).resolves.toEqual(accepted.data);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/api/auth/login",
      "/api/messages/rcs/send",
      "/api/auth/login",
      "/api/messages/rcs/send",
    ]);
    const [, refused, , replayed] = server.requests;
    expect(replayed.authorization).not.toBe(refused.authorization);
    expect(replayed.body).toEqual(refused.body);
  });

  it("does not loop when the replay gets a 401 too", async () => {
    const server = platform(() => json({ message: "Unauthenticated." }, 401));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const error = await rcs.sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtAuthenticationError);
    expect(error.status).toBe(401);
    expect(server.requests).toHaveLength(4);
  });

  it("uses a given token as is, without logging in or replaying", async () => {
    const token = freshToken();
    const server = fakeFetch(() => json({ message: "Unauthenticated." }, 401));
    const rcs = createRcsClient({ token, fetch: server.fetch });
    await expect(rcs.sendRcsMessage(message)).rejects.toBeInstanceOf(WwtAuthenticationError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0].authorization).toBe(`Bearer ${token}`);
  });

  it("reports a refused API key as a login error of the send, caused by the login's authentication error", async () => {
    const server = fakeFetch(() => json({ message: "Unauthenticated." }, 401));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const error = await rcs.sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtLoginError);
    expect(error).toMatchObject({ operation: "sendRcsMessage", status: 401, outcomeUnknown: false, body: { message: "Unauthenticated." } });
    expect(error.message).toContain("NOT sent.");
    expect(error.cause).toBeInstanceOf(WwtAuthenticationError);
    expect(error.cause.operation).toBe("login");
    expect(server.requests).toHaveLength(1);
  });

  it("replays a call refused with a 401 through the middleware added with rcs.api.use()", async () => {
    const server = platform((call) => (call === 1 ? json({ message: "Unauthenticated." }, 401) : json(accepted)));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const seen: Array<{ path: string; status: number }> = [];
    const tracing: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set("X-Trace", String(seen.length + 1));
        return request;
      },
      onResponse: ({ request, response }) => void seen.push({ path: new URL(request.url).pathname, status: response.status }),
    };
    rcs.api.use(tracing);
    await expect(rcs.sendRcsMessage(message)).resolves.toEqual(accepted.data);
    expect(seen).toEqual([
      { path: "/api/auth/login", status: 200 },
      { path: "/api/messages/rcs/send", status: 401 },
      { path: "/api/auth/login", status: 200 },
      { path: "/api/messages/rcs/send", status: 200 },
    ]);
  });
});

describe("requests", () => {
  it("posts the body as JSON to the spec's path on the default production server", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await rcs.sendRcsMessage(message);
    await rcs.sendRcsCampaignToGroups(minimalCampaign);
    const [send, campaign] = server.sends();
    expect(send).toMatchObject({ method: "POST", url: "https://one-api.wwt.world/api/messages/rcs/send", contentType: "application/json" });
    expect(send.body).toEqual(minimalMessage);
    expect(campaign).toMatchObject({ method: "POST", url: "https://one-api.wwt.world/api/campaigns/rcs/send-groups" });
    expect(campaign.body).toEqual(minimalCampaign);
  });

  it("uses the given baseUrl, without a trailing slash", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, baseUrl: "http://127.0.0.1:4010/" });
    await rcs.sendRcsMessage(message);
    expect(server.requests.map((r) => r.url)).toEqual([
      "http://127.0.0.1:4010/api/auth/login",
      "http://127.0.0.1:4010/api/messages/rcs/send",
    ]);
  });

  it("gives every API error the answer's headers, Retry-After included", async () => {
    const server = platform(() => json({ message: "Too many requests" }, 429, { "retry-after": "30" }));
    const error = await createRcsClient({ apiKey, fetch: server.fetch }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtDuplicateRequestError);
    expect(error.headers).toBeInstanceOf(Headers);
    expect(error.headers.get("retry-after")).toBe("30");
    const answer: ApiAnswer = { operation: error.operation, status: error.status, statusText: "", headers: error.headers, body: error.body, fieldErrors: [] };
    expect(new WwtApiError({ answer }).headers.get("retry-after")).toBe("30");
  });

  it("exposes the authenticated openapi-fetch client as `api`", async () => {
    const server = platform();
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const { data, response } = await rcs.api.POST("/api/messages/rcs/send", { body: message });
    expect(response.status).toBe(200);
    expect(data?.data.id).toBe(accepted.data.id);
    expect(server.sends()[0].authorization).toMatch(/^Bearer /);
  });
});

describe("answers", () => {
  const sendWith = (response: () => Response) => {
    const server = platform(response);
    return { server, result: createRcsClient({ apiKey, fetch: server.fetch }).sendRcsMessage(message) };
  };

  it("resolves to the `data` of a success, typed as the spec says", async () => {
    await expect(sendWith(() => json(accepted)).result).resolves.toEqual(accepted.data);
    const server = platform(() => json(created));
    await expect(createRcsClient({ apiKey, fetch: server.fetch }).sendRcsCampaignToGroups(minimalCampaign)).resolves.toEqual(created.data);
  });

  it("maps a 422 with errors per field to a WwtApiError naming each field", async () => {
    const body = responseExamples("sendRcsMessage", "422").errorsByField;
    const error = await sendWith(() => json(body, 422)).result.catch((e) => e);
    expect(error).toBeInstanceOf(WwtApiError);
    expect(error).toMatchObject({ status: 422, body, serverMessage: "The given data was invalid." });
    expect(error.fieldErrors).toEqual([
      { field: "phone.number", message: "The phone.number format is invalid." },
      { field: "validity_seconds", message: "The validity seconds must be at least 30." },
    ]);
    expect(error.message).toContain("phone.number: The phone.number format is invalid.");
  });

  it("maps a 422 with a list of errors to a WwtApiError with each message", async () => {
    const body = responseExamples("sendRcsMessage", "422").errorsAsList;
    const error = await sendWith(() => json(body, 422)).result.catch((e) => e);
    expect(error.fieldErrors).toEqual([{ message: "The sender may not be greater than 40 characters." }]);
  });

  it("reads field errors from the body only, not from a Prism header beside it", async () => {
    const violations = [{ location: ["request", "body", "sender"], severity: "Error", code: "maxLength", message: "too long" }];
    const response = () => json(responseExamples("sendRcsMessage", "422").errorsByField, 422, { "sl-violations": JSON.stringify(violations) });
    const error = await sendWith(response).result.catch((e) => e);
    expect(error.fieldErrors.map((fieldError: { field: string }) => fieldError.field)).toEqual(["phone.number", "validity_seconds"]);
  });

  it.each([
    [429, WwtDuplicateRequestError, false],
    [500, WwtServerError, true],
    [503, WwtServerError, true],
    [404, WwtApiError, false],
  ])("maps %s to %o", async (status, type, outcomeUnknown) => {
    const error = await sendWith(() => json({ message: "nope" }, status)).result.catch((e) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, outcomeUnknown, serverMessage: "nope" });
  });

  it("keeps a non-JSON error body as text", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const error = await sendWith(() => new Response(html, { status: 502, headers: { "content-type": "text/html" } })).result.catch((e) => e);
    expect(error).toBeInstanceOf(WwtServerError);
    expect(error.body).toBe(html);
    expect(error.message).toContain("the body is not JSON");
  });

  it.each([
    ["invalid JSON", () => new Response("{not json", { status: 200 })],
    ["an empty body", () => new Response(null, { status: 200 })],
    ["JSON without data", () => json({ id: 1 })],
    ["a null data", () => json({ data: null })],
  ])("reports a 200 with %s as WwtInvalidResponseError", async (_what, response) => {
    const error = await sendWith(response).result.catch((e) => e);
    expect(error).toBeInstanceOf(WwtInvalidResponseError);
    expect(error).toMatchObject({ status: 200, outcomeUnknown: true });
  });
});

describe("validation before any network I/O", () => {
  it.each(requestCases.map((c) => [c.operation, c.name, c] as const))("%s: %s", async (operation, _name, row) => {
    const server = platform(() => json(operation === "sendRcsMessage" ? accepted : created));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const outcome = await call(rcs, operation, { body: row.body }).then(
      () => undefined,
      (e) => e,
    );
    if (row.valid) {
      expect(outcome).toBeUndefined();
      expect(server.sends()).toHaveLength(1);
    } else {
      expect(outcome).toBeInstanceOf(WwtRequestValidationError);
      expect(outcome.issues.map((i: any) => i.path)).toContain(row.issue);
      expect(server.requests).toHaveLength(0);
    }
  });

  it.each([
    [{ ...message, sender: "S".repeat(41) }, "sender: must have at most 40 characters"],
    [{ ...message, validity: 24, validity_seconds: 600 }, "validity, validity_seconds: only one may be given"],
    [{ ...message, options: {} }, "options: must have `text` or `cards`"],
    [{ ...message, options: { text: "a", cards: [] } }, "options: must have only one of `cards`, `text`"],
    [{ ...message, options: { cards: [{ title: "t" }] } }, "options.cards[0]: must have `media` or `text`"],
    [{ ...message, options: { cards: [{ text: "t", suggestions: [{ text: "Go" }] }] } }, "options.cards[0].suggestions[0]: must have `url` or `phone`"],
    [{ ...message, options: { cards: [{ text: "t", suggestions: [{ text: "Go", url: "ftp://x" }] }] } }, "options.cards[0].suggestions[0].url: must match the pattern"],
    [{ ...message, options: { cards: [{ text: "t", foo: 1 }] } }, "options.cards[0].foo: is not a known field"],
    [{ ...message, options: { text: "t".repeat(161) } }, "options.text: must have at most 160 characters"],
    [{ ...message, phone: { number: 380661231231 } }, "phone.number: must be a string"],
    [{ ...message, alternative_channel: { sms: { sender: "Acme", text: "Я".repeat(356) } } }, "alternative_channel.sms.text: must have at most 355 characters"],
    ["not an object", "(body): must be an object"],
  ])("explains %j as %s", async (body, expected) => {
    const rcs = createRcsClient({ apiKey, fetch: platform().fetch });
    const error: any = await call(rcs, "sendRcsMessage", { body }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WwtRequestValidationError);
    expect(error.issues.map((i: any) => `${i.path}: ${i.message}`).join("\n")).toContain(expected);
    expect(error.message).toContain(expected);
  });

  it("lists every issue, not only the first", async () => {
    const rcs = createRcsClient({ apiKey, fetch: platform().fetch });
    const body = { phone: { number: "+1" }, sender: "", options: { text: "" }, validity: 0, colour: "red" };
    const error: any = await call(rcs, "sendRcsMessage", { body }).catch((e: unknown) => e);
    expect(error.issues.map((i: any) => i.path).sort()).toEqual(["colour", "options.text", "phone.number", "sender", "validity"]);
  });

  it("agrees with a plain 2020-12 validator on every row of the table", () => {
    for (const row of requestCases) {
      const pointer = operation(row.operation).operation.requestBody.content["application/json"].schema.$ref.slice(1);
      expect(validateAgainst(pointer, row.body).valid, row.name).toBe(row.valid);
    }
  });

  it("sends an invalid body untouched when validation is off", async () => {
    const server = platform(() => json({ message: "The given data was invalid.", errors: { sender: ["too long"] } }, 422));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, validate: false });
    const error = await rcs.sendRcsMessage({ ...message, sender: "S".repeat(41) }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtApiError);
    expect(error.fieldErrors).toEqual([{ field: "sender", message: "too long" }]);
    expect(server.sends()[0].body.sender).toHaveLength(41);
  });
});

describe("configuration", () => {
  it.each([
    "http://one-api.wwt.world",
    "http://192.168.1.10:4010",
    "ftp://one-api.wwt.world",
    "one-api.wwt.world",
    "",
  ])("refuses the baseUrl %j before any request", (baseUrl) => {
    const server = platform();
    expect(() => createRcsClient({ apiKey, baseUrl, fetch: server.fetch })).toThrow(WwtConfigurationError);
    expect(server.requests).toHaveLength(0);
  });

  it.each(["https://one-api.wwt.world", "http://localhost:4010", "http://127.0.0.1:4010", "http://[::1]:4010"])(
    "accepts the baseUrl %s",
    (baseUrl) => {
      expect(() => createRcsClient({ apiKey, baseUrl })).not.toThrow();
    },
  );

  it.each([
    [{ apiKey: "" }, "an empty apiKey"],
    [{ apiKey: "   " }, "a blank apiKey"],
    [{ apiKey: "4f1c2a9e0b7d" }, "an apiKey without live_ or test_"],
    [{}, "no credentials"],
    [{ apiKey, token: freshToken() }, "both an apiKey and a token"],
    [{ token: "" }, "an empty token"],
  ])("refuses %j (%s) before any request", (credentials, _what) => {
    const server = platform();
    expect(() => createRcsClient({ ...credentials, fetch: server.fetch })).toThrow(WwtConfigurationError);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["https://user:hunter2@one-api.wwt.world", "a user name or password"],
    ["https://:hunter2@one-api.wwt.world", "a user name or password"],
    ["https://one-api.wwt.world/?key=value", "a query"],
    ["https://one-api.wwt.world?", "a query"],
    ["https://one-api.wwt.world/#top", "fragment"],
    [" https://one-api.wwt.world", "spaces"],
    ["https://one-api.wwt.world\n", "line breaks"],
    ["https://one-api.\twwt.world", "tabs"],
  ])("refuses the baseUrl %j, saying why (%s) without quoting any password", (baseUrl, why) => {
    const server = platform();
    let error: any;
    try {
      createRcsClient({ apiKey, baseUrl, fetch: server.fetch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WwtConfigurationError);
    expect(error.message).toContain(why);
    expect(`${error.message}\n${error.stack}`).not.toContain("hunter2");
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    ["timeoutMs", 0],
    ["timeoutMs", Number.NaN],
    ["timeoutMs", Infinity],
    ["timeoutMs", 2 ** 31], // past what a timer can wait: it would fire at once
    ["maxResponseBytes", 0],
    ["maxResponseBytes", 1.5],
    ["maxResponseBytes", Infinity],
    ["maxResponseBytes", "1048576"],
  ])("refuses %s: %s", (name, value) => {
    expect(() => createRcsClient({ apiKey, [name]: value })).toThrow(new WwtConfigurationError(`${name} must be`).message);
  });

  it.each([
    [{ retries: Infinity }, "retry.retries"],
    [{ retries: -1 }, "retry.retries"],
    [{ retries: Number.NaN }, "retry.retries"],
    [{ retries: 1.5 }, "retry.retries"],
    [{ retries: 11 }, "retry.retries"],
    [{ retries: "2" }, "retry.retries"],
    [{ initialDelayMs: -1 }, "retry.initialDelayMs"],
    [{ initialDelayMs: Number.NaN }, "retry.initialDelayMs"],
    [{ maxDelayMs: Infinity }, "retry.maxDelayMs"],
    ["yes", "retry must be"],
  ])("refuses the retry option %j", (retry, named) => {
    const server = platform();
    expect(() => createRcsClient({ apiKey, fetch: server.fetch, retry: retry as never })).toThrow(named);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ fetch: "fetch" }, "fetch must be a function"],
    [{ validate: "no" }, "validate must be true or false"],
  ])("refuses %j", (options, named) => {
    expect(() => createRcsClient({ apiKey, ...(options as object) })).toThrow(named);
  });

  it("trims a token given with surrounding whitespace", async () => {
    const token = freshToken();
    const server = fakeFetch(() => json(accepted));
    const rcs = createRcsClient({ token: ` ${token}\t`, fetch: server.fetch });
    await rcs.sendRcsMessage(message);
    expect(server.requests[0].authorization).toBe(`Bearer ${token}`);
  });
});

describe("redirects and answer sizes (scripted fetch)", () => {
  /** A platform whose send answer `send` builds; the login works. */
  const answering = (send: () => Response) => platform(() => send());

  it("refuses a browser's opaque redirect, whose status and Location it hides", async () => {
    const opaque = () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperties(response, { type: { value: "opaqueredirect" }, status: { value: 0 } });
      return response;
    };
    const error = await createRcsClient({ apiKey, fetch: answering(opaque).fetch }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtRedirectError);
    expect(error).toMatchObject({ operation: "sendRcsMessage", status: 0, location: undefined, followed: false, outcomeUnknown: true });
  });

  it("refuses an answer a fetch got by following a redirect elsewhere, showing where without the query", async () => {
    const followed = () => {
      const response = json(accepted);
      Object.defineProperties(response, { redirected: { value: true }, url: { value: "http://evil.example/collect?key=test_4f1c2a9e0b7d" } });
      return response;
    };
    const error = await createRcsClient({ apiKey, fetch: answering(followed).fetch }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtRedirectError);
    expect(error).toMatchObject({ status: 0, location: "http://evil.example/collect", followed: true, outcomeUnknown: true });
    expect(error.message).not.toContain("key=");
  });

  /** An answer that says it came from `url`, as one a fetch got after following a redirect does. */
  const answeredFrom = (url: string, redirected = false) => () => {
    const response = json(accepted);
    Object.defineProperties(response, { redirected: { value: redirected }, url: { value: url } });
    return response;
  };

  it("refuses an answer from another origin even when the fetch does not say it followed a redirect", async () => {
    const fetch = answering(answeredFrom("https://elsewhere.example/landing?session=abc")).fetch;
    const error = await createRcsClient({ apiKey, fetch }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtRedirectError);
    expect(error).toMatchObject({ status: 0, location: "https://elsewhere.example/landing", followed: true, outcomeUnknown: true });
  });

  it("takes an answer from its own origin as the answer, whatever URL it names there", async () => {
    const fetch = answering(answeredFrom("https://one-api.wwt.world/api/messages/rcs/send?trace=1")).fetch;
    await expect(createRcsClient({ apiKey, fetch }).sendRcsMessage(message)).resolves.toEqual(accepted.data);
  });

  it("refuses a redirect whose Location cannot be read, and shows no Location", async () => {
    const fetch = answering(() => new Response(null, { status: 302, headers: { location: "http://[not-a-host/x" } })).fetch;
    const error = await createRcsClient({ apiKey, fetch }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtRedirectError);
    expect(error).toMatchObject({ status: 302, location: undefined, followed: false, outcomeUnknown: true });
  });

  it("reads an answer of exactly maxResponseBytes, and refuses one byte more", async () => {
    const size = new TextEncoder().encode(JSON.stringify(accepted)).byteLength;
    const server = answering(() => json(accepted));
    await expect(createRcsClient({ apiKey, fetch: server.fetch, maxResponseBytes: size }).sendRcsMessage(message)).resolves.toEqual(accepted.data);
    const error = await createRcsClient({ apiKey, fetch: server.fetch, maxResponseBytes: size - 1 }).sendRcsMessage(message).catch((e) => e);
    expect(error).toBeInstanceOf(WwtResponseTooLargeError);
    expect(error).toMatchObject({ operation: "sendRcsMessage", status: 200, maxResponseBytes: size - 1, outcomeUnknown: true });
  });
});

describe("timeouts, aborts and retries", () => {
  const hang = (_r: unknown, _n: number, signal: AbortSignal) =>
    new Promise<Response>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)));

  it("gives up after timeoutMs, not before, with a WwtTimeoutError", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = fakeFetch((request, call, signal) => (request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : hang(request, call, signal)));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, timeoutMs: 150 });
    let settled = false;
    const pending = rcs
      .sendRcsMessage(message)
      .catch((e) => e)
      .finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(149);
    expect(server.sends()).toHaveLength(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error).toBeInstanceOf(WwtTimeoutError);
    expect(error).toMatchObject({ operation: "sendRcsMessage", timeoutMs: 150, outcomeUnknown: true });
  });

  it("names the operation in every error, for the campaign and for calls through rcs.api", async () => {
    const server = platform(() => Promise.reject(new TypeError("fetch failed")));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    await expect(rcs.sendRcsCampaignToGroups(minimalCampaign)).rejects.toMatchObject({ operation: "sendRcsCampaignToGroups" });
    await expect(rcs.api.POST("/api/messages/rcs/send", { body: message })).rejects.toMatchObject({
      name: "WwtNetworkError",
      operation: "sendRcsMessage",
    });
  });

  it("stops waiting for a token refresh when the caller aborts; nothing is sent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const now = Math.floor(Date.now() / 1000);
    const server = fakeFetch((request, call, signal) => {
      if (request.path === "/api/auth/login") return json({ bearer: jwt({ iat: now, exp: now + 3600 }) });
      if (request.path === "/api/auth/refresh") return hang(request, call, signal);
      return json(accepted);
    });
    const rcs = createRcsClient({ apiKey, fetch: server.fetch, timeoutMs: 2000 });
    await rcs.sendRcsMessage(message);
    vi.setSystemTime(Date.now() + 58 * 60_000);
    const controller = new AbortController();
    const pending = rcs.sendRcsMessage(message, { signal: controller.signal });
    await afterTurns(() => server.requests.some((r) => r.path === "/api/auth/refresh"));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "WwtAbortError", operation: "sendRcsMessage", outcomeUnknown: false });
    expect(server.sends()).toHaveLength(1);
  });

  it("honours the caller's AbortSignal with a WwtAbortError", async () => {
    const server = fakeFetch((request, call, signal) => (request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : hang(request, call, signal)));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const controller = new AbortController();
    const pending = rcs.sendRcsMessage(message, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(WwtAbortError);
  });

  it("reports a failed connection as WwtNetworkError and does not repeat it by default", async () => {
    const server = platform(() => Promise.reject(new TypeError("fetch failed")));
    const rcs = createRcsClient({ apiKey, fetch: server.fetch });
    const error = await rcs.sendRcsMessage({ ...message, phone: { number: "380661231231", reference_id: "abc1" } }).catch((e) => e);
    expect(error).toBeInstanceOf(WwtNetworkError);
    expect(server.sends()).toHaveLength(1);
  });

});
