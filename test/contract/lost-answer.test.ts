// Issue #24's "done when": a user sends with a reference_id through a fault server that drops
// the answer after the mock accepted the message. The retried send resolves with the same
// message id, and the mock holds exactly one message with that reference. The client is set
// up as the README shows (an API key, the mock's URL, here the fault server's, and `retry`).
import { createServer, type IncomingMessage } from "node:http";
import { expect, inject, it } from "vitest";
import { createRcsClient } from "../../src/index.js";
import { operation } from "../support/spec.js";
import { listenLocally, closeNow } from "../support/local-server.js";

const mockUrl = inject("prismUrl");
const sendPath = operation("sendRcsMessage").path;

/**
 * A node:http server in front of `target` that forwards every request and passes its answer
 * back, except the first send's: that one reaches the mock, and then the connection is closed
 * without an answer. It records what it forwarded.
 */
async function startDroppingProxy(target: string) {
  const forwarded: string[] = [];
  let dropped = false;
  const server = createServer(async (request, response) => {
    const body = await bodyOf(request);
    const { pathname } = new URL(request.url ?? "/", target);
    forwarded.push(`${request.method} ${pathname}`);
    const headers = Object.fromEntries(["authorization", "content-type"].flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])));
    const answer = await fetch(new URL(request.url ?? "/", target), { method: request.method, headers, body: body || undefined });
    const text = await answer.text();
    if (request.method === "POST" && pathname === sendPath && !dropped) {
      dropped = true;
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" }).end(text);
  });
  return { url: await listenLocally(server), forwarded, close: () => closeNow(server) };
}

/** A request's body, as the JSON text it is. */
async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request.setEncoding("utf8") as AsyncIterable<string>) text += chunk;
  return text;
}

it("a send whose answer is lost after the mock accepted it resolves, with retry, to the message the mock kept, which it holds once", async () => {
  const proxy = await startDroppingProxy(mockUrl);
  try {
    const reference = "lostanswer1";
    const rcs = createRcsClient({ apiKey: "test_mock", baseUrl: proxy.url, retry: true });
    const sent = await rcs.sendRcsMessage({ phone: { number: "380501234567", reference_id: reference }, sender: "Acme Shop", options: { text: "Hello from the mock" } });

    // The send went to the mock once; the lost answer was settled by looking the reference up.
    expect(proxy.forwarded).toEqual(["POST /api/auth/login", `POST ${sendPath}`, "GET /api/messages"]);
    const direct = createRcsClient({ apiKey: "test_mock", baseUrl: mockUrl });
    const { data } = await direct.listMessages({ filter: { reference_id: reference } });
    expect(data).toHaveLength(1);
    expect(sent.id).toBe(data[0].id);
    expect(sent).toMatchObject({ reference_id: reference, phone: 380501234567, sender: "Acme Shop", status: "accepted" });
  } finally {
    await proxy.close();
  }
});
