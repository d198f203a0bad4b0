// The packed package in Debian's Chromium: the app, bundled for browsers, on a page served
// from one origin, calling the fake API on another, which allows the page's origin by CORS.
// The page calls the app directly: a browser has no server to host it.
import type { Browser, Page } from "playwright-core";
import { afterAll, expect, inject, it } from "vitest";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { chromiumVersion, launchChromium } from "../support/chromium.js";
import { bundleApp } from "./support/bundle.js";
import type { FakeApi } from "./support/fake-api.js";
import { describeRuntime, type AppAnswer, type AppRequest } from "./support/runtime-app.js";

const version = chromiumVersion();
let browser: Browser | undefined;
let api: FakeApi;
let pageOrigin: string;
const pageErrors: string[] = [];
const requestedOrigins = new Set<string>();

// Its user agent names the major version only.
const userAgent = new RegExp(`Chrome/${version.split(".")[0]}\\.`);

describeRuntime(`Chromium ${version} (Debian), the page calling the app`, userAgent, async (fakeApi) => {
  api = fakeApi;
  const consumerDir = inject("consumerDir");
  await bundleApp(consumerDir, "browser.mjs", { format: "iife" });
  const site = await startStaticServer({ root: consumerDir });
  pageOrigin = site.url;
  api.allowedOrigins.add(pageOrigin);
  browser = await launchChromium();
  const page: Page = await browser.newPage();
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") pageErrors.push(message.text());
  });
  page.on("request", (request) => requestedOrigins.add(new URL(request.url()).origin));
  await page.goto(`${pageOrigin}/index.html`);
  if (pageErrors.length > 0) throw new Error(`the page could not load the app: ${pageErrors.join("; ")}`);
  return {
    call: (path, request) =>
      page.evaluate<AppAnswer, [string, AppRequest]>(
        async ([path, request]) => {
          const app = (globalThis as unknown as { runtimeApp: (request: Request) => Promise<Response> }).runtimeApp;
          const response = await app(new Request(new URL(path, location.href), request));
          const text = await response.text();
          return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
        },
        [path, request],
      ),
    stop: async () => {
      await browser?.close();
      await site.close();
    },
  };
});

afterAll(() => browser?.close());

it("reached the API across origins, after CORS preflights, without an error on the page", () => {
  expect(pageErrors).toEqual([]);
  expect(api.preflights.length).toBeGreaterThan(0);
  expect([...requestedOrigins].sort()).toEqual([api.url, pageOrigin].sort());
});
