// createRcsClient: one method per operation of the spec, each a call through the one pipeline
// (pipeline.ts), plus `api`, the openapi-fetch client for full control.
import type { Client } from "openapi-fetch";
import type { paths } from "../generated/schema.js";
import { createApiRoute } from "./api.js";
import { createExchange } from "./exchange.js";
import { clientSettings, type RcsClientOptions, type SendOptions } from "./options.js";
import { createPipeline } from "./pipeline.js";
import { createRedactor } from "./redaction.js";
import type { CallInput, OperationId } from "./request.js";
import { withRetry } from "./retry.js";
import { apiKeyTokens, fixedToken, type IssuedToken } from "./tokens.js";
import type { JsonSuccessBody, RcsCampaign, RcsMessage, SendRcsCampaignRequest, SendRcsMessageRequest } from "./types.js";

export interface RcsClient {
  /** Sends one RCS message to one phone number now; resolves to the accepted message. */
  sendRcsMessage(body: SendRcsMessageRequest, options?: SendOptions): Promise<RcsMessage>;
  /** Creates a campaign to contact-book groups, now or scheduled; resolves to the campaign. */
  sendRcsCampaignToGroups(body: SendRcsCampaignRequest, options?: SendOptions): Promise<RcsCampaign>;
  /** The underlying openapi-fetch client, authenticated, for full control. */
  readonly api: Client<paths>;
}

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
  const call = (operation: OperationId, input: CallInput, sendOptions: SendOptions | undefined, token?: string) =>
    pipeline.send(pipeline.prepare(operation, input, sendOptions), token);

  /** The `data` of a send's success, typed as the spec says. */
  async function dataOf<Id extends "sendRcsMessage" | "sendRcsCampaignToGroups">(
    operation: Id,
    input: CallInput,
    sendOptions: SendOptions | undefined,
  ): Promise<JsonSuccessBody<Id>["data"]> {
    return ((await call(operation, input, sendOptions)) as JsonSuccessBody<Id>).data;
  }

  return {
    api: route.api,
    async sendRcsMessage(body, sendOptions) {
      const prepared = pipeline.prepare("sendRcsMessage", { body }, sendOptions);
      const send = async () => ((await pipeline.send(prepared)) as JsonSuccessBody<"sendRcsMessage">).data;
      // Read from the checked text, which is what every attempt sends.
      const reference = (JSON.parse(prepared.request.body!) as { phone?: { reference_id?: unknown } } | null)?.phone?.reference_id;
      if (!settings.retry || typeof reference !== "string" || reference === "") return send();
      return withRetry("sendRcsMessage", settings.retry, prepared.options.signal, send);
    },
    sendRcsCampaignToGroups: (body, sendOptions) => dataOf("sendRcsCampaignToGroups", { body }, sendOptions),
  };
}
