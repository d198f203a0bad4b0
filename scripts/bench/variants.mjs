// The three ways the bench sends the same request to the spec server: through the client
// (validating, as by default, with a fixed token, so no login is timed), through
// openapi-fetch alone called the same way, and with a hand-written fetch. Each resolves to
// the answer's `data`; `checkedVariants` proves that all three get the example's answer.
import createClient from "openapi-fetch";
import { benchToken, exchange } from "./spec-server.mjs";
import { loadClient } from "./shared.mjs";

export async function checkedVariants(server) {
  const { createRcsClient } = await loadClient();
  const client = createRcsClient({ token: benchToken, baseUrl: server.url });
  const url = server.url + exchange.path;
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${benchToken}` };
  const openapiFetch = createClient({ baseUrl: server.url, headers });
  const variants = {
    client: () => client.sendRcsMessage(exchange.body),
    openapiFetch: async () => {
      const { data, response } = await openapiFetch.POST(exchange.path, { body: exchange.body });
      if (!response.ok) throw new Error(`openapi-fetch got status ${response.status}`);
      return data.data;
    },
    rawFetch: async () => {
      const response = await fetch(url, { method: exchange.method, headers, body: JSON.stringify(exchange.body) });
      if (!response.ok) throw new Error(`the raw fetch got status ${response.status}`);
      return (await response.json()).data;
    },
  };
  const expected = JSON.stringify(exchange.answer.data);
  for (const [name, send] of Object.entries(variants)) {
    if (JSON.stringify(await send()) !== expected) throw new Error(`${name} did not resolve to the example's data`);
  }
  return variants;
}
