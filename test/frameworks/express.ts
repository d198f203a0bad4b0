import express, { type Express } from "express";
import type { RcsCallbackHandler } from "wwt-rcs";
import { toNodeListener } from "wwt-rcs/node";

export function expressApp(handleCallback: RcsCallbackHandler): Express {
  const app = express();
  app.use(express.json());
  // What express.json() parsed is on req.body; the listener reads it from there.
  app.post("/wwt/rcs", toNodeListener(handleCallback));
  return app;
}
