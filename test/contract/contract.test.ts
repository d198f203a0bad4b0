// Contract tests against the mock of the bundled spec (a real Prism behind the layer that
// answers in the platform's dialect): the spec, the client's validators and the client agree
// on every documented request, every documented answer comes back through the client as the
// right typed error, and what the mock cannot judge like the platform is recorded with the
// reason. The operations the client has no method for yet (sendRcsCampaignToPhones,
// listMessages, getCampaign, stopCampaign) go to the mock with plain fetch, their bodies
// checked with the client's own validation; their rows go through the client once it has
// the methods.
import { describe, expect, inject, it } from "vitest";
import {
  createRcsClient,
  WwtRequestValidationError,
  WwtApiError,
  WwtAuthenticationError,
  WwtConfigurationError,
  WwtDuplicateRequestError,
  WwtServerError,
  type FieldError,
  type RcsClient,
  type RcsClientOptions,
  type SendRcsCampaignRequest,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { findIssues } from "../../src/validation.js";
import { sendRcsCampaignToPhonesBodyCheck } from "../../generated/validators.js";
import { parameterCases, phonesCampaignCases, requestCases, requestMethod, requestPath, type SendOperation } from "../support/request-cases.js";
import { operation, requestExamples, resolve, type Json } from "../support/spec.js";
import { validateAgainst } from "../support/reference-validator.js";

const prismUrl = inject("prismUrl");
const apiKey = "test_contract";
const authPaths = new Set([operation("login").path, operation("refreshToken").path]);
const sendOperations: SendOperation[] = ["sendRcsMessage", "sendRcsCampaignToGroups"];

interface Exchange {
  path: string;
  authorization: string | null;
  status: number;
  headers: Headers;
  body: unknown;
}

/**
 * A client on the mock whose requests pass through `adjust` (sends only, not logins) and
 * whose exchanges are recorded, answers included.
 */
function mockClient(options: Partial<RcsClientOptions> = {}, adjust?: (request: Request) => void) {
  const exchanges: Exchange[] = [];
  const watched: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (!authPaths.has(path)) adjust?.(request);
    const response = await fetch(request);
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    exchanges.push({ path, authorization: request.headers.get("authorization"), status: response.status, headers: response.headers, body });
    return response;
  };
  const credentials = options.token === undefined ? { apiKey } : {};
  const rcs = createRcsClient({ ...credentials, baseUrl: prismUrl, fetch: watched, ...options });
  return {
    rcs,
    sends: () => exchanges.filter((e) => !authPaths.has(e.path)),
    logins: () => exchanges.filter((e) => e.path === operation("login").path),
  };
}

function send(rcs: RcsClient, operationId: SendOperation, body: Json) {
  return operationId === "sendRcsMessage"
    ? rcs.sendRcsMessage(body as SendRcsMessageRequest)
    : rcs.sendRcsCampaignToGroups(body as SendRcsCampaignRequest);
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error as any,
  );

/** The bundled spec's schema for an operation's answer with this status. */
function responseSchema(operationId: string, status: number): string {
  const responses = operation(operationId).operation.responses;
  const response = resolve(responses[String(status)] ?? responses[`${String(status)[0]}XX`]);
  return response.content["application/json"].schema.$ref.slice(1);
}

const valid = requestCases.filter((row) => row.valid);
const invalid = requestCases.filter((row) => !row.valid && !row.prismDiffers);
const judgedDifferently = requestCases.filter((row) => row.prismDiffers);

describe("documented valid bodies, sent with the client to the mock", () => {
  const { rcs, sends } = mockClient();

  it("include every request example of the spec", () => {
    for (const operationId of sendOperations) {
      const bodies = valid.filter((row) => row.operation === operationId).map((row) => row.body);
      for (const example of Object.values(requestExamples(operationId))) expect(bodies).toContainEqual(example);
    }
  });

  it.each(valid.map((row) => [row.operation, row.name, row] as const))(
    "%s: %s, with a 2xx whose body matches the response schema",
    async (operationId, _name, row) => {
      const data = await send(rcs, operationId, row.body);
      const answer = sends().at(-1)!;
      expect(answer.path).toBe(operation(operationId).path);
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
      const { valid: matches, errors } = validateAgainst(responseSchema(operationId, answer.status), answer.body);
      expect(matches, JSON.stringify(errors, null, 1)).toBe(true);
      expect(data).toEqual((answer.body as { data: unknown }).data);
    },
  );
});

/** "options.cards[0].title" → ["options", "cards", "0", "title"]; "(body)" → []. */
function segmentsOf(issuePath: string): string[] {
  return issuePath === "(body)" ? [] : issuePath.replace(/\[(\d+)\]/g, ".$1").split(".");
}

/**
 * Whether a field error from the mock names the field of the issue as the platform writes
 * it: `options.cards.0.title` for our `options.cards[0].title`, a missing or unknown property
 * by its own path. The body as a whole is "(body)" in our issues and "body" in the mock's.
 */
function namesField(error: FieldError, issuePath: string): boolean {
  return issuePath.split(", ").some((path) => error.field === (segmentsOf(path).join(".") || "body"));
}

describe("documented invalid bodies", () => {
  const checking = mockClient();
  const trusting = mockClient({ validate: false });

  it.each(invalid.map((row) => [row.operation, row.name, row] as const))(
    "%s: %s by our validator before sending, and by the mock with a 422 the client maps to the field",
    async (operationId, _name, row) => {
      const sentBefore = checking.sends().length;
      const refusal = await failureOf(send(checking.rcs, operationId, row.body));
      expect(refusal).toBeInstanceOf(WwtRequestValidationError);
      expect(refusal.issues.map((issue: { path: string }) => issue.path)).toContain(row.issue);
      expect(checking.sends()).toHaveLength(sentBefore);

      const error = await failureOf(send(trusting.rcs, operationId, row.body));
      expect(error).toBeInstanceOf(WwtApiError);
      expect(error.constructor).toBe(WwtApiError);
      expect(error.status).toBe(422);
      expect(trusting.sends().at(-1)!.body, "the platform's form").toEqual({ message: "The given data was invalid.", errors: expect.any(Object) });
      expect(
        error.fieldErrors.some((fieldError: FieldError) => namesField(fieldError, row.issue!)),
        `no field error names ${row.issue}: ${JSON.stringify(error.fieldErrors)}`,
      ).toBe(true);
    },
  );

  it.each(judgedDifferently.map((row) => [row.operation, row.name, row.prismDiffers] as const))(
    "%s: %s by our validator, but accepted by the mock (recorded: %s)",
    async (operationId, name) => {
      const row = judgedDifferently.find((candidate) => candidate.name === name)!;
      const refusal = await failureOf(send(checking.rcs, operationId, row.body));
      expect(refusal).toBeInstanceOf(WwtRequestValidationError);
      expect(refusal.issues.map((issue: { path: string }) => issue.path)).toContain(row.issue);

      await send(trusting.rcs, operationId, row.body);
      expect(trusting.sends().at(-1)!.status).toBe(200);
    },
  );
});

describe("credentials", () => {
  const { body: validMessage } = valid.find((row) => row.operation === "sendRcsMessage")!;

  it("a send that reaches the mock without an Authorization header gets a 401: the client logs in again, repeats it once, then throws WwtAuthenticationError", async () => {
    const { rcs, sends, logins } = mockClient({}, (request) => request.headers.delete("authorization"));
    const error = await failureOf(send(rcs, "sendRcsMessage", validMessage));
    expect(error).toBeInstanceOf(WwtAuthenticationError);
    expect(error.status).toBe(401);
    expect(sends().map((e) => [e.authorization, e.status])).toEqual([
      [null, 401],
      [null, 401],
    ]);
    expect(logins()).toHaveLength(2);
    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain(apiKey);
  });

  it.each([
    ["the platform prose's `Bearer: <token>`", (token: string) => `Bearer: ${token}`],
    ["a Basic scheme", () => `Basic ${btoa("user:password")}`],
    ["the scheme without a token", () => "Bearer"],
    ["the token without a scheme", (token: string) => token],
  ])("an Authorization header with %s gets a 401, thrown as WwtAuthenticationError", async (_form, rewrite) => {
    const { rcs, sends } = mockClient({}, (request) => {
      const token = request.headers.get("authorization")!.replace(/^Bearer /, "");
      request.headers.set("authorization", rewrite(token));
    });
    const error = await failureOf(send(rcs, "sendRcsMessage", validMessage));
    expect(error).toBeInstanceOf(WwtAuthenticationError);
    expect(sends().every((e) => e.status === 401)).toBe(true);
  });

  it("a token the client was given is sent as is; the mock checks only the header's form, so even `not a jwt` passes (recorded: only the real server checks tokens)", async () => {
    const { rcs, sends, logins } = mockClient({ token: "not a jwt" });
    await send(rcs, "sendRcsMessage", validMessage);
    expect(logins()).toHaveLength(0);
    expect(sends().map((e) => [e.authorization, e.status])).toEqual([["Bearer not a jwt", 200]]);
  });

  it("an API key without `live_` or `test_` is refused by the mock's login with a 422, and by the client before anything is sent", async () => {
    const login = await fetch(new URL(operation("login").path, prismUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ api_key: "prod_0123456789" }),
    });
    expect(login.status).toBe(422);
    expect(() => createRcsClient({ apiKey: "prod_0123456789", baseUrl: prismUrl })).toThrow(WwtConfigurationError);
  });
});

describe("documented error answers, asked of the mock with `Prefer`", () => {
  // The client's mapping of each documented error status; a status added to the spec
  // without a mapping here fails the first test below.
  const expectedError: Record<string, typeof WwtApiError> = {
    "401": WwtAuthenticationError,
    "422": WwtApiError,
    "429": WwtDuplicateRequestError,
    "5XX": WwtServerError,
  };
  const cases = sendOperations.flatMap((operationId) =>
    Object.entries(operation(operationId).operation.responses)
      .filter(([status]) => !status.startsWith("2"))
      .flatMap(([status, response]) => {
        const examples = resolve(response as any).content["application/json"].examples as Record<string, unknown>;
        const codes = status.endsWith("XX") ? [Number(status[0]) * 100, Number(status[0]) * 100 + 3] : [Number(status)];
        return Object.keys(examples).flatMap((example) => codes.map((code) => ({ operationId, status, code, example })));
      }),
  );

  it("cover 401, 422, 429 and 5XX on both operations, each with a typed error", () => {
    for (const operationId of sendOperations) {
      expect(new Set(cases.filter((c) => c.operationId === operationId).map((c) => c.status))).toEqual(new Set(Object.keys(expectedError)));
    }
  });

  it.each(cases.map((c) => [c.operationId, c.code, c.example, c] as const))(
    "%s answering %s with its %s example: the client throws the matching error with the example's body",
    async (operationId, code, example, { status }) => {
      const { rcs, sends } = mockClient({}, (request) => request.headers.set("Prefer", `code=${code}, example=${example}`));
      const documented = resolve(resolve(operation(operationId).operation.responses[status]).content["application/json"].examples[example]).value;
      const body = Object.values(requestExamples(operationId))[0];

      const error = await failureOf(send(rcs, operationId, body));
      expect(error).toBeInstanceOf(expectedError[status]);
      expect(error.constructor).toBe(expectedError[status]);
      expect(error).toMatchObject({ status: code, body: documented, serverMessage: documented.message, outcomeUnknown: status === "5XX" });
      if (status === "422") {
        const messages = error.fieldErrors.map((fieldError: FieldError) => fieldError.message);
        expect(messages.length).toBeGreaterThan(0);
        expect(JSON.stringify(documented.errors)).toContain(JSON.stringify(messages[0]).slice(1, -1));
      }
      // Only a 401 is repeated (once, after a fresh login): it means nothing was processed.
      expect(sends()).toHaveLength(status === "401" ? 2 : 1);
    },
  );
});

describe("operations the client has no method for yet, asked of the mock with fetch", () => {
  /** A request to the mock as any HTTP client sends it, with a bearer token; the answer parsed. */
  async function ask(method: string, path: string, { body, prefer }: { body?: Json; prefer?: string } = {}) {
    const response = await fetch(new URL(path, prismUrl), {
      method,
      headers: { authorization: "Bearer contract-fetch", ...(body !== undefined && { "content-type": "application/json" }), ...(prefer && { prefer }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // kept as text
    }
    return { status: response.status, body: parsed as any };
  }

  const phonesPath = operation("sendRcsCampaignToPhones").path;
  const phonesValid = phonesCampaignCases.filter((row) => row.valid);
  const phonesInvalid = phonesCampaignCases.filter((row) => !row.valid && !row.prismDiffers);

  it("sendRcsCampaignToPhones rows include every request example of the spec, and both verdicts", () => {
    for (const example of Object.values(requestExamples("sendRcsCampaignToPhones"))) expect(phonesValid.map((row) => row.body)).toContainEqual(example);
    expect(phonesInvalid.length).toBeGreaterThan(10);
  });

  it.each(phonesValid.map((row) => [row.name, row] as const))(
    "sendRcsCampaignToPhones: %s by the client's validation and by the mock, with a 2xx whose body matches the response schema",
    async (_name, row) => {
      expect(findIssues(sendRcsCampaignToPhonesBodyCheck, row.body)).toEqual([]);
      const answer = await ask("POST", phonesPath, { body: row.body });
      expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
      const { valid: matches, errors } = validateAgainst(responseSchema("sendRcsCampaignToPhones", answer.status), answer.body);
      expect(matches, JSON.stringify(errors, null, 1)).toBe(true);
    },
  );

  it.each(phonesInvalid.map((row) => [row.name, row] as const))(
    "sendRcsCampaignToPhones: %s by the client's validation, naming the field, and by the mock with a 422 in the platform's form naming it too",
    async (_name, row) => {
      expect(findIssues(sendRcsCampaignToPhonesBodyCheck, row.body).map((issue) => issue.path)).toContain(row.issue);
      const answer = await ask("POST", phonesPath, { body: row.body });
      expect(answer.status).toBe(422);
      expect(answer.body, "the platform's form").toEqual({ message: "The given data was invalid.", errors: expect.any(Object) });
      const fieldErrors = Object.entries(answer.body.errors as Record<string, string[]>).map(([field, [message]]) => ({ field, message }));
      expect(
        fieldErrors.some((fieldError) => namesField(fieldError, row.issue!)),
        `no field error names ${row.issue}: ${JSON.stringify(fieldErrors)}`,
      ).toBe(true);
    },
  );

  const parametersValid = parameterCases.filter((row) => row.valid);
  const parametersInvalid = parameterCases.filter((row) => !row.valid && !row.prismDiffers);
  const parametersJudgedDifferently = parameterCases.filter((row) => row.prismDiffers);

  it.each(parametersValid.map((row) => [row.operation, row.name, row] as const))(
    "%s: %s by the mock, with a 2xx whose body matches the response schema",
    async (operationId, _name, row) => {
      const answer = await ask(requestMethod(row), requestPath(row));
      expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
      const { valid: matches, errors } = validateAgainst(responseSchema(operationId, answer.status), answer.body);
      expect(matches, JSON.stringify(errors, null, 1)).toBe(true);
    },
  );

  it.each(parametersInvalid.map((row) => [row.operation, row.name, row] as const))("%s: %s by the mock with a 422", async (_operationId, _name, row) => {
    const answer = await ask(requestMethod(row), requestPath(row));
    expect(answer.status, JSON.stringify(answer.body)).toBe(422);
  });

  it.each(parametersJudgedDifferently.map((row) => [row.operation, row.name, row.prismDiffers] as const))(
    "%s: %s by the schema, but accepted by the mock (recorded: %s)",
    async (_operationId, name) => {
      const row = parametersJudgedDifferently.find((candidate) => candidate.name === name)!;
      const answer = await ask(requestMethod(row), requestPath(row));
      expect(answer.status).toBe(200);
    },
  );

  it("the query goes on the wire in brackets, page[limit]=14 refused and page[limit]=50 with filter[reference_id]=abc accepted", async () => {
    expect(requestPath({ operation: "listMessages", name: "", valid: true, query: { page: { limit: 50 }, filter: { reference_id: "abc" } } })).toBe(
      "/api/messages?page%5Blimit%5D=50&filter%5Breference_id%5D=abc",
    );
    expect((await ask("GET", "/api/messages?page[limit]=14")).status).toBe(422);
    expect((await ask("GET", "/api/messages?page[limit]=50&filter[reference_id]=abc")).status).toBe(200);
  });

  // Every documented answer of these operations, success and error, as Prism serves it when asked.
  const newOperations = ["sendRcsCampaignToPhones", "listMessages", "getCampaign", "stopCampaign"] as const;
  const documented = newOperations.flatMap((operationId) =>
    Object.entries(operation(operationId).operation.responses).flatMap(([status, response]) => {
      const examples = resolve(response as any).content["application/json"].examples as Record<string, unknown>;
      const code = status.endsWith("XX") ? Number(status[0]) * 100 + 3 : Number(status);
      return Object.keys(examples).map((example) => ({ operationId, status, code, example }));
    }),
  );
  const requestOf = (operationId: (typeof newOperations)[number]) => {
    const { method, path } = operation(operationId);
    const body = operationId === "sendRcsCampaignToPhones" ? Object.values(requestExamples(operationId))[0] : undefined;
    return { method: method.toUpperCase(), path: path.replace("{id}", "56022"), body };
  };

  it("cover a success, 401, 429 and 5XX on each, 404 where an id names the campaign, 422 where a request can break a rule", () => {
    const statuses = (operationId: string) => new Set(documented.filter((c) => c.operationId === operationId).map((c) => c.status));
    expect(statuses("sendRcsCampaignToPhones")).toEqual(new Set(["200", "201", "401", "422", "429", "5XX"]));
    expect(statuses("listMessages")).toEqual(new Set(["200", "401", "422", "429", "5XX"]));
    expect(statuses("getCampaign")).toEqual(new Set(["200", "401", "404", "429", "5XX"]));
    expect(statuses("stopCampaign")).toEqual(new Set(["200", "201", "401", "404", "422", "429", "5XX"]));
  });

  it.each(documented.map((c) => [c.operationId, c.code, c.example, c] as const))(
    "%s answers %s with its %s example when asked with Prefer, and it matches the schema of that status",
    async (operationId, code, example, { status }) => {
      const { method, path, body } = requestOf(operationId);
      const answer = await ask(method, path, { body, prefer: `code=${code}, example=${example}` });
      const expected = resolve(resolve(operation(operationId).operation.responses[status]).content["application/json"].examples[example]).value;
      expect(answer.status).toBe(code);
      expect(answer.body).toEqual(expected);
      const { valid: matches, errors } = validateAgainst(responseSchema(operationId, code), answer.body);
      expect(matches, JSON.stringify(errors, null, 1)).toBe(true);
    },
  );
});
