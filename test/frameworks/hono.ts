import { Hono } from "hono";
import type { RcsCallbackHandler } from "wwt-rcs";

export function honoApp(handleCallback: RcsCallbackHandler): Hono {
  const app = new Hono();
  // c.req.raw is the web-standard Request, its body unread: nothing before the route reads it.
  app.post("/wwt/rcs", (c) => handleCallback(c.req.raw));
  return app;
}
