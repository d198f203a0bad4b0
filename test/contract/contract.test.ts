// Contract tests against the mock of the bundled spec (a real Prism behind the layer that
// answers in the platform's dialect): the spec, the client's validators and the client agree
// on every documented request of every operation, the mock judges each one as the client does
// (with the same checks), and every documented answer comes back through the client as the
// data or the right typed error.
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
  type RcsClientOptions,
  type SendRcsCampaignToPhonesRequest,
} from "../../src/index.js";
import { failureOf } from "../support/failure.js";
import { call, type Operation, type OperationInput } from "../support/calls.js";
import { minimalPhonesCampaign, parameterCases, requestCases, requestPath, type ParameterCase, type RequestCase } from "../support/request-cases.js";
import { operation, requestExamples, resolve, type Node } from "../support/spec.js";
import { validateAgainst } from "../support/reference-validator.js";

const prismUrl = inject("prismUrl");
const apiKey = "test_contract";
const authPaths = new Set([operation("login").path, operation("refreshToken").path]);
const bodyOperations = ["sendRcsMessage", "sendRcsCampaignToPhones", "sendRcsCampaignToGroups"] as const;
const operations: Operation[] = [...bodyOperations, "listMessages", "getCampaign", "stopCampaign"];

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

/** What a row gives its operation. */
const inputOf = (row: RequestCase | ParameterCase): OperationInput => ("body" in row ? { body: row.body } : { query: row.query, path: row.path });
/** An input each operation accepts: its first request example, or the id of a campaign. */
const anyInputOf = (operationId: Operation): OperationInput =>
  (bodyOperations as readonly string[]).includes(operationId) ? { body: Object.values(requestExamples(operationId))[0] } : { path: { id: 56022 } };

/** The bundled spec's schema for an operation's answer with this status. */
function responseSchema(operationId: string, status: number): string {
  const responses = operation(operationId).operation.responses;
  const response = resolve(responses[String(status)] ?? responses[`${String(status)[0]}XX`]);
  return response.content["application/json"].schema.$ref.slice(1);
}

const rows: Array<RequestCase | ParameterCase> = [...requestCases, ...parameterCases];
const valid = rows.filter((row) => row.valid);
const invalid = rows.filter((row) => !row.valid);

describe("documented valid requests, sent with the client to the mock", () => {
  const { rcs, sends } = mockClient();

  it("include every request example of the spec", () => {
    for (const operationId of bodyOperations) {
      const bodies = valid.filter((row) => row.operation === operationId).map((row) => (row as RequestCase).body);
      for (const example of Object.values(requestExamples(operationId))) expect(bodies).toContainEqual(example);
    }
  });

  /**
   * A row's input; a row naming a campaign names one the account has, newly scheduled, since the
   * mock finds only campaigns it was sent (and any id of the right form is as valid as the row's).
   */
  async function inputFor(row: RequestCase | ParameterCase): Promise<RequestCase | ParameterCase> {
    if ("body" in row || row.path?.id === undefined) return row;
    const scheduled = await rcs.sendRcsCampaignToPhones({ ...(minimalPhonesCampaign as SendRcsCampaignToPhonesRequest), start_at: "2030-01-01 10:00:00" });
    return { ...row, path: { id: scheduled.id } };
  }

  it.each(valid.map((row) => [row.operation, row.name, row] as const))(
    "%s: %s, with a 2xx whose body matches the response schema",
    async (operationId, _name, given) => {
      const row = await inputFor(given);
      const data = await call(rcs, operationId, inputOf(row));
      const answer = sends().at(-1)!;
      expect(answer.path).toBe("body" in row ? operation(operationId).path : requestPath(row).split("?")[0]);
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
      const { valid: matches, errors } = validateAgainst(responseSchema(operationId, answer.status), answer.body);
      expect(matches, JSON.stringify(errors, null, 1)).toBe(true);
      expect(data).toEqual(operationId === "listMessages" ? answer.body : (answer.body as { data: unknown }).data);
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

describe("documented invalid requests", () => {
  const checking = mockClient();
  const trusting = mockClient({ validate: false });

  it.each(invalid.map((row) => [row.operation, row.name, row] as const))(
    "%s: %s by our validator before sending, and by the mock with a 422 the client maps to the field",
    async (operationId, _name, row) => {
      const sentBefore = checking.sends().length;
      const refusal = await failureOf(call(checking.rcs, operationId, inputOf(row)));
      expect(refusal).toBeInstanceOf(WwtRequestValidationError);
      expect(refusal.issues.map((issue: { path: string }) => issue.path)).toContain(row.issue);
      expect(checking.sends()).toHaveLength(sentBefore);

      const error = await failureOf(call(trusting.rcs, operationId, inputOf(row)));
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
});

describe("credentials", () => {
  const validMessage = { body: (valid.find((row) => row.operation === "sendRcsMessage") as RequestCase).body };

  it("a send that reaches the mock without an Authorization header gets a 401: the client logs in again, repeats it once, then throws WwtAuthenticationError", async () => {
    const { rcs, sends, logins } = mockClient({}, (request) => request.headers.delete("authorization"));
    const error = await failureOf(call(rcs, "sendRcsMessage", validMessage));
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
    const error = await failureOf(call(rcs, "sendRcsMessage", validMessage));
    expect(error).toBeInstanceOf(WwtAuthenticationError);
    expect(sends().every((e) => e.status === 401)).toBe(true);
  });

  it("a token the client was given is sent as is; the mock checks only the header's form, so even `not a jwt` passes (recorded: only the real server checks tokens)", async () => {
    const { rcs, sends, logins } = mockClient({ token: "not a jwt" });
    await call(rcs, "sendRcsMessage", validMessage);
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
    "404": WwtApiError,
    "422": WwtApiError,
    "429": WwtDuplicateRequestError,
    "5XX": WwtServerError,
  };
  const cases = operations.flatMap((operationId) =>
    Object.entries(operation(operationId).operation.responses)
      .filter(([status]) => !status.startsWith("2"))
      .flatMap(([status, response]) => {
        const examples = resolve(response as Node).content["application/json"].examples as Record<string, unknown>;
        const codes = status.endsWith("XX") ? [Number(status[0]) * 100, Number(status[0]) * 100 + 3] : [Number(status)];
        return Object.keys(examples).flatMap((example) => codes.map((code) => ({ operationId, status, code, example })));
      }),
  );

  it("cover 401, 429 and 5XX on every operation, 404 where an id names the campaign, 422 where a request can break a rule, each with a typed error", () => {
    const statuses = (operationId: string) => new Set(cases.filter((c) => c.operationId === operationId).map((c) => c.status));
    for (const operationId of bodyOperations) expect(statuses(operationId)).toEqual(new Set(["401", "422", "429", "5XX"]));
    expect(statuses("listMessages")).toEqual(new Set(["401", "422", "429", "5XX"]));
    expect(statuses("getCampaign")).toEqual(new Set(["401", "404", "429", "5XX"]));
    expect(statuses("stopCampaign")).toEqual(new Set(["401", "404", "422", "429", "5XX"]));
  });

  it.each(cases.map((c) => [c.operationId, c.code, c.example, c] as const))(
    "%s answering %s with its %s example: the client throws the matching error with the example's body",
    async (operationId, code, example, { status }) => {
      const { rcs, sends } = mockClient({}, (request) => request.headers.set("Prefer", `code=${code}, example=${example}`));
      const documented = resolve(resolve(operation(operationId).operation.responses[status]).content["application/json"].examples[example]).value;
      const error = await failureOf(call(rcs, operationId, anyInputOf(operationId)));
      expect(error).toBeInstanceOf(expectedError[status]);
      expect(error.constructor).toBe(expectedError[status]);
      expect(error).toMatchObject({ status: code, body: documented, serverMessage: documented.message, outcomeUnknown: status === "5XX" });
      const messages = error.fieldErrors.map((fieldError: FieldError) => fieldError.message);
      if (status === "422" && Object.keys(documented.errors).length > 0) {
        expect(messages.length).toBeGreaterThan(0);
        expect(JSON.stringify(documented.errors)).toContain(JSON.stringify(messages[0]).slice(1, -1));
      }
      // Only a 401 is repeated (once, after a fresh login): it means nothing was processed.
      expect(sends()).toHaveLength(status === "401" ? 2 : 1);
    },
  );
});

describe("the operations without a body", () => {
  it("put the query on the wire in brackets: the mock refuses page[limit]=14, and takes page[limit]=50 with filter[reference_id]=abc", async () => {
    const ask = (query: string) => fetch(new URL(`/api/messages?${query}`, prismUrl), { headers: { authorization: "Bearer contract-fetch" } });
    expect((await ask("page[limit]=14")).status).toBe(422);
    expect((await ask("page[limit]=50&filter[reference_id]=abc")).status).toBe(200);
    const { rcs, sends } = mockClient();
    await rcs.listMessages({ page: { limit: 50 }, filter: { reference_id: "abc" } });
    expect(sends().at(-1)).toMatchObject({ path: "/api/messages", status: 200 });
  });
});

describe("documented successes, asked of the mock with `Prefer`", () => {
  const successes = operations.flatMap((operationId) =>
    Object.entries(operation(operationId).operation.responses)
      .filter(([status]) => status.startsWith("2"))
      .flatMap(([status, response]) => Object.keys(resolve(response as Node).content["application/json"].examples).map((example) => ({ operationId, status, example }))),
  );

  it.each(successes.map((c) => [c.operationId, c.status, c.example] as const))(
    "%s answering %s with its %s example resolves to what the example holds",
    async (operationId, status, example) => {
      const { rcs, sends } = mockClient({}, (request) => request.headers.set("Prefer", `code=${status}, example=${example}`));
      const documented = resolve(resolve(operation(operationId).operation.responses[status]).content["application/json"].examples[example]).value;
      const result = await call(rcs, operationId, anyInputOf(operationId));
      expect(sends().at(-1)!.status).toBe(Number(status));
      expect(result).toEqual(operationId === "listMessages" ? documented : documented.data);
    },
  );
});
