// The public types, checked by the compiler (vitest --typecheck): what must compile does,
// what the spec forbids does not, and the aliases are exactly the generated types.
import { describe, expectTypeOf, it } from "vitest";
import {
  createRcsClient,
  type components,
  type ListedMessage,
  type RcsCampaign,
  type RcsMessage,
  type RcsCampaignStatus,
  type RcsMessageFinalStatus,
  type RcsMessageStatus,
  type SendRcsCampaignRequest,
  type SendRcsMessageRequest,
} from "../../src/index.js";

const rcs = createRcsClient({ apiKey: "test_x" });

describe("request types", () => {
  it("accept the documented shapes", () => {
    expectTypeOf<{
      phone: { number: string; reference_id: string };
      sender: string;
      options: { cards: [{ media: { url: string }; suggestions: [{ text: string; phone: string }] }] };
      validity_seconds: number;
    }>().toMatchTypeOf<SendRcsMessageRequest>();
    expectTypeOf(rcs.sendRcsMessage).parameter(0).toEqualTypeOf<SendRcsMessageRequest>();
    expectTypeOf(rcs.sendRcsCampaignToGroups).parameter(0).toEqualTypeOf<SendRcsCampaignRequest>();
  });

  it("refuse a body without a sender", () => {
    // @ts-expect-error sender is required
    void rcs.sendRcsMessage({ phone: { number: "380661231231" }, options: { text: "Hi" } });
    // @ts-expect-error sender is required on campaigns too
    void rcs.sendRcsCampaignToGroups({ groups: [1], options: { text: "Hi" } });
  });

  it("refuse a suggestion of the wrong shape", () => {
    const base = { phone: { number: "380661231231" }, sender: "Acme" };
    // @ts-expect-error a suggestion needs a url or a phone
    void rcs.sendRcsMessage({ ...base, options: { cards: [{ text: "t", suggestions: [{ text: "Go" }] }] } });
    // @ts-expect-error a link is not a call
    void rcs.sendRcsMessage({ ...base, options: { cards: [{ text: "t", suggestions: [{ type: "call", text: "Go", url: "https://a.example" }] }] } });
    // @ts-expect-error a card needs media or text
    void rcs.sendRcsMessage({ ...base, options: { cards: [{ title: "Only a title" }] } });
  });

  it("keep fields with a server-side default optional", () => {
    expectTypeOf<SendRcsMessageRequest["add_to_contact_book"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<SendRcsMessageRequest["check_stop_list"]>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<SendRcsMessageRequest["validity"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<SendRcsCampaignRequest["validity"]>().toEqualTypeOf<number | undefined>();
  });

  it("take null where the platform's machine-readable description allows it, and nowhere else", () => {
    expectTypeOf<SendRcsMessageRequest["validity_seconds"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<SendRcsMessageRequest["tariff_code"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<SendRcsCampaignRequest["tariff_code"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<null>().toMatchTypeOf<SendRcsCampaignRequest["alternative_channel"]>();
    expectTypeOf<null>().not.toMatchTypeOf<SendRcsMessageRequest["alternative_channel"]>();
    expectTypeOf<{ phone: { number: string }; sender: string; options: { text: string }; callback_url: "" }>().toMatchTypeOf<SendRcsMessageRequest>();
  });
});

describe("response types", () => {
  it("are exactly the generated `data` types", () => {
    expectTypeOf<RcsMessage>().toEqualTypeOf<components["schemas"]["RcsMessage"]>();
    expectTypeOf<RcsCampaign>().toEqualTypeOf<components["schemas"]["RcsCampaign"]>();
    expectTypeOf(rcs.sendRcsMessage).returns.resolves.toEqualTypeOf<RcsMessage>();
    expectTypeOf(rcs.sendRcsCampaignToGroups).returns.resolves.toEqualTypeOf<RcsCampaign>();
  });

  it("type each field", () => {
    expectTypeOf<RcsMessage["id"]>().toEqualTypeOf<number>();
    expectTypeOf<RcsMessage["phone"]>().toEqualTypeOf<number | string>();
    expectTypeOf<RcsMessage["reference_id"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsMessage["source"]>().toEqualTypeOf<components["schemas"]["MessageSource"] | (string & {})>();
    expectTypeOf<"rest">().toMatchTypeOf<components["schemas"]["MessageSource"]>();
    expectTypeOf<RcsMessage["status"]>().toEqualTypeOf<RcsMessageStatus | (string & {})>();
    expectTypeOf<RcsMessage["amount"]>().toEqualTypeOf<{ value: string | number; currency: string }>();
    expectTypeOf<RcsMessage["sent_at"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsCampaign["finished_at"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsCampaign["calculated_price"]>().toEqualTypeOf<number | null>();
    expectTypeOf<RcsCampaign["currency"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<RcsCampaign["status"]>().toEqualTypeOf<RcsCampaignStatus | (string & {})>();
    expectTypeOf<RcsCampaign["real_start_at"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsCampaign["statistics"]>().toEqualTypeOf<{ delivered: number; sent: number }>();
    expectTypeOf<"delivered">().toMatchTypeOf<RcsMessageFinalStatus>();
    expectTypeOf<"sent">().not.toMatchTypeOf<RcsMessageFinalStatus>();
    expectTypeOf<"sent">().toMatchTypeOf<RcsMessageStatus>();
  });

  it("give a listed message's cards as objects whose fields can be read", () => {
    type Cards = NonNullable<NonNullable<ListedMessage["rcs_options"]>["cards"]>;
    expectTypeOf<Cards>().toEqualTypeOf<Array<Record<string, unknown>>>();
    expectTypeOf<Cards[number]["title"]>().toEqualTypeOf<unknown>();
  });
});

describe("open statuses in answers", () => {
  it("keep the known values visible, and leave a value added later for a switch to handle", () => {
    expectTypeOf<"delivered">().toMatchTypeOf<RcsMessage["status"]>();
    expectTypeOf<"a status added later">().toMatchTypeOf<RcsMessage["status"]>();
    // What a switch over every known status leaves unhandled: not `never`, so it needs a default.
    expectTypeOf<Exclude<RcsMessage["status"], RcsMessageStatus>>().toEqualTypeOf<string & {}>();
    expectTypeOf<Exclude<RcsCampaign["status"], RcsCampaignStatus>>().toEqualTypeOf<string & {}>();
  });
});
