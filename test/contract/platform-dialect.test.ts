// The mock speaks the platform's dialect (the run's mock, which is what `npx wwt-rcs-mock`
// serves): a 422 in the platform's form naming each field as the platform does, which the
// client reads into the same field errors; a 429 with the platform's body for a repeated
// reference_id, until reset; answers that echo the request (validity and validity_seconds as
// sent, never a validity the request did not give), with fresh ids; and answers asked
// for with `Prefer` left as Prism gives them.
import { describe, expect, inject, it } from "vitest";
import {
  createRcsClient,
  WwtApiError,
  WwtDuplicateRequestError,
  type FieldError,
  type SendRcsCampaignRequest,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { failureOf } from "../support/failure.js";
import { minimalCampaign, minimalMessage, withValue, without } from "../support/request-cases.js";
import { operation, requestExamples, resolve, type Json } from "../support/spec.js";

const mockUrl = inject("prismUrl");
const paths = {
  sendRcsMessage: operation("sendRcsMessage").path,
  sendRcsCampaignToGroups: operation("sendRcsCampaignToGroups").path,
  login: operation("login").path,
};
type Path = keyof typeof paths;

/** A POST to the mock as any HTTP client sends it; each `token` stands for an account of its own. */
async function post(to: Path, body: Json, { token = "dialect", prefer }: { token?: string; prefer?: string } = {}) {
  const response = await fetch(new URL(paths[to], mockUrl), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(prefer && { prefer }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A client that lets invalid bodies through, to see what the mock makes of them. */
const trusting = (token = "dialect") => createRcsClient({ token, baseUrl: mockUrl, validate: false });
const cardMessage = withValue(minimalMessage, "/options", {
  cards: [{ text: "Wool scarf", suggestions: [{ text: "View", url: "https://shop.example.com/p/scarf" }] }],
});
describe("a 422 in the platform's form", () => {
  const cases: Array<[name: string, to: Path, body: Json, errors: Record<string, string[]>]> = [
    ["a 41-character sender", "sendRcsMessage", withValue(minimalMessage, "/sender", "S".repeat(41)), { sender: ["The sender may not be greater than 40 characters."] }],
    ["missing options", "sendRcsMessage", without(minimalMessage, "/options"), { options: ["The options field is required."] }],
    ["an empty list of groups", "sendRcsCampaignToGroups", withValue(minimalCampaign, "/groups", []), { groups: ["The groups must have at least 1 item."] }],
    ["a login with a malformed key", "login", { api_key: "prod_0123456789" }, { api_key: ["The api key format is invalid."] }],
    [
      "an unknown field in a card's button",
      "sendRcsMessage",
      withValue(cardMessage, "/options/cards/0/suggestions/0/colour", "red"),
      { "options.cards.0.suggestions.0.colour": ["The options.cards.0.suggestions.0.colour field is not allowed."] },
    ],
    [
      "an unknown field in a card",
      "sendRcsCampaignToGroups",
      withValue(withValue(minimalCampaign, "/options", cardMessage.options), "/options/cards/0/subtitle", "New"),
      { "options.cards.0.subtitle": ["The options.cards.0.subtitle field is not allowed."] },
    ],
    ["a card with neither media nor text", "sendRcsMessage", withValue(cardMessage, "/options/cards/0", { title: "Scarf" }), { "options.cards.0": ["The options.cards.0 must have media or text."] }],
    ["options with both text and cards", "sendRcsMessage", withValue(cardMessage, "/options/text", "Both"), { options: ["The options must have only one of cards and text."] }],
    [
      "validity with validity_seconds",
      "sendRcsMessage",
      withValue(withValue(minimalMessage, "/validity", 24), "/validity_seconds", 600),
      { validity_seconds: ["The validity seconds field may not be given together with validity."] },
    ],
    [
      "several problems at once",
      "sendRcsCampaignToGroups",
      withValue(withValue(minimalCampaign, "/groups", [0, "7"]), "/start_at", "2026-12-10T10:00:00"),
      { "groups.0": ["The groups.0 must be at least 1."], "groups.1": ["The groups.1 must be an integer."], start_at: ["The start at format is invalid."] },
    ],
    ["a body that is not an object", "sendRcsMessage", [minimalMessage], { body: ["The body must be an object."] }],
  ];

  it.each(cases)("for %s names each field as the platform does", async (_name, to, body, errors) => {
    const answer = await post(to, body);
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ message: "The given data was invalid.", errors });
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(answer.headers.get("sl-violations"), "Prism's own report stays inside the mock").toBeNull();
  });

  it.each(cases.filter(([, to]) => to !== "login"))("for %s reaches the client as field errors on the same fields", async (_name, to, body, errors) => {
    const rcs = trusting();
    const sending = to === "sendRcsMessage" ? rcs.sendRcsMessage(body as SendRcsMessageRequest) : rcs.sendRcsCampaignToGroups(body as SendRcsCampaignRequest);
    const error = await failureOf(sending);
    expect(error).toBeInstanceOf(WwtApiError);
    const expected = Object.entries(errors).flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
    expect(error.fieldErrors as FieldError[]).toEqual(expected);
  });

  it.each([
    ["a page limit that is not a number", "GET", "/api/messages?page[limit]=all&filter[reference_id]=abc", { "page.limit": ["The page.limit must be an integer."] }],
    ["an unknown filter key", "GET", "/api/messages?filter[phone]=380661231231", { "filter.phone": ["The filter.phone field is not allowed."] }],
    ["a campaign id that is not a number", "GET", "/api/campaigns/latest", { id: ["The id must be an integer."] }],
    ["a campaign id of 0", "PATCH", "/api/campaigns/0/stop", { id: ["The id must be at least 1."] }],
  ])("for %s in the query or path names the parameter as the platform does", async (_name, method, path, errors) => {
    const response = await fetch(new URL(path, mockUrl), { method, headers: { authorization: "Bearer dialect" } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ message: "The given data was invalid.", errors });
  });

  it.each([
    ["a body that is not JSON", "application/json", "{", { body: ["The body must be a valid JSON string."] }],
    ["a body sent as text", "text/plain", JSON.stringify(minimalMessage), { body: ["The body must be sent as JSON, with Content-Type: application/json."] }],
    ["no body at all", undefined, "", { phone: ["The phone field is required."], sender: ["The sender field is required."], options: ["The options field is required."] }],
  ])("for %s", async (_name, contentType, body, errors) => {
    const response = await fetch(new URL(paths.sendRcsMessage, mockUrl), {
      method: "POST",
      headers: { authorization: "Bearer dialect", ...(contentType && { "content-type": contentType }) },
      body,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ message: "The given data was invalid.", errors });
  });

  it("counts lengths as the platform does, in UTF-16 code units: 80 emoji are a 160-character text, 81 are too many", async () => {
    const emoji = "\u{1F600}";
    expect((await post("sendRcsMessage", withValue(minimalMessage, "/options/text", emoji.repeat(80)))).status).toBe(200);
    const refused = await post("sendRcsMessage", withValue(minimalMessage, "/options/text", emoji.repeat(81)));
    expect(refused).toMatchObject({ status: 422, body: { errors: { "options.text": ["The options.text may not be greater than 160 characters."] } } });
  });

  it("is given even to a request with a Prefer header: the mock checks a request before Prism answers what it asks for", async () => {
    const answer = await post("sendRcsMessage", withValue(minimalMessage, "/sender", ""), { prefer: "code=200, example=textMessage" });
    expect(answer).toMatchObject({ status: 422, body: { errors: { sender: ["The sender must be at least 1 character."] } } });
  });
});

describe("a repeated phone.reference_id", () => {
  const message = withValue(minimalMessage, "/phone/reference_id", "dialect0repeat") as SendRcsMessageRequest;

  it("gets the platform's 429, thrown as WwtDuplicateRequestError; another account may use it; after a reset of the account it is accepted again", async () => {
    const rcs = trusting("dialect-account-a");
    const first = await rcs.sendRcsMessage(message);
    expect(first.reference_id).toBe("dialect0repeat");

    const error = await failureOf(rcs.sendRcsMessage(message));
    expect(error).toBeInstanceOf(WwtDuplicateRequestError);
    expect(error).toMatchObject({ status: 429, body: { message: "Too many duplicate request detected" } });
    expect((await post("sendRcsMessage", message, { token: "dialect-account-a" })).status).toBe(429);

    await expect(trusting("dialect-account-b").sendRcsMessage(message)).resolves.toMatchObject({ reference_id: "dialect0repeat" });

    // The reset of one account: a reset of all would empty the accounts of tests running beside this one.
    const reset = await fetch(new URL("/__mock/reset", mockUrl), { method: "POST", headers: { authorization: "Bearer dialect-account-a" } });
    expect(reset.status).toBe(204);
    await expect(rcs.sendRcsMessage(message)).resolves.toMatchObject({ reference_id: "dialect0repeat" });
  });

  it("is not refused when the request did not pass validation the first time", async () => {
    const invalid = withValue(withValue(message, "/phone/reference_id", "dialect0invalid"), "/sender", "");
    expect((await post("sendRcsMessage", invalid)).status).toBe(422);
    expect((await post("sendRcsMessage", withValue(invalid, "/sender", "Acme Shop"))).status).toBe(200);
  });
});

/** A date as the platform writes it, as epoch seconds (the mock writes UTC). */
const secondsOf = (date: string) => Date.parse(`${date.replace(" ", "T")}Z`) / 1000;
const nowInSeconds = () => Math.floor(Date.now() / 1000);

describe("answers that echo the request", () => {
  it("a message: reference_id, sender, phone as an integer and validity, with a fresh id and created_at now", async () => {
    const body = withValue(withValue(withValue(cardMessage, "/phone/reference_id", "dialect0echo"), "/sender", "Echo Shop"), "/validity", 5);
    const before = nowInSeconds();
    const first = await post("sendRcsMessage", body);
    const second = await post("sendRcsMessage", minimalMessage);
    const after = nowInSeconds();

    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ reference_id: "dialect0echo", sender: "Echo Shop", phone: 380661231231, validity: 5, status: "accepted", sent_at: null, delivered_at: null });
    expect(first.body.data.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(secondsOf(first.body.data.created_at)).toBeGreaterThanOrEqual(before);
    expect(secondsOf(first.body.data.created_at)).toBeLessThanOrEqual(after);
    expect(second.body.data).toMatchObject({ reference_id: null, sender: "Acme Shop" });
    expect(second.body.data.id).toBeGreaterThan(first.body.data.id);
  });

  it("a message: validity and validity_seconds as the request gave them, left out when it gave none or null", async () => {
    const echoed = async (body: Json) => (await post("sendRcsMessage", body)).body.data;
    expect(await echoed(withValue(minimalMessage, "/validity_seconds", 600))).toMatchObject({ validity_seconds: 600 });
    expect(await echoed(withValue(minimalMessage, "/validity_seconds", 600))).not.toHaveProperty("validity");
    expect(await echoed(withValue(minimalMessage, "/validity", 12))).not.toHaveProperty("validity_seconds");
    for (const body of [minimalMessage, withValue(minimalMessage, "/validity", null), withValue(minimalMessage, "/validity_seconds", null)]) {
      const data = await echoed(body);
      expect(data).not.toHaveProperty("validity");
      expect(data).not.toHaveProperty("validity_seconds");
    }
  });

  it("a scheduled campaign: its start_at and sender, status creation (as every new campaign), with a fresh id and a name carrying created_at", async () => {
    const scheduled = await post("sendRcsCampaignToGroups", withValue(minimalCampaign, "/start_at", "2026-12-24 09:00:00"));
    expect(scheduled.status).toBe(200);
    const { data } = scheduled.body;
    expect(data).toMatchObject({ sender: "Acme Shop", start_at: "2026-12-24 09:00:00", status: "creation", name: `RCS api campaign / ${data.created_at}` });

    const instant = await post("sendRcsCampaignToGroups", minimalCampaign);
    expect(instant.body.data.status, "an instant campaign is being created").toBe("creation");
    expect(instant.body.data.start_at, "an instant campaign starts when it is created").toBe(instant.body.data.created_at);
    expect(instant.body.data.id).toBeGreaterThan(data.id);
  });
});

describe("answers asked for with Prefer", () => {
  it("are Prism's example, untouched, and leave no reference_id behind", async () => {
    const documented = resolve(resolve(operation("sendRcsMessage").operation.responses["200"]).content["application/json"].examples.carousel).value;
    const body = requestExamples("sendRcsMessage").textMessage;
    const asked = { token: "dialect-prefer", prefer: "example=carousel" };
    expect(await post("sendRcsMessage", body, asked)).toMatchObject({ status: 200, body: documented });
    expect(await post("sendRcsMessage", body, asked)).toMatchObject({ status: 200, body: documented });
    expect((await post("sendRcsMessage", body, { token: "dialect-prefer" })).status).toBe(200);
  });
});
