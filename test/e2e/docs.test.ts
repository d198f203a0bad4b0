// The HTML docs (generated/docs/index.html) in a real Chromium, served by the same static
// server `npm start` uses: what a reader needs is on the page and works, and the page makes
// no request beyond that server, so it works offline.
import { existsSync, mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { launchChromium } from "../support/chromium.js";
import { operation, requestExamples, resolve, responseExamples, spec } from "../support/spec.js";

const docsDir = new URL("../../generated/docs/", import.meta.url).pathname;
const screenshot = new URL("../../artifacts/docs.png", import.meta.url).pathname;
const viewport = { width: 1400, height: 900 };

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(`${docsDir}index.html`)) throw new Error("generated/docs/index.html is missing: run `npm run generate`");
  server = await startStaticServer({ root: docsDir });
  browser = await launchChromium();
  page = await browser.newPage({ viewport });
  page.setDefaultTimeout(10_000);
  page.on("request", (request) => requests.push(request.url()));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The part of the page that documents one operation. */
function section(operationId: string) {
  return page.locator(`[data-item-kind="httpItem"][id$="/${operationId.toLowerCase()}"]`);
}

/** The operation's heading: its summary. */
function heading(operationId: string) {
  return section(operationId).locator("h2").filter({ hasText: operation(operationId).operation.summary }).first();
}

/** Opens an operation from the sidebar: its tag first, then the operation itself. */
async function openFromMenu(operationId: string) {
  const { operation: op } = operation(operationId);
  const menuItem = (text: string) => page.locator('[data-component-name="Menu/MenuItem"]').filter({ hasText: text });
  await menuItem(op.tags[0]).first().click();
  await menuItem(op.summary).last().click();
  await page.waitForFunction((id) => location.hash.toLowerCase().endsWith(`/${id}`), operationId.toLowerCase());
}

describe("the API reference in Chromium", () => {
  it("has the API's title and the guide", async () => {
    expect(await page.title()).toBe(`${spec.info.title} reference`);
    await expect.poll(() => page.getByRole("heading", { name: spec.info.title }).first().isVisible()).toBe(true);
    for (const title of ["Authentication", "One message or a campaign?", "Statuses", "Try it against the mock"]) {
      expect(await page.getByRole("heading", { name: title }).first().isVisible(), title).toBe(true);
    }
  });

  for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups"]) {
    describe(operationId, () => {
      it("is reached from the menu, which scrolls it into view", async () => {
        await page.evaluate(() => window.scrollTo(0, 0));
        const before = await page.evaluate(() => window.scrollY);
        await openFromMenu(operationId);
        await expect.poll(async () => (await heading(operationId).boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
        const box = (await heading(operationId).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
        expect(await page.evaluate(() => window.scrollY)).not.toBe(before);
      });

      it("shows every field of its request body", async () => {
        const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
        for (const field of Object.keys(resolve(media.schema).properties)) {
          const row = section(operationId).locator(`[id$="/t=request&path=${field}"]`);
          expect(await row.isVisible(), field).toBe(true);
        }
      });

      it("offers every named request example and shows the first response example", async () => {
        const summaries = Object.values(requestExamples(operationId)).map((_, index) => exampleSummary(operationId, index));
        const picker = section(operationId).locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: summaries[0] }).first();
        await picker.click();
        const offered = await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').allInnerTexts();
        await page.keyboard.press("Escape");
        for (const summary of summaries) expect(offered.join("\n")).toContain(summary);
        const firstResponse = Object.keys(responseExamples(operationId, "200"))[0];
        const responseSummary = resolve(resolve(operation(operationId).operation.responses["200"]).content["application/json"].examples[firstResponse]).summary;
        expect(await section(operationId).getByText(responseSummary, { exact: true }).first().isVisible()).toBe(true);
      });

      it("shows the TypeScript sample in the request sample panel", async () => {
        // The language picker; it shows the language last chosen on the page.
        const languages = /^(curl|TypeScript|Payload)$/;
        await section(operationId).locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: languages }).first().click();
        await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: /^TypeScript$/ }).click();
        const code = section(operationId).locator('[data-component-name="CodeBlock/CodeBlock"]').filter({ hasText: "createRcsClient" });
        await expect.poll(() => code.first().isVisible()).toBe(true);
        expect(await code.first().innerText()).toContain(`rcs.${operationId}(`);
      });
    });
  }

  it("saves a full-page screenshot to artifacts/docs.png", async () => {
    // Redoc renders an operation only once it has been opened, so the screenshot is taken
    // here, with the guide and the operations opened above all on the page.
    mkdirSync(new URL("../../artifacts/", import.meta.url).pathname, { recursive: true });
    const image = await page.screenshot({ path: screenshot, fullPage: true });
    expect(image.length).toBeGreaterThan(50_000);
  });

  it("logged no console errors and made no request beyond the local server", () => {
    const local = (url: string) => url.startsWith(`${server.url}/`) || /^(data|blob|file):/.test(url);
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((url) => !local(url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

function exampleSummary(operationId: string, index: number): string {
  const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
  return resolve(Object.values(media.examples)[index] as { summary: string }).summary;
}
