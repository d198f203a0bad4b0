import { bodyParser } from "@koa/bodyparser";
import Router from "@koa/router";
import Koa from "koa";
import type { RcsCallbackHandler } from "wwt-rcs";
import { toNodeListener } from "wwt-rcs/node";

export function koaApp(handleCallback: RcsCallbackHandler): Koa {
  const listener = toNodeListener(handleCallback);
  const router = new Router();
  router.post("/wwt/rcs", async (ctx) => {
    ctx.respond = false; // the listener writes the answer
    await listener(Object.assign(ctx.req, { body: ctx.request.body }), ctx.res);
  });
  const app = new Koa();
  app.use(bodyParser());
  app.use(router.routes());
  return app;
}
