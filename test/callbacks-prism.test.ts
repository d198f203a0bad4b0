// End to end against the real Prism mock: the client sends a message whose callback_url
// points at a local receiver built with createRcsCallbackHandler and its secret token; Prism
// performs the spec's callbacks (a random example of each), and the receiver hands both on
// as reports, the payload as sent kept in `raw`.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  createRcsCallbackHandler,
  createRcsClient,
  isFinalStatus,
  toNodeListener,
  type RcsClickReport,
  type RcsStatusReport,
  type SendRcsMessageRequest,
} from "../src/index.js";
import { requestExamples } from "./support/spec.js";

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
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  callbackUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wwt/rcs?token=${token}`;
});

afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

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

describe("callbacks from the Prism mock", () => {
  it("reach a local receiver as a typed status change and a typed click", async () => {
    const rcs = createRcsClient({ apiKey: "test_callbacks", baseUrl: inject("prismUrl") });
    const body = { ...requestExamples("sendRcsMessage").singleCard, callback_url: callbackUrl } as SendRcsMessageRequest;
    expect(callbackUrl.length).toBeLessThanOrEqual(100);

    const message = await rcs.sendRcsMessage(body);
    expect(message.id).toEqual(expect.any(Number));
    await bothArrived(15_000);

    // Prism sends one example of each callback, picked at random: each must be one of the spec's.
    expect(received.refused).toBe(0);
    expect(received.status).toHaveLength(1);
    expect(received.click).toHaveLength(1);
    expect(Object.values(requestExamples("onRcsStatusChanged"))).toContainEqual(received.status[0].raw);
    expect(Object.values(requestExamples("onRcsSuggestionClicked"))).toContainEqual(received.click[0].raw);

    const [status] = received.status;
    expect(typeof isFinalStatus(status.status)).toBe("boolean");
    expect(status.status).toBe(String(status.raw.status).toLowerCase());
    expect(status.id).toMatch(/^\d+$/);
    expect(received.click[0].text?.length).toBeGreaterThan(0);
  });
});
