// The rest of a send's life through the client: find messages (one page, or every page with
// iterateMessages), send to a list of phones, fetch and stop a campaign. Each method checks
// its inputs before any I/O, puts them on the wire as the platform reads them, and maps the
// answers like the sends do. Both ways a call goes out.
import { describe, expect, it } from "vitest";
import { createRcsClient, WwtApiError, WwtInvalidResponseError, WwtRequestValidationError, type ListedMessage, type SendRcsCampaignToPhonesRequest } from "../../src/index.js";
import { fakeFetch, freshToken, json, type Recorded } from "../support/fake-fetch.js";
import { responseExamples } from "../support/spec.js";
import { sendingThrough, ways } from "../support/ways.js";

const apiKey = "test_4f1c2a9e0b7d";
const campaign = responseExamples("getCampaign", "200").scheduled.data;
const toPhones: SendRcsCampaignToPhonesRequest = {
  phones: [{ number: "380661231231", reference_id: "winter1" }, { number: "380971112233" }],
  sender: "Acme Shop",
  options: { text: "Winter sale starts now." },
  start_at: "2026-12-10 10:00:00",
};

/** A platform holding `count` messages, which it lists page by page as the query asks. */
function messageStore(count: number) {
  const messages = Array.from({ length: count }, (_, i) => ({ ...responseExamples("listMessages", "200").byReference.data[0], id: 5_000_000 + i }));
  const server = fakeFetch((request: Recorded) => {
    if (request.path === "/api/auth/login") return json({ bearer: freshToken() });
    const query = new URL(request.url).searchParams;
    const limit = Number(query.get("page[limit]") ?? 50);
    const offset = Number(query.get("page[offset]") ?? 0);
    return json({ data: messages.slice(offset, offset + limit), meta: { page: { limit, offset, total: messages.length } } });
  });
  return { server, messages, pages: () => server.sends().map((request) => new URL(request.url).search) };
}

/** A platform answering every call but the login with `answer`. */
function platform(answer: (request: Recorded) => Response) {
  return fakeFetch((request) => (request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : answer(request)));
}

describe.each(ways)("sent %s", (_way, throughMiddleware) => {
  const client = (fetch: typeof globalThis.fetch) => sendingThrough(createRcsClient({ apiKey, fetch }), throughMiddleware);

  describe("listMessages", () => {
    it("puts filter and page in brackets on the wire, and resolves to the page and its meta", async () => {
      const { server } = messageStore(3);
      const page = await client(server.fetch).listMessages({ filter: { reference_id: "order10452", from: "2026-12-01 00:00:00" }, page: { limit: 100 }, sort: "id", way: "desc" });
      expect(page.data).toHaveLength(3);
      expect(page.meta?.page).toEqual({ limit: 100, offset: 0, total: 3 });
      const [request] = server.sends();
      expect(request.method).toBe("GET");
      expect(new URL(request.url).search).toBe("?filter[reference_id]=order10452&filter[from]=2026-12-01%2000%3A00%3A00&page[limit]=100&sort=id&way=desc");
      expect(request.contentType).toBeNull();
    });

    it.each([
      [{ page: { limit: 14 } }, "page.limit", "must be at least 15"],
      [{ page: { limit: 501 } }, "page.limit", "must be at most 500"],
      [{ filter: { phone: "380661231231" } }, "filter.phone", "is not a known field"],
      [{ sort: "created" }, "sort", "must be one of"],
    ])("refuses %j before any I/O, naming %s", async (query, path, message) => {
      const { server } = messageStore(0);
      const error = await client(server.fetch).listMessages(query as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WwtRequestValidationError);
      expect((error as WwtRequestValidationError).issues).toContainEqual({ path, message: expect.stringContaining(message) });
      expect(server.requests).toEqual([]);
    });

    it("refuses an answer whose data is not a list", async () => {
      const server = platform(() => json({ data: { id: 1 } }));
      await expect(client(server.fetch).listMessages()).rejects.toBeInstanceOf(WwtInvalidResponseError);
    });
  });

  describe("iterateMessages", () => {
    it("visits every message of 1,200 exactly once, in pages of at most 500, one page at a time", async () => {
      const { server, messages, pages } = messageStore(1_200);
      const seen: ListedMessage[] = [];
      for await (const message of client(server.fetch).iterateMessages({ filter: { campaign_id: 56024 } })) seen.push(message);
      expect(seen.map((message) => message.id)).toEqual(messages.map((message) => message.id));
      expect(pages()).toEqual([
        "?filter[campaign_id]=56024&page[limit]=500&page[offset]=0",
        "?filter[campaign_id]=56024&page[limit]=500&page[offset]=500",
        "?filter[campaign_id]=56024&page[limit]=500&page[offset]=1000",
      ]);
    });

    it("takes the page size and the first offset from the query", async () => {
      const { server, pages } = messageStore(40);
      let count = 0;
      for await (const _ of client(server.fetch).iterateMessages({ page: { limit: 15, offset: 10 } })) count++;
      expect(count).toBe(30);
      // The second page reaches the total of 40: no third is asked for.
      expect(pages()).toEqual(["?page[limit]=15&page[offset]=10", "?page[limit]=15&page[offset]=25"]);
    });

    it("fetches nothing until asked, and no further page once the loop stops", async () => {
      const { server, pages } = messageStore(1_200);
      const messages = client(server.fetch).iterateMessages();
      expect(pages()).toEqual([]);
      let count = 0;
      for await (const _ of messages) if (++count === 501) break;
      expect(pages()).toHaveLength(2);
    });

    it("refuses a bad query at the first step of the loop, before any I/O", async () => {
      const { server } = messageStore(10);
      const loop = async () => {
        for await (const _ of client(server.fetch).iterateMessages({ page: { limit: 1_000 } })) void _;
      };
      await expect(loop()).rejects.toBeInstanceOf(WwtRequestValidationError);
      expect(server.requests).toEqual([]);
    });
  });

  describe("sendRcsCampaignToPhones", () => {
    it("posts the body as JSON and resolves to the campaign", async () => {
      const server = platform(() => json({ data: campaign }, 201));
      await expect(client(server.fetch).sendRcsCampaignToPhones(toPhones)).resolves.toEqual(campaign);
      const [request] = server.sends();
      expect([request.method, request.path, request.body]).toEqual(["POST", "/api/campaigns/rcs/send", toPhones]);
    });

    it("refuses an empty list of phones before any I/O", async () => {
      const server = platform(() => json({ data: campaign }));
      const error = await client(server.fetch).sendRcsCampaignToPhones({ ...toPhones, phones: [] }).catch((e: unknown) => e);
      expect((error as WwtRequestValidationError).issues).toEqual([{ path: "phones", message: "must have at least 1 item" }]);
      expect(server.requests).toEqual([]);
    });
  });

  describe("getCampaign and stopCampaign", () => {
    it("ask for the campaign by its id in the path, and resolve to it", async () => {
      const server = platform((request) => json({ data: { ...campaign, status: request.method === "PATCH" ? "stopped" : campaign.status } }));
      const rcs = client(server.fetch);
      await expect(rcs.getCampaign(56022)).resolves.toEqual(campaign);
      await expect(rcs.stopCampaign(56022)).resolves.toEqual({ ...campaign, status: "stopped" });
      expect(server.sends().map((request) => `${request.method} ${request.path}`)).toEqual(["GET /api/campaigns/56022", "PATCH /api/campaigns/56022/stop"]);
    });

    it.each([0, -1, 1.5, Number.NaN, "56022"])("refuses the id %j before any I/O", async (id) => {
      const server = platform(() => json({ data: campaign }));
      const error = await client(server.fetch).getCampaign(id as number).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WwtRequestValidationError);
      expect((error as WwtRequestValidationError).issues[0].path).toBe("id");
      expect(server.requests).toEqual([]);
    });

    it("map the platform's 404 and its 422 for a campaign that cannot be stopped to WwtApiErrors", async () => {
      const server = platform((request) =>
        request.method === "GET" ? json({ message: "Not Found" }, 404) : json({ message: "Invalid campaign status", errors: [] }, 422),
      );
      const rcs = client(server.fetch);
      await expect(rcs.getCampaign(1)).rejects.toMatchObject({ name: "WwtApiError", status: 404, serverMessage: "Not Found", operation: "getCampaign" });
      const stop = await rcs.stopCampaign(1).catch((e: unknown) => e);
      expect(stop).toBeInstanceOf(WwtApiError);
      expect(stop).toMatchObject({ status: 422, serverMessage: "Invalid campaign status", fieldErrors: [], outcomeUnknown: false, operation: "stopCampaign" });
    });
  });
});
