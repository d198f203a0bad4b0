// The Hono recipe of docs/receiving-callbacks-with-frameworks.md (test/frameworks/hono.ts), which
// hands the handler Hono's own web-standard Request: on @hono/node-server (which replaces the
// global Request and Response with its own, as in a user's process; hence a file of its own), and
// through app.fetch alone, as Deno, Bun and Cloudflare Workers call it.
import type { Server } from "node:http";
import { honoApp } from "../frameworks/hono.js";
// The test project's @hono/node-server, where the recipes' imports find it.
import { serve } from "../frameworks/node_modules/@hono/node-server/dist/index.mjs";
import { describeRecipe, listening } from "../support/receiver-suite.js";

describeRecipe("Hono on @hono/node-server", async (handleCallback) =>
  listening(serve({ fetch: honoApp(handleCallback).fetch, port: 0, hostname: "127.0.0.1" }) as Server),
);

describeRecipe("Hono through app.fetch, web-standard", async (handleCallback) => {
  const app = honoApp(handleCallback);
  return { send: async (pathAndQuery, init) => app.fetch(new Request(`http://127.0.0.1${pathAndQuery}`, init)), close: async () => {} };
});
