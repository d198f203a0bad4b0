// The Express recipe of docs/receiving-callbacks-with-frameworks.md (test/frameworks/express.ts)
// on Express 4, whose body-parser differs from Express 5's where it matters here: on a request
// whose type it skips, it sets req.body = {} and leaves the stream unread. The recipe imports
// "express"; here that module is Express 4 (the test project's express4, an npm alias of
// express@4).
import { once } from "node:events";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { expressApp } from "../frameworks/express.js";
import { describeRecipe, listening } from "../support/receiver-suite.js";

vi.mock("../frameworks/node_modules/express/index.js", async () => {
  const { createRequire } = await import("node:module");
  return { default: createRequire(import.meta.url)("../frameworks/node_modules/express4/index.js") };
});

type ExpressModule = typeof import("../frameworks/node_modules/@types/express4/index.js");
const express4: ExpressModule = createRequire(import.meta.url)("../frameworks/node_modules/express4/index.js");
/** Where the recipe's `import express from "express"` leads. */
const recipesExpress: string = "../frameworks/node_modules/express/index.js";

describe("the express module of this file", () => {
  it("is Express 4", async () => {
    const version: string = createRequire(import.meta.url)("../frameworks/node_modules/express4/package.json").version;
    expect(version).toMatch(/^4\./);
    expect((await import(recipesExpress)).default).toBe(express4);
  });

  it("sets req.body = {} on a request express.json() skips, and leaves its stream unread", async () => {
    const seen: unknown[] = [];
    const app = express4();
    app.use(express4.json());
    app.post("/", (req, res) => {
      seen.push({ body: req.body, didRead: req.readableDidRead, ended: req.readableEnded });
      res.end();
    });
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: '{"id":1}', headers: { "content-type": "text/plain" } });
    } finally {
      server.close();
    }
    expect(seen).toEqual([{ body: {}, didRead: false, ended: false }]);
  });
});

describeRecipe("Express 4, with express.json()", async (handleCallback) => listening(expressApp(handleCallback).listen(0, "127.0.0.1")));
