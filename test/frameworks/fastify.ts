import Fastify, { type FastifyInstance } from "fastify";
import type { RcsCallbackHandler } from "wwt-rcs";
import { toNodeListener } from "wwt-rcs/node";

export function fastifyApp(handleCallback: RcsCallbackHandler): FastifyInstance {
  const app = Fastify();
  const listener = toNodeListener(handleCallback);
  // A plugin of its own, so that its catch-all parser serves this route alone: Fastify answers
  // 415 to a Content-Type it has no parser for (or none), and the platform's is undocumented.
  // The catch-all leaves such a body unread, for the handler to stream.
  app.register(async (callbacks) => {
    callbacks.addContentTypeParser("*", (_request, _body, done) => done(null));
    callbacks.post("/wwt/rcs", async (request, reply) => {
      reply.hijack(); // the listener writes the answer
      await listener(Object.assign(request.raw, { body: request.body }), reply.raw);
    });
  });
  return app;
}
