// End to end against the mock: the client sends a message whose callback_url points at a
// local receiver built with createRcsCallbackHandler and its secret token; the mock sends the
// spec's first example of each callback, about this message (its id, reference and number;
// the click on its button), and the receiver hands both on as reports, the payload as sent
// kept in `raw`.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createRcsCallbackHandler,
  createRcsClient,
  isFinalStatus,
  type RcsClickReport,
  type RcsStatusReport,
  type SendRcsMessageRequest,
} from "../../src/index.js";
import { toNodeListener } from "../../src/node.js";
import { requestExamples } from "../support/spec.js";
import { listenLocally, closeNow } from "../support/local-server.js";

const token = "k7Qx2mZp9Rt4Lw8N";
const received = { status: [] as RcsStatusReport[], click: [] as RcsClickReport[], refused: 0 };
let arrived = () => {};

let server: Server;
let callbackUrl: string;

beforeAll(async () => {
  // Only calls that carry our token are handed on: callbacks are not signed.
  const handler = createRcsCallbackHandler({
    secret: token,
    onStatus: (report) => {
      received.status.push(report);
      arrived();
    },
    onClick: (click) => {
      received.click.push(click);
      arrived();
    },
  });
  server = createServer(toNodeListener(async (request) => {
    const response = await handler(request);
    if (response.status !== 200) received.refused++;
    return response;
  }));
  callbackUrl = `${await listenLocally(server)}/wwt/rcs?token=${token}`;
});

afterAll(() => closeNow(server));

function bothArrived(timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`callbacks within ${timeoutMs} ms: ${JSON.stringify(received)}`)), timeoutMs);
    arrived = () => {
      if (received.status.length > 0 && received.click.length > 0) {
        clearTimeout(timer);
        resolve();
      }
    };
    arrived();
  });
}

describe("callbacks from the mock", () => {
  it("reach a local receiver as a typed status change and a typed click, about the message sent", async () => {
    const rcs = createRcsClient({ apiKey: "test_callbacks", baseUrl: inject("prismUrl") });
    const example = requestExamples("sendRcsMessage").singleCard as SendRcsMessageRequest;
    const body = { ...example, phone: { ...example.phone, reference_id: "callbacks1" }, callback_url: callbackUrl };
    expect(callbackUrl.length).toBeLessThanOrEqual(100);

    const message = await rcs.sendRcsMessage(body);
    expect(message.id).toEqual(expect.any(Number));
    await bothArrived(15_000);

    // The spec's first example of each, about this message; the click names its button.
    expect(received.refused).toBe(0);
    expect(received.status).toHaveLength(1);
    expect(received.click).toHaveLength(1);
    const about = { id: message.id, reference: "callbacks1", msisdn: example.phone.number };
    const [statusExample] = Object.values(requestExamples("onRcsStatusChanged"));
    const [clickExample] = Object.values(requestExamples("onRcsSuggestionClicked"));
    expect(received.status[0].raw).toEqual({
      ...statusExample,
      ...about,
      price: message.amount.value,
      currency: message.amount.currency,
      time_in: message.created_at,
      time_sent: expect.any(String),
      time_dr: expect.any(String),
    });
    const [button] = "cards" in body.options ? body.options.cards.flatMap((card) => card.suggestions ?? []) : [];
    expect(received.click[0].raw).toEqual({ ...clickExample, ...about, text: button.text, postback: button.postback_data ?? null, time_click: expect.any(String) });

    // Handed on normalised: the id as a string, the status in lower case.
    const [status] = received.status;
    expect(status).toMatchObject({ id: String(message.id), reference: "callbacks1", msisdn: example.phone.number });
    expect(status.status).toBe(String(status.raw.status).toLowerCase());
    expect(isFinalStatus(status.status)).toBe(true);
    expect(received.click[0]).toMatchObject({ id: String(message.id), text: button.text });
  });
});
