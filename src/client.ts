// createRcsClient: one method per operation of the spec, each a call through the one pipeline
// (pipeline.ts), plus `iterateMessages`, which walks every page of `listMessages`, and `api`,
// the openapi-fetch client for full control.
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createApiRoute } from "./api.js";
import { createExchange } from "./exchange.js";
import { clientSettings, type RcsClientOptions, type SendOptions } from "./options.js";
import { createPipeline } from "./pipeline.js";
import { createRedactor } from "./redaction.js";
import type { CallInput, OperationId } from "./request.js";
import { sendOnce } from "./retry.js";
import { apiKeyTokens, fixedToken, type IssuedToken } from "./tokens.js";
import type {
  JsonSuccessBody,
  ListedMessage,
  ListMessagesQuery,
  MessageList,
  RcsCampaign,
  RcsMessage,
  SendRcsCampaignRequest,
  SendRcsCampaignToPhonesRequest,
  SendRcsMessageRequest,
} from "./types.js";

export interface RcsClient {
  /**
   * Sends one RCS message to one phone number now; resolves to the accepted message. With
   * `retry` and a `phone.reference_id`, an outcome left unknown is settled by looking the
   * reference up, and the message is sent again only when the platform does not have it.
   */
  sendRcsMessage(body: SendRcsMessageRequest, options?: SendOptions): Promise<RcsMessage>;
  /** Sends one RCS content to a list of phone numbers, now or scheduled; resolves to the campaign. */
  sendRcsCampaignToPhones(body: SendRcsCampaignToPhonesRequest, options?: SendOptions): Promise<RcsCampaign>;
  /** Creates a campaign to contact-book groups, now or scheduled; resolves to the campaign. */
  sendRcsCampaignToGroups(body: SendRcsCampaignRequest, options?: SendOptions): Promise<RcsCampaign>;
  /** One page of the messages that match `query`, and `meta.page` (`limit`, `offset`, `total`). */
  listMessages(query?: ListMessagesQuery, options?: SendOptions): Promise<MessageList>;
  /**
   * Every message that matches `query`, page after page (500 to a page unless `query.page`
   * says otherwise), fetched one page at a time as the loop asks for more: `for await (const
   * message of rcs.iterateMessages({ filter: { campaign_id } }))`. Breaking out of the loop
   * fetches no further page.
   */
  iterateMessages(query?: ListMessagesQuery, options?: SendOptions): AsyncGenerator<ListedMessage, void, undefined>;
  /** The campaign with this id: its status and statistics. */
  getCampaign(id: number, options?: SendOptions): Promise<RcsCampaign>;
  /** Stops a campaign that is scheduled, sending, paused or in moderation; resolves to it, now `stopped`. */
  stopCampaign(id: number, options?: SendOptions): Promise<RcsCampaign>;
  /** The underlying openapi-fetch client, authenticated, for full control. */
  readonly api: Client<paths>;
}

/** The operations whose success holds `data`. */
type DataOperation = { [Id in OperationId]: JsonSuccessBody<Id> extends { data: unknown } ? Id : never }[OperationId];

/** The most messages a page may hold, which `iterateMessages` asks for unless told otherwise. */
const largestPage = 500;

export function createRcsClient(options: RcsClientOptions): RcsClient {
  const settings = clientSettings(options);
  const redactor = createRedactor(settings.credential);
  const exchange = createExchange(settings.fetch, redactor);
  const tokens = settings.usesApiKey
    ? apiKeyTokens({
        login: () => call("login", { body: { api_key: settings.credential } }, undefined) as Promise<IssuedToken>,
        refresh: (token) => call("refreshToken", {}, undefined, token) as Promise<IssuedToken>,
      })
    : fixedToken(settings.credential);
  const route = createApiRoute({ ...settings, exchange, tokens });
  const pipeline = createPipeline({ settings, tokens, exchange, route, redactor });
  // Async, so that what the first steps refuse rejects the promise rather than throwing.
  const call = async (operation: OperationId, input: CallInput, sendOptions: SendOptions | undefined, token?: string) =>
    pipeline.send(pipeline.prepare(operation, input, sendOptions), token);

  /** The `data` of a call's success, typed as the spec says. */
  async function dataOf<Id extends DataOperation>(operation: Id, input: CallInput, sendOptions: SendOptions | undefined): Promise<JsonSuccessBody<Id>["data"]> {
    return ((await call(operation, input, sendOptions)) as JsonSuccessBody<Id>).data;
  }

  const listMessages = (query: ListMessagesQuery | undefined, sendOptions: SendOptions | undefined) =>
    call("listMessages", { query }, sendOptions) as Promise<MessageList>;

  return {
    api: route.api,
    async sendRcsMessage(body, sendOptions) {
      const prepared = pipeline.prepare("sendRcsMessage", { body }, sendOptions);
      const send = async () => ((await pipeline.send(prepared)) as JsonSuccessBody<"sendRcsMessage">).data;
      // Read from the body as checked, which is what every attempt sends.
      const reference = (prepared.request.bodyValue as { phone?: { reference_id?: unknown } } | null)?.phone?.reference_id;
      if (!settings.retry || typeof reference !== "string" || reference === "") return send();
      // The lookups go with the send's own time limit, signal and headers.
      const { signal, timeoutMs, headers } = prepared.options;
      const lookUp = async () => {
        const { data } = await listMessages({ filter: { reference_id: reference } }, { signal, timeoutMs, headers });
        // A listed message holds every field of an accepted one.
        return data.find((message) => message.reference_id === reference) as RcsMessage | undefined;
      };
      return sendOnce({ operation: "sendRcsMessage", retry: settings.retry, signal, send, lookUp });
    },
    sendRcsCampaignToPhones: (body, sendOptions) => dataOf("sendRcsCampaignToPhones", { body }, sendOptions),
    sendRcsCampaignToGroups: (body, sendOptions) => dataOf("sendRcsCampaignToGroups", { body }, sendOptions),
    listMessages,
    async *iterateMessages(query, sendOptions) {
      const limit = query?.page?.limit ?? largestPage;
      let offset = query?.page?.offset ?? 0;
      for (;;) {
        const { data, meta } = await listMessages({ ...query, page: { limit, offset } }, sendOptions);
        yield* data;
        offset += data.length;
        // A short or empty page is the last; so is one that reaches the total the platform gave.
        if (data.length < limit || (typeof meta?.page?.total === "number" && offset >= meta.page.total)) return;
      }
    },
    getCampaign: (id, sendOptions) => dataOf("getCampaign", { path: { id } }, sendOptions),
    stopCampaign: (id, sendOptions) => dataOf("stopCampaign", { path: { id } }, sendOptions),
  };
}
