// The recipes for Express 5, Fastify and Koa of docs/receiving-callbacks-with-frameworks.md
// (test/frameworks, a project of its own: npm ci --prefix test/frameworks), each with the
// framework's JSON body parser in place, run as they are on real servers on 127.0.0.1; the tests
// are in test/support/receiver-suite.ts. Express 4 and Hono have files of their own: the one
// swaps the express module, the other replaces the global Request and Response.
import { expressApp } from "../frameworks/express.js";
import { fastifyApp } from "../frameworks/fastify.js";
import { koaApp } from "../frameworks/koa.js";
import { describeRecipe, listening, type Receiver } from "../support/receiver-suite.js";

describeRecipe("Express 5, with express.json()", async (handleCallback) => listening(expressApp(handleCallback).listen(0, "127.0.0.1")));

describeRecipe("Fastify, with its JSON parser", async (handleCallback): Promise<Receiver> => {
  const app = fastifyApp(handleCallback);
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return { send: (pathAndQuery, init) => fetch(`${address}${pathAndQuery}`, init), close: () => app.close() };
});

describeRecipe("Koa, with @koa/bodyparser and @koa/router", async (handleCallback) => {
  const app = koaApp(handleCallback);
  app.silent = true; // Koa logs the broken JSON its parser refuses
  return listening(app.listen(0, "127.0.0.1"));
});
