// A local stand-in for WWT.world, on node:http in the test process: it logs in with the
// spec's login example, answers each send with the spec's success example, and records every
// request it gets, so a test can count them. Browsers reach it from another origin, so it
// answers CORS preflights for the origins a test allows.
import { createServer, type IncomingMessage } from "node:http";
import { closeNow, listenLocally } from "../../support/local-server.js";
import { requestExamples, responseExamples } from "../../support/spec.js";

export const examples = {
  login: responseExamples("login", "200").issued as { bearer: string },
  message: requestExamples("sendRcsMessage").textMessage,
  messageSent: responseExamples("sendRcsMessage", "200").textMessage,
  campaign: requestExamples("sendRcsCampaignToGroups").instant,
  campaignSent: responseExamples("sendRcsCampaignToGroups", "200").instant,
  statusCallback: requestExamples("onRcsStatusChanged").delivered,
};

const answers: Record<string, unknown> = {
  "POST /api/auth/login": examples.login,
  "POST /api/messages/rcs/send": examples.messageSent,
  "POST /api/campaigns/rcs/send-groups": examples.campaignSent,
};

export interface ApiRequest {
  /** e.g. `POST /api/messages/rcs/send` */
  route: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeApi {
  url: string;
  /** Every request but CORS preflights, in order of arrival. */
  requests: ApiRequest[];
  /** The paths of the CORS preflights. */
  preflights: string[];
  /** Origins whose pages may call the API. */
  allowedOrigins: Set<string>;
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  const requests: ApiRequest[] = [];
  const preflights: string[] = [];
  const allowedOrigins = new Set<string>();
  const server = createServer(async (request, response) => {
    const origin = request.headers.origin;
    if (origin !== undefined && allowedOrigins.has(origin)) {
      response.setHeader("access-control-allow-origin", origin);
      response.setHeader("vary", "origin");
    }
    if (request.method === "OPTIONS") {
      preflights.push(request.url ?? "");
      response.writeHead(204, {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": "authorization, content-type",
      });
      response.end();
      return;
    }
    const route = `${request.method} ${request.url}`;
    const text = await readText(request);
    requests.push({ route, authorization: request.headers.authorization, body: text === "" ? undefined : JSON.parse(text) });
    const answer = answers[route];
    response.writeHead(answer === undefined ? 404 : 200, { "content-type": "application/json" });
    response.end(JSON.stringify(answer ?? { message: "Not found" }));
  });
  return { url: await listenLocally(server), requests, preflights, allowedOrigins, close: () => closeNow(server) };
}

async function readText(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}
