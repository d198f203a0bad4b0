// The HTML docs (generated/docs/index.html) in a real Chromium, served by the same static
// server `npm start` uses, read as a developer reads an API reference: at 1440 px on a desk
// and at 390 px on a phone. What a reader needs is on the page and reads right, the code
// samples follow the picked example, and the page makes no request beyond that server, so it
// works offline. Screenshots of both widths go to artifacts/.
import { existsSync, mkdirSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { launchChromium } from "../support/chromium.js";
import { type Json, operation, operations, requestExamples, resolve, responseExamples, spec } from "../support/spec.js";

const docsDir = new URL("../../generated/docs/", import.meta.url).pathname;
const artifacts = new URL("../../artifacts/", import.meta.url).pathname;
const desk = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

async function openDocs(viewport: { width: number; height: number }): Promise<Page> {
  const opened = await browser.newPage({ viewport });
  opened.setDefaultTimeout(10_000);
  opened.on("request", (request) => requests.push(request.url()));
  opened.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  opened.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await opened.goto(`${server.url}/`, { waitUntil: "networkidle" });
  return opened;
}

beforeAll(async () => {
  if (!existsSync(`${docsDir}index.html`)) throw new Error("generated/docs/index.html is missing: run `npm run generate`");
  server = await startStaticServer({ root: docsDir });
  browser = await launchChromium();
  page = await openDocs(desk);
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

const menuItem = (target: Page, text: string) =>
  target.locator('[data-component-name="Menu/MenuItem"]').filter({ has: target.getByText(text, { exact: true }) });

/** Opens an operation from the sidebar, where each is listed under its summary. */
async function openFromMenu(operationId: string) {
  await menuItem(page, operation(operationId).operation.summary).first().click();
  await page.waitForFunction((id) => location.hash.toLowerCase().endsWith(`/${id}`), operationId.toLowerCase());
}

/** Scrolls through the whole page, so that Redoc renders every section it renders lazily. */
async function renderAll(target: Page) {
  const height = await target.evaluate(() => document.documentElement.scrollHeight);
  const step = target.viewportSize()!.height;
  for (let y = 0; y <= height; y += step) {
    await target.evaluate((top) => window.scrollTo(0, top), y);
    await target.waitForTimeout(50);
  }
  await target.evaluate(() => window.scrollTo(0, 0));
}

/** Picks an entry of one of the panel's dropdowns (the language or the example). */
async function choose(panel: Locator, current: string | RegExp, entry: string) {
  const item = page.getByRole("menuitem", { name: entry, exact: true }).first();
  // A menu stays open until an entry is picked or its button is pressed again.
  if (!(await item.isVisible())) await panel.locator('[data-component-name="Dropdown/Dropdown"]').filter({ hasText: current }).first().click();
  await item.click();
}

const languages = /^(curl|TypeScript|Payload)$/;

function requestSamples(operationId: string) {
  return section(operationId).locator(".panel-request-samples");
}

/** The code the request sample panel shows now. */
async function shownCode(operationId: string): Promise<string> {
  const code = requestSamples(operationId).locator('[data-component-name="CodeBlock/CodeBlock"] pre').first();
  await code.waitFor();
  return code.innerText();
}

function exampleSummaries(operationId: string): string[] {
  const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
  return Object.values(media.examples).map((example) => resolve(example as { summary: string }).summary);
}

/** Every string in a request body, as the samples must quote it. */
function strings(value: Json): string[] {
  if (typeof value === "string") return [value];
  if (value === null || typeof value !== "object") return [];
  return Object.values(value).flatMap(strings);
}

describe("the API reference at 1440 px", () => {
  it("has the API's title and the guide", async () => {
    expect(await page.title()).toBe(`${spec.info.title} reference`);
    await expect.poll(() => page.getByRole("heading", { name: spec.info.title }).first().isVisible()).toBe(true);
    for (const title of ["Authentication", "One message or a campaign?", "Statuses", "Try it against the mock"]) {
      expect(await page.getByRole("heading", { name: title }).first().isVisible(), title).toBe(true);
    }
  });

  it("lists Authentication once in the menu, and every operation under its summary", async () => {
    expect(await menuItem(page, "Authentication").count()).toBe(1);
    for (const { operation: op } of operations()) expect(await menuItem(page, op.summary).count(), op.summary).toBe(1);
  });

  it("shows every operation in place, with none behind a “+ Show” button", async () => {
    await renderAll(page);
    for (const { operationId } of operations()) {
      await heading(operationId).scrollIntoViewIfNeeded();
      expect(await heading(operationId).isVisible(), operationId).toBe(true);
    }
    expect(await page.getByRole("button", { name: "+ Show", exact: true }).count()).toBe(0);
  });

  it("shows the server's description as written, without Markdown backticks", async () => {
    const description = page.getByText(spec.servers[0].description, { exact: true }).first();
    expect(await description.isVisible()).toBe(true);
    expect(await page.getByText(/Test API keys \(`/).count()).toBe(0);
  });

  for (const operationId of ["sendRcsMessage", "sendRcsCampaignToGroups"]) {
    describe(operationId, () => {
      it("is reached from the menu, which scrolls it into view", async () => {
        await page.evaluate(() => window.scrollTo(0, 0));
        const before = await page.evaluate(() => window.scrollY);
        await openFromMenu(operationId);
        await expect.poll(async () => (await heading(operationId).boundingBox())?.y ?? -1).toBeGreaterThanOrEqual(0);
        const box = (await heading(operationId).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(desk.height);
        expect(await page.evaluate(() => window.scrollY)).not.toBe(before);
      });

      it("shows every field of its request body", async () => {
        const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
        for (const field of Object.keys(resolve(media.schema).properties)) {
          const row = section(operationId).locator(`[id$="/t=request&path=${field}"]`);
          expect(await row.isVisible(), field).toBe(true);
        }
      });

      it("names types as a reader expects: item types of arrays, titled branches, no schema names", async () => {
        await section(operationId).getByRole("button", { name: "Expand all" }).first().click();
        await section(operationId).getByRole("tab", { name: "Cards", exact: true }).first().click();
        const cards = section(operationId).locator('[id*="/t=request&path=options&oneof="][id$="/cards"]').first();
        await expect.poll(() => cards.innerText()).toMatch(/Array of objects/);
        // Redoc mounts a nested schema once it scrolls into view.
        await section(operationId).locator('[id*="/t=request&path=options&oneof="][id$="/suggestions"]').first().scrollIntoViewIfNeeded();
        for (const branch of ["Text", "Cards", "Card with media", "Card without media", "Link button", "Call button"]) {
          await expect.poll(() => section(operationId).getByRole("tab", { name: branch, exact: true }).count(), { message: branch }).toBeGreaterThan(0);
        }
        const text = await section(operationId).innerText();
        expect(text).toMatch(/options\.\u200b?cards\[\]\.\u200b?suggestions\s+Array of objects/);
        expect(text).not.toMatch(/Array of any|\bcase \d|\((?:Rcs|Sms|Phone|Validity|Reference|Callback)[A-Za-z]*\)/);
      });

      it("offers every named request example and shows the first response example", async () => {
        const summaries = exampleSummaries(operationId);
        const picker = requestSamples(operationId).getByRole("button", { name: "Example" });
        await picker.click();
        const offered = await page.getByRole("menuitem").allInnerTexts();
        await picker.click();
        for (const summary of summaries) expect(offered.join("\n")).toContain(summary);
        const firstResponse = Object.keys(responseExamples(operationId, "200"))[0];
        const responseSummary = resolve(resolve(operation(operationId).operation.responses["200"]).content["application/json"].examples[firstResponse]).summary;
        expect(await section(operationId).getByText(responseSummary, { exact: true }).first().isVisible()).toBe(true);
      });

      it("shows curl and TypeScript samples that follow the picked example", async () => {
        const examples = Object.entries(requestExamples(operationId));
        const summaries = exampleSummaries(operationId);
        const picks = [examples.length - 1, 0];
        const shown: string[] = [];
        let current = summaries[0];
        for (const index of picks) {
          await choose(requestSamples(operationId), current, summaries[index]);
          current = summaries[index];
          const [key, body] = examples[index];

          await choose(requestSamples(operationId), languages, "curl");
          const curl = await shownCode(operationId);
          expect(JSON.parse(/-d '([\s\S]*)'\s*$/.exec(curl)![1].replaceAll(`'\\''`, "'")), `curl for ${key}`).toEqual(body);

          await choose(requestSamples(operationId), languages, "TypeScript");
          const typescript = await shownCode(operationId);
          expect(typescript).toContain(`rcs.${operationId}(`);
          for (const value of strings(body)) expect(typescript, `TypeScript for ${key}`).toContain(JSON.stringify(value));
          shown.push(curl, typescript);
        }
        expect(shown[0]).not.toBe(shown[2]);
        expect(shown[1]).not.toBe(shown[3]);
      });

      it("shows the copy button of the TypeScript sample clear of its first line", async () => {
        await choose(requestSamples(operationId), languages, "TypeScript");
        const block = requestSamples(operationId).locator('[data-component-name="CodeBlock/CodeBlock"]').first();
        const button = (await block.getByRole("button", { name: "Copy" }).boundingBox())!;
        const firstLine = (await block.locator(".line").first().boundingBox())!;
        const overlaps =
          button.x < firstLine.x + firstLine.width && firstLine.x < button.x + button.width &&
          button.y < firstLine.y + firstLine.height && firstLine.y < button.y + button.height;
        expect(overlaps, `button ${JSON.stringify(button)}, first line ${JSON.stringify(firstLine)}`).toBe(false);
        // Above the line, not only beside it: a longer first line, or one scrolled sideways,
        // would run under a button that shares its height.
        expect(button.y + button.height).toBeLessThanOrEqual(firstLine.y);
      });
    });
  }

  it("shows a field that may be null as “integer or null”, with the field's own description", async () => {
    const validity = section("sendRcsMessage").locator('[id$="/t=request&path=validity"]').first();
    await validity.scrollIntoViewIfNeeded();
    const ownDescription = spec.components.schemas.SendRcsMessageRequest.properties.validity.description.split(";")[0];
    await expect.poll(() => validity.innerText()).toMatch(/integer or null, \[ 1 \.\. 72 \]/);
    expect(await validity.innerText()).toContain(ownDescription);
  });

  it("names the two forms of a 422's errors by what they are", async () => {
    await section("sendRcsMessage").getByRole("tab", { name: "422", exact: true }).first().click();
    const errors = section("sendRcsMessage").locator('[id$="/t=response&c=422&path=errors"]').first();
    await errors.scrollIntoViewIfNeeded();
    await expect.poll(() => errors.innerText()).toContain("Array of strings or Messages per field (object)");
  });

  it("shows callback_url's own limit, 100 characters", async () => {
    const row = section("sendRcsMessage").locator('[id$="/t=request&path=callback_url"]').first();
    await row.scrollIntoViewIfNeeded();
    // Redoc fills a row in once it is in view.
    await expect.poll(() => row.innerText()).toContain("<= 100 characters");
    expect(await row.innerText()).not.toContain("1000");
  });

  it("saves a screenshot of a send, its fields and its samples, to artifacts/docs-1440.png", async () => {
    // Redoc mounts only the sections near the viewport, so a full-page screenshot would show
    // blank operations: this one shows the first screen of sendRcsMessage.
    mkdirSync(artifacts, { recursive: true });
    await openFromMenu("sendRcsMessage");
    await heading("sendRcsMessage").evaluate((element) => {
      element.scrollIntoView({ block: "start" });
      window.scrollBy(0, -24);
    });
    await requestSamples("sendRcsMessage").locator("pre").first().waitFor();
    const image = await page.screenshot({ path: `${artifacts}docs-1440.png` });
    expect(image.length).toBeGreaterThan(50_000);
  });
});

describe("the API reference at 390 px", () => {
  let small: Page;

  beforeAll(async () => {
    small = await openDocs(phone);
  });

  it("breaks the title between words only, within the page", async () => {
    const title = small.getByRole("heading", { name: spec.info.title }).first();
    await title.waitFor();
    const layout = await title.evaluate((element) => {
      // The title may be several text nodes ("WWT.world RCS API", " (", "2.0.0", ")").
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const pieces: Array<{ node: Text; start: number }> = [];
      let length = 0;
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        pieces.push({ node, start: length });
        length += node.data.length;
      }
      const at = (offset: number) => {
        const piece = pieces.findLast(({ start }) => start <= offset)!;
        return [piece.node, offset - piece.start] as const;
      };
      const words = [...element.textContent!.matchAll(/\S+/g)].map((match) => {
        const range = document.createRange();
        range.setStart(...at(match.index!));
        range.setEnd(...at(match.index! + match[0].length - 1));
        range.setEnd(range.endContainer, range.endOffset + 1);
        return { word: match[0], lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size };
      });
      return { words, overflow: element.scrollWidth - element.clientWidth };
    });
    expect(layout.words.filter(({ lines }) => lines !== 1)).toEqual([]);
    expect(layout.overflow).toBeLessThanOrEqual(0);
  });

  it("saves a screenshot of the first screen to artifacts/docs-390.png", async () => {
    const image = await small.screenshot({ path: `${artifacts}docs-390.png` });
    expect(image.length).toBeGreaterThan(20_000);
  });
});

it("logged no console errors and made no request beyond the local server", () => {
  const local = (url: string) => url.startsWith(`${server.url}/`) || /^(data|blob|file):/.test(url);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !local(url))).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
