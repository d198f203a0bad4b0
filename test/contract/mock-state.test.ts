// The mock keeps state as the platform does (the run's mock): per account, what it accepted is
// found again by listMessages, getCampaign and stopCampaign, through the client as users call
// it, and every answer matches the response schema of its status. Each test has accounts (bearer
// tokens) of its own, and resets only those, so the tests of other files sharing the mock
// never see its state, nor it theirs.
import { describe, expect, inject, it, onTestFinished } from "vitest";
import {
  createRcsClient,
  WwtApiError,
  WwtDuplicateRequestError,
  type ListedMessage,
  type RcsClient,
  type SendRcsCampaignToPhonesRequest,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { failureOf } from "../support/failure.js";
import { validateAgainst } from "../support/reference-validator.js";
import { operations, resolve } from "../support/spec.js";

const mockUrl = inject("prismUrl");

interface Exchange {
  operationId: string;
  method: string;
  url: URL;
  status: number;
  body: unknown;
}

/** The spec's operation for a request: its method, and its path matched against the spec's templates. */
function operationOf(method: string, path: string) {
  return operations().find(
    (candidate) => candidate.method.toUpperCase() === method && new RegExp(`^${candidate.path.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path),
  );
}

/** Whether `body` matches the spec's schema for the answer of `operationId` with `status`. */
function matchesSchema(operationId: string, status: number, body: unknown) {
  const { operation } = operations().find((candidate) => candidate.operationId === operationId)!;
  const response = resolve(operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`]);
  return validateAgainst(response.content["application/json"].schema.$ref.slice(1), body);
}

/**
 * A client of the account `token` on the mock (its own fetch can add `headers`), which records
 * every exchange; the test fails unless each answer matched the response schema of its status.
 */
function account(token: string, headers: Record<string, string> = {}) {
  const exchanges: Exchange[] = [];
  const mismatches: string[] = [];
  onTestFinished(() => expect(mismatches, "answers that break the response schema of their status").toEqual([]));
  const watched: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
    const response = await fetch(request);
    const body = await response.clone().json();
    const url = new URL(request.url);
    const { operationId } = operationOf(request.method, url.pathname)!;
    const { valid, errors } = matchesSchema(operationId, response.status, body);
    if (!valid) mismatches.push(`${operationId} ${response.status}: ${JSON.stringify(errors)}`);
    exchanges.push({ operationId, method: request.method, url, status: response.status, body });
    return response;
  };
  const rcs = createRcsClient({ token, baseUrl: mockUrl, fetch: watched });
  const reset = () => fetch(new URL("/__mock/reset", mockUrl), { method: "POST", headers: { authorization: `Bearer ${token}` } });
  return { rcs, exchanges, reset };
}

const message = (number: string, referenceId?: string): SendRcsMessageRequest => ({
  phone: { number, ...(referenceId && { reference_id: referenceId }) },
  sender: "Acme Shop",
  options: { text: "Your parcel is on its way." },
});

/** A campaign to `count` numbers, each with a reference_id `prefix` and its index, at `start_at` if given. */
const campaign = (count: number, prefix: string, startAt?: string): SendRcsCampaignToPhonesRequest => ({
  phones: Array.from({ length: count }, (_, i) => ({ number: String(380660000000 + i), reference_id: `${prefix}${i}` })),
  sender: "Acme Shop",
  options: { cards: [{ title: "Pick-up", text: "Your order is ready.", media: { url: "https://shop.example.com/a.png" } }] },
  ...(startAt && { start_at: startAt }),
});

/** Every message of the account that `query` finds, through the client's own paging. */
async function all(rcs: RcsClient, query: Parameters<RcsClient["iterateMessages"]>[0] = {}): Promise<ListedMessage[]> {
  const found: ListedMessage[] = [];
  for await (const listed of rcs.iterateMessages(query)) found.push(listed);
  return found;
}

/** A date as the platform writes it, `seconds` before `date` (written the same way). */
const secondsBefore = (date: string, seconds: number) =>
  new Date(Date.parse(`${date.replace(" ", "T")}Z`) - seconds * 1000).toISOString().slice(0, 19).replace("T", " ");

describe("a campaign to phone numbers", () => {
  it("scheduled, is created in status creation, found scheduled, stopped once, and a second stop gets the platform's 422, thrown as WwtApiError", async () => {
    const { rcs, exchanges } = account("state-schedule");
    const created = await rcs.sendRcsCampaignToPhones(campaign(3, "sched", "2026-12-24 09:00:00"));
    expect(created).toMatchObject({ status: "creation", start_at: "2026-12-24 09:00:00", sender: "Acme Shop" });

    const found = await rcs.getCampaign(created.id);
    expect(found).toMatchObject({ id: created.id, name: created.name, status: "scheduled", calculated_price: 0, currency: null });

    const stopped = await rcs.stopCampaign(created.id);
    expect(stopped).toMatchObject({ id: created.id, status: "stopped" });
    expect(await rcs.getCampaign(created.id)).toMatchObject({ status: "stopped" });

    const again = await failureOf(rcs.stopCampaign(created.id));
    expect(again).toBeInstanceOf(WwtApiError);
    expect(again.constructor).toBe(WwtApiError);
    expect(again).toMatchObject({ status: 422, body: { message: "Invalid campaign status", errors: [] }, serverMessage: "Invalid campaign status" });
    expect(exchanges.map((e) => [e.operationId, e.status])).toEqual([
      ["sendRcsCampaignToPhones", 200],
      ["getCampaign", 200],
      ["stopCampaign", 200],
      ["getCampaign", 200],
      ["stopCampaign", 422],
    ]);
  });

  it("started at once is being created, and cannot be stopped; its messages are accepted, one a phone, with their reference_ids", async () => {
    const { rcs } = account("state-instant");
    const created = await rcs.sendRcsCampaignToPhones(campaign(2, "instant"));
    expect(created.status).toBe("creation");
    expect(created.start_at).toBe(created.created_at);
    await expect(rcs.stopCampaign(created.id)).rejects.toMatchObject({ status: 422 });

    const { data } = await rcs.listMessages({ filter: { campaign_id: created.id } });
    expect(data).toMatchObject([
      { campaign_id: created.id, reference_id: "instant0", phone: 380660000000, status: "accepted", type: "rcs", source: "rest", sender: "Acme Shop" },
      { campaign_id: created.id, reference_id: "instant1", phone: 380660000001, status: "accepted" },
    ]);
    expect(data[0].rcs_options).toEqual(campaign(1, "x").options);
    expect(data[1].id).toBe(data[0].id + 1);
  });

  it("to groups is kept too, without messages (the mock does not know the groups' contacts)", async () => {
    const { rcs } = account("state-groups");
    const created = await rcs.sendRcsCampaignToGroups({ groups: [1204], sender: "Acme Shop", options: { text: "Sale" }, start_at: "2026-12-24 09:00:00" });
    expect(created.status).toBe("creation");
    expect(await rcs.getCampaign(created.id)).toMatchObject({ id: created.id, status: "scheduled" });
    expect((await rcs.listMessages({ filter: { campaign_id: created.id } })).meta.page.total).toBe(0);
  });

  it("with a reference_id given twice, or one the account used before, gets the 429 for the whole request, and nothing is kept", async () => {
    const { rcs } = account("state-twice");
    await rcs.sendRcsMessage(message("380661231231", "single1"));
    const twice: SendRcsCampaignToPhonesRequest = { ...campaign(2, "dup"), phones: [{ number: "380661231231", reference_id: "dup0" }, { number: "380661231232", reference_id: "dup0" }] };
    const usedBefore = campaign(2, "fresh");
    usedBefore.phones[1].reference_id = "single1";
    for (const body of [twice, usedBefore]) {
      const error = await failureOf(rcs.sendRcsCampaignToPhones(body));
      expect(error).toBeInstanceOf(WwtDuplicateRequestError);
      expect(error.body).toEqual({ message: "Too many duplicate request detected" });
    }
    expect((await all(rcs)).map((listed) => listed.reference_id)).toEqual(["single1"]);
    await expect(rcs.sendRcsCampaignToPhones(campaign(2, "fresh"))).resolves.toMatchObject({ status: "creation" });
  });
});

describe("listMessages", () => {
  it("with iterateMessages, visits every message of a 1,200-message store exactly once, in pages of at most 500", async () => {
    const { rcs, exchanges } = account("state-iterate");
    const sent: string[] = [];
    for (let batch = 0; batch < 3; batch++) {
      const body = campaign(400, `b${batch}p`);
      await rcs.sendRcsCampaignToPhones(body);
      sent.push(...body.phones.map((phone) => phone.reference_id!));
    }
    const before = exchanges.length;
    const visited = await all(rcs);
    const pages = exchanges.slice(before);

    expect(visited.map((listed) => listed.reference_id)).toEqual(sent);
    expect(new Set(visited.map((listed) => listed.id)).size).toBe(1200);
    expect(pages.map((page) => page.operationId)).toEqual(["listMessages", "listMessages", "listMessages"]);
    for (const { url, body } of pages) {
      expect(Number(url.searchParams.get("page[limit]"))).toBeLessThanOrEqual(500);
      expect((body as { data: unknown[] }).data.length).toBeLessThanOrEqual(500);
    }
    expect(pages.map(({ body }) => (body as { meta: unknown }).meta)).toEqual([
      { page: { limit: 500, offset: 0, total: 1200 } },
      { page: { limit: 500, offset: 500, total: 1200 } },
      { page: { limit: 500, offset: 1000, total: 1200 } },
    ]);
  });

  it("finds the messages of single sends and campaigns by id, reference_id, campaign_id and time window, page by page, in the order asked for", async () => {
    const { rcs } = account("state-find");
    const first = await rcs.sendRcsMessage(message("380501234567", "findme1"));
    const second = await rcs.sendRcsMessage({ ...message("380991234567"), validity: 12 });
    const created = await rcs.sendRcsCampaignToPhones(campaign(20, "find"));

    const byId = await rcs.listMessages({ filter: { id: first.id } });
    expect(byId.data).toEqual([
      {
        id: first.id,
        campaign_id: null,
        reference_id: "findme1",
        type: "rcs",
        source: "rest",
        phone: 380501234567,
        status: "accepted",
        amount: first.amount,
        sender: "Acme Shop",
        created_at: first.created_at,
        sent_at: null,
        delivered_at: null,
        rcs_options: { text: "Your parcel is on its way." },
      },
    ]);
    expect(byId.meta.page).toEqual({ limit: 50, offset: 0, total: 1 });
    expect((await rcs.listMessages({ filter: { reference_id: "findme1" } })).data.map((listed) => listed.id)).toEqual([first.id]);
    expect((await rcs.listMessages({ filter: { id: second.id } })).data).toMatchObject([{ reference_id: null, validity: 12 }]);
    expect((await rcs.listMessages({ filter: { reference_id: "nosuch1" } })).data).toEqual([]);

    const ofCampaign = { filter: { campaign_id: created.id }, page: { limit: 15 } };
    const firstPage = await rcs.listMessages(ofCampaign);
    const lastPage = await rcs.listMessages({ ...ofCampaign, page: { limit: 15, offset: 15 } });
    expect([firstPage.data.length, lastPage.data.length]).toEqual([15, 5]);
    expect(lastPage.meta.page).toEqual({ limit: 15, offset: 15, total: 20 });
    expect([...firstPage.data, ...lastPage.data].map((listed) => listed.reference_id)).toEqual(campaign(20, "find").phones.map((phone) => phone.reference_id));

    // The bounds are included; a window that ends a second before the first send misses it.
    const at = { filter: { from: first.created_at, to: first.created_at } };
    expect((await all(rcs, at)).map((listed) => listed.id)).toContain(first.id);
    expect((await all(rcs, at)).every((listed) => listed.created_at === first.created_at)).toBe(true);
    expect((await all(rcs, { filter: { to: secondsBefore(first.created_at, 1) } })).length).toBe(0);
    expect((await all(rcs, { filter: { from: first.created_at } })).length).toBe(22);

    const byPhone = await all(rcs, { sort: "phone", way: "desc" });
    expect([byPhone[0].id, byPhone.at(-1)!.id]).toEqual([second.id, first.id]);
    expect(byPhone.map((listed) => Number(listed.phone))).toEqual(byPhone.map((listed) => Number(listed.phone)).sort((a, b) => b - a));
    const newestFirst = await all(rcs, { way: "desc" });
    expect(newestFirst.map((listed) => listed.id)).toEqual((await all(rcs)).map((listed) => listed.id).reverse());
    // None is delivered yet: delivery time ties everywhere, and the id settles it.
    expect((await all(rcs, { sort: "delivered" })).map((listed) => listed.id)).toEqual((await all(rcs)).map((listed) => listed.id));
  });
});

describe("the state of an account", () => {
  it("is its own: another account finds none of its messages or campaigns, and may use its reference_ids", async () => {
    const a = account("state-account-a");
    const b = account("state-account-b");
    const sent = await a.rcs.sendRcsMessage(message("380661231231", "mine1"));
    const created = await a.rcs.sendRcsCampaignToPhones(campaign(1, "minec", "2026-12-24 09:00:00"));

    expect((await b.rcs.listMessages({ filter: { reference_id: "mine1" } })).data).toEqual([]);
    expect((await b.rcs.listMessages({ filter: { id: sent.id } })).data).toEqual([]);
    for (const lookup of [b.rcs.getCampaign(created.id), b.rcs.stopCampaign(created.id)]) {
      const error = await failureOf(lookup);
      expect(error).toBeInstanceOf(WwtApiError);
      expect(error).toMatchObject({ status: 404, body: { message: "Not Found" }, serverMessage: "Not Found" });
    }
    expect(await a.rcs.getCampaign(created.id)).toMatchObject({ status: "scheduled" });
    await expect(b.rcs.sendRcsMessage(message("380661231231", "mine1"))).resolves.toMatchObject({ reference_id: "mine1" });
  });

  it("answers a campaign id it never gave with the platform's 404, thrown as WwtApiError", async () => {
    const { rcs } = account("state-unknown");
    for (const lookup of [rcs.getCampaign(9_007_199_254_740_991), rcs.stopCampaign(1)]) {
      const error = await failureOf(lookup);
      expect(error.constructor).toBe(WwtApiError);
      expect(error).toMatchObject({ status: 404, body: { message: "Not Found" } });
    }
  });

  it("is emptied by a reset for the account (POST /__mock/reset with its Authorization header), which leaves other accounts' alone", async () => {
    const { rcs, reset } = account("state-reset");
    const other = account("state-reset-other");
    await rcs.sendRcsMessage(message("380661231231", "again1"));
    const created = await rcs.sendRcsCampaignToPhones(campaign(2, "againc", "2026-12-24 09:00:00"));
    const kept = await other.rcs.sendRcsMessage(message("380661231231", "again1"));

    expect((await reset()).status).toBe(204);
    expect((await rcs.listMessages()).meta.page.total).toBe(0);
    await expect(rcs.getCampaign(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(rcs.sendRcsMessage(message("380661231231", "again1"))).resolves.toMatchObject({ reference_id: "again1" });
    await expect(rcs.sendRcsCampaignToPhones(campaign(2, "againc"))).resolves.toMatchObject({ status: "creation" });
    expect((await other.rcs.listMessages()).data.map((listed) => listed.id)).toEqual([kept.id]);
  });

  it("does not change for a request with Prefer, which gets Prism's example untouched", async () => {
    const { rcs } = account("state-prefer");
    const created = await rcs.sendRcsCampaignToPhones(campaign(1, "prefc", "2026-12-24 09:00:00"));
    const prefer = account("state-prefer", { prefer: "code=200" });
    const examples = (operationId: string) =>
      Object.values(resolve(operations().find((candidate) => candidate.operationId === operationId)!.operation.responses["200"]).content["application/json"].examples).map(
        (example) => resolve(example as { value: { data: unknown } }).value,
      );

    const echoed = await prefer.rcs.sendRcsMessage(message("380661231231", "pref1"));
    expect(examples("sendRcsMessage").map((example) => example.data)).toContainEqual(echoed);
    expect(examples("sendRcsCampaignToPhones").map((example) => example.data)).toContainEqual(await prefer.rcs.sendRcsCampaignToPhones(campaign(1, "prefd")));
    expect(examples("stopCampaign").map((example) => example.data)).toContainEqual(await prefer.rcs.stopCampaign(created.id));
    expect(examples("listMessages")).toContainEqual(await prefer.rcs.listMessages());

    expect((await all(rcs)).map((listed) => listed.reference_id)).toEqual(["prefc0"]);
    expect(await rcs.getCampaign(created.id)).toMatchObject({ status: "scheduled" });
    await expect(rcs.sendRcsMessage(message("380661231231", "pref1"))).resolves.toMatchObject({ reference_id: "pref1" });
  });
});
