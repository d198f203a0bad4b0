// The HTML docs (generated/docs/index.html) in a real Chromium, served by the same static
// server `npm start` uses, read as a developer reads an API reference: at 1440 px on a desk
// and at 390 px on a phone. What a reader needs is on the page and reads right, the code
// samples follow the picked example, every link is an address that opens what it names (over
// HTTP and from a file), the keyboard reaches everything, axe-core finds nothing serious in
// the light or the dark scheme, and the page makes no request beyond that server, so it works
// offline. Screenshots of both widths go to artifacts/.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docsOperations, docsSpec, operationAddress } from "../../scripts/lib/docs-spec.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { launchChromium } from "../support/chromium.js";
import { type Json, type Node, operation, operations, requestExamples, resolve, responseExamples, spec } from "../support/spec.js";

const docsDir = new URL("../../generated/docs/", import.meta.url).pathname;
const artifacts = new URL("../../artifacts/", import.meta.url).pathname;
const desk = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

let server: Awaited<ReturnType<typeof startStaticServer>>;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const consoleErrors: string[] = [];

type Viewport = { width: number; height: number };

/** The docs in a new page, at `address` (`#/operation/login`), from the server or from the file. */
async function openDocs(
  viewport: Viewport,
  { address = "", from = "http", colorScheme = "light" }: { address?: string; from?: "http" | "file"; colorScheme?: "light" | "dark" } = {},
): Promise<Page> {
  const opened = await browser.newPage({ viewport, colorScheme });
  opened.setDefaultTimeout(10_000);
  opened.on("request", (request) => requests.push(request.url()));
  opened.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  opened.on("pageerror", (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const base = from === "http" ? `${server.url}/` : `file://${docsDir}index.html`;
  await opened.goto(`${base}${address}`, { waitUntil: "networkidle" });
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
function section(operationId: string, target: Page = page) {
  return target.locator(`[data-item-kind="httpItem"][id$="/${operationId.toLowerCase()}"]`);
}

/** The operation's heading: its summary. */
function heading(operationId: string, target: Page = page) {
  return section(operationId, target).locator("h2").filter({ hasText: operation(operationId).operation.summary }).first();
}

const menuItem = (target: Page, text: string) =>
  target.locator('[data-component-name="Menu/MenuItem"]').filter({ has: target.getByText(text, { exact: true }) });

/** Opens an operation from the sidebar, where each is listed under its summary. */
async function openFromMenu(operationId: string) {
  await menuItem(page, operation(operationId).operation.summary).first().click();
  await page.waitForFunction((id) => location.hash.toLowerCase().endsWith(`/${id}`), operationId.toLowerCase());
}

/**
 * Brings every section into view, then scrolls through the whole page, so that Redoc renders
 * what it renders lazily: first the sections (each waits, empty, until it is near the screen),
 * then the nested fields within them.
 */
async function renderAll(target: Page) {
  const sections = await target.locator("[data-section-id]").count();
  for (let index = 0; index < sections; index++) {
    const empty = target.locator("[data-section-id]:empty").first();
    if ((await empty.count()) === 0) break;
    const id = await empty.getAttribute("data-section-id");
    await empty.scrollIntoViewIfNeeded();
    await target.waitForFunction((wanted) => [...document.querySelectorAll("[data-section-id]")].every((part) => part.getAttribute("data-section-id") !== wanted || part.childElementCount > 0), id);
  }
  const step = target.viewportSize()!.height / 2;
  for (let y = 0; y <= (await target.evaluate(() => document.documentElement.scrollHeight)); y += step) {
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

/** The operations with two or more named request examples, which get an example picker. */
const pickerOperations = operations()
  .filter(({ operation: op }) => op.requestBody && Object.keys(requestExamples(op.operationId)).length >= 2)
  .map(({ operationId }) => operationId);

/** The sends: their body's `options` holds text or cards. */
const sends = pickerOperations.filter((operationId) => {
  const media = resolve(operation(operationId).operation.requestBody).content["application/json"];
  return "options" in (resolve(media.schema).properties ?? {});
});

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

  for (const operationId of pickerOperations) {
    describe(operationId, () => {
      it("is reached from the menu, which scrolls it into view", async () => {
        await page.evaluate(() => window.scrollTo(0, 0));
        const before = await page.evaluate(() => window.scrollY);
        await openFromMenu(operationId);
        // Below the fold the heading already has y >= 0: wait until it stands wholly in view,
        // which Redoc's scroll brings about after the address changed (a hang guard only).
        const inView = async () => {
          const box = await heading(operationId).boundingBox();
          return box !== null && box.y >= 0 && box.y + box.height <= desk.height;
        };
        await expect.poll(inView, { timeout: 10_000 }).toBe(true);
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

  for (const operationId of sends) {
    describe(operationId, () => {
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

const docs = docsSpec(spec);
const axeSource = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const guideOperations = docsOperations(docs)
  .map(({ operation: op }) => op.operationId as string)
  .filter((operationId) => spec.info.description.includes(`\`${operationId}\``));

/** The menu's links: where each points, and its text. */
function menuLinks(target: Page) {
  return target.locator('[data-component-name="Menu/MenuItem"] a').evaluateAll((links) =>
    links.map((link) => ({ href: link.getAttribute("href") ?? "", text: (link.textContent ?? "").trim() })),
  );
}

/** Whether `element`'s top lies on the screen now. */
async function onScreen(target: Page, element: Locator): Promise<boolean> {
  const box = await element.boundingBox();
  return box !== null && box.y >= 0 && box.y < target.viewportSize()!.height;
}

/** What has focus: its tag, role, text, and where it sits. */
function focused(target: Page) {
  return target.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    return {
      tag: element.tagName,
      role: element.getAttribute("role"),
      text: (element.textContent ?? "").trim(),
      skipLink: element.matches("a.skip-link"),
      search: element.matches('[data-testid="search-trigger"]'),
      inContent: element.closest("#api-content") !== null,
      inMenu: element.closest(".menu-content") !== null,
      menuButton: element.matches('[data-testid="floating-button"]'),
      section: element.closest("[data-section-id]")?.getAttribute("data-section-id") ?? null,
      shown: element.checkVisibility() && element.getClientRects().length > 0,
    };
  });
}

/** The example picker of an operation's request samples. */
function picker(target: Page, operationId: string) {
  return section(operationId, target).locator(".panel-request-samples").getByRole("button", { name: /^Example/ }).first();
}

const openEntries = (target: Page) => target.locator('[role="menuitem"]:visible');

/** Shows an operation by setting the page's address, as a link in the page does, and brings its heading into view. */
async function goTo(target: Page, operationId: string) {
  await target.evaluate((address) => {
    window.location.hash = address;
  }, operationAddress(operationId));
  await heading(operationId, target).scrollIntoViewIfNeeded();
  await expect.poll(() => onScreen(target, heading(operationId, target))).toBe(true);
}

describe.each([
  ["1440 px", desk],
  ["390 px", phone],
] as const)("the API reference at %s, by address and by keyboard", (_width, viewport) => {
  let view: Page;

  beforeAll(async () => {
    view = await openDocs(viewport);
  });

  afterAll(async () => {
    await view?.close();
  });

  it("lists every operation in the menu under an address that names it, and no address says “other”", async () => {
    const links = await menuLinks(view);
    expect(links.length).toBeGreaterThan(operations().length);
    for (const { href } of links) expect(href).toMatch(/^#\//);
    expect(links.filter(({ href }) => /other/.test(href))).toEqual([]);
    for (const { operationId } of operations()) {
      expect(links.map(({ href }) => href), operationId).toContain(operationAddress(operationId));
    }
  });

  for (const from of ["http", "file"] as const) {
    it(`opens each operation and each guide section at its address, pasted into a new page (${from})`, async () => {
      const links = await menuLinks(view);
      const sections = links.filter(({ href }) => href.startsWith("#/section/"));
      expect(sections.length).toBeGreaterThan(0);
      const targets = [
        ...operations().map(({ operationId, operation: op }) => ({ address: operationAddress(operationId), title: op.summary as string, operationId })),
        ...sections.map(({ href, text }) => ({ address: href, title: text, operationId: undefined })),
      ];
      for (const { address, title, operationId } of targets) {
        const opened = await openDocs(viewport, { address, from });
        const shown = operationId ? heading(operationId, opened) : opened.locator(`[id="${address.slice(2)}"]`).getByText(title, { exact: true }).first();
        await expect.poll(() => onScreen(opened, shown), { message: `${address} from ${from}` }).toBe(true);
        expect(opened.url()).toContain(address);
        await opened.close();
      }
    });
  }

  it("links every operation the guide names to that operation", async () => {
    expect(guideOperations.length).toBeGreaterThan(0);
    await view.evaluate(() => window.scrollTo(0, 0));
    const overview = view.locator('[data-section-id="/"], [data-section-id^="/section/"]');
    for (const operationId of guideOperations) {
      const links = overview.locator(`a[href="${operationAddress(operationId)}"]`);
      expect(await links.count(), operationId).toBeGreaterThan(0);
      expect(await links.first().innerText()).toBe(operationId);
    }
    const unlinked = await overview.locator("code").evaluateAll(
      (codes, ids) => codes.filter((code) => ids.includes(code.textContent ?? "") && !code.closest("a")).map((code) => code.textContent),
      operations().map(({ operationId }) => operationId),
    );
    expect(unlinked).toEqual([]);
    const first = guideOperations[0];
    await overview.locator(`a[href="${operationAddress(first)}"]`).first().scrollIntoViewIfNeeded();
    await overview.locator(`a[href="${operationAddress(first)}"]`).first().click();
    await expect.poll(() => onScreen(view, heading(first, view))).toBe(true);
  });

  it("keeps the guide short: the first operation starts within three screens on a desk, five on a phone", async () => {
    const fresh = await openDocs(viewport);
    const start = await fresh.locator('[data-section-id^="/operation/"]').first().evaluate((element) => element.getBoundingClientRect().top + window.scrollY);
    const screens = start / viewport.height;
    expect(screens).toBeGreaterThan(1);
    expect(screens).toBeLessThanOrEqual(viewport === desk ? 3 : 5);
    await fresh.close();
  });

  it("says the API's summary once, and gives every column of the guide's tables a header", async () => {
    const fresh = await openDocs(viewport);
    await expect.poll(() => fresh.getByText(spec.info.summary, { exact: true }).count()).toBe(1);
    const firstSentence = spec.info.description.split(/(?<=\.)\s/)[0];
    expect(firstSentence).not.toContain(spec.info.summary.replace(/\.$/, ""));
    const guide = fresh.locator('[data-section-id="/"], [data-section-id^="/section/"]');
    await renderAll(fresh);
    expect(await guide.locator("table").count()).toBeGreaterThan(0);
    const emptyHeaders = await guide.locator("th").evaluateAll((cells) => cells.filter((cell) => (cell.textContent ?? "").trim() === "").length);
    expect(emptyHeaders).toBe(0);
    await fresh.close();
  });

  it("breaks identifiers in tables and field names between words, never inside one", async () => {
    const fresh = await openDocs(viewport);
    await renderAll(fresh);
    const broken = await fresh.evaluate(() => {
      const found: string[] = [];
      for (const element of document.querySelectorAll("td code, th code, .schema-name")) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
          // Redoc marks the places a field name may break with a zero-width space, after each dot.
          for (const word of node.data.matchAll(/[^\u200b\s.[\]]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index!);
            range.setEnd(node, word.index! + word[0].length);
            if (new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1) found.push(`${word[0]} in ${element.textContent}`);
          }
        }
      }
      return found;
    });
    expect(broken).toEqual([]);
    await fresh.close();
  });

  it("offers “Skip to content” as the first Tab stop, and it moves focus past the menu", async () => {
    const fresh = await openDocs(viewport);
    await fresh.keyboard.press("Tab");
    const skip = await focused(fresh);
    expect(skip.skipLink && skip.shown).toBe(true);
    const before = fresh.url();
    await fresh.keyboard.press("Enter");
    expect(await fresh.evaluate(() => document.activeElement?.id)).toBe("api-content");
    expect(fresh.url()).toBe(before);
    await fresh.keyboard.press("Tab");
    expect((await focused(fresh)).inContent).toBe(true);
    await fresh.close();
  });

  it("stops the Tab key only on what is shown: never in a hidden menu", async () => {
    const fresh = await openDocs(viewport);
    for (let stop = 0; stop < 40; stop++) {
      await fresh.keyboard.press("Tab");
      const now = await focused(fresh);
      expect(now.shown, `stop ${stop}: ${now.tag} ${now.text.slice(0, 40)}`).toBe(true);
      if (viewport === phone) expect(now.inMenu, `stop ${stop}: ${now.text.slice(0, 40)}`).toBe(false);
    }
    await fresh.close();
  });

  it("picks a request example with the keyboard: arrows, Enter, Escape and Tab", async () => {
    for (const operationId of pickerOperations) {
      const summaries = exampleSummaries(operationId);
      await goTo(view, operationId);
      const button = picker(view, operationId);
      await button.scrollIntoViewIfNeeded();
      await button.focus();

      await view.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focused(view)).role, { message: operationId }).toBe("menuitem");
      expect((await focused(view)).text).toBe(summaries[0]);
      await view.keyboard.press("ArrowDown");
      expect((await focused(view)).text).toBe(summaries[1]);
      await view.keyboard.press("Enter");
      await expect.poll(() => openEntries(view).count()).toBe(0);
      expect(await button.innerText()).toContain(summaries[1]);
      expect(await view.evaluate(() => document.activeElement?.getAttribute("aria-haspopup"))).toBe("menu");

      await view.keyboard.press("Enter");
      await expect.poll(async () => (await focused(view)).text).toBe(summaries[1]);
      await view.keyboard.press("Escape");
      await expect.poll(() => openEntries(view).count()).toBe(0);
      expect(await button.innerText()).toContain(summaries[1]);

      await view.keyboard.press("ArrowUp");
      await expect.poll(async () => (await focused(view)).text).toBe(summaries.at(-1));
      await view.keyboard.press("Escape");
      await view.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focused(view)).role).toBe("menuitem");
      await view.keyboard.press("Tab");
      await expect.poll(() => openEntries(view).count()).toBe(0);
      // Tab goes on from the picker, within the operation, not to the end of the page.
      expect((await focused(view)).section).toBe(`/operation/${operationId.toLowerCase()}`);

      await button.focus();
      await view.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focused(view)).role).toBe("menuitem");
      expect((await focused(view)).text).toBe(summaries[1]);
      await view.keyboard.press("Home");
      expect((await focused(view)).text).toBe(summaries[0]);
      await view.keyboard.press("End");
      expect((await focused(view)).text).toBe(summaries.at(-1));
      await view.keyboard.press("ArrowDown");
      expect((await focused(view)).text).toBe(summaries[0]);
      await view.keyboard.press("Enter");
      await expect.poll(() => button.innerText()).toContain(summaries[0]);
    }
  });

  it("reads types, the security scheme and callback addresses in words, and opens examples fully", async () => {
    const send = section("sendRcsMessage", view);
    await goTo(view, "sendRcsMessage");
    await renderAll(view);
    await goTo(view, "sendRcsMessage");
    for (const callback of Object.values(operation("sendRcsMessage").operation.callbacks) as Node[]) {
      const summary = resolve(Object.values(callback)[0] as Node).post.summary as string;
      const header = send.locator('[data-component-name="Panel/PanelHeader"]').filter({ hasText: summary }).first();
      await header.scrollIntoViewIfNeeded();
      if ((await header.getByRole("button").first().getAttribute("aria-expanded")) !== "true") await header.getByText(summary).click();
    }
    await expect.poll(() => send.innerText()).toContain("the request's callback_url");
    const text = await send.innerText();
    expect(text).toContain("Bearer token");
    expect(text).not.toContain("bearerAuth");
    expect(text).not.toMatch(/\{\$request/);
    await send.getByRole("tab", { name: "200", exact: true }).first().click();
    const status = send.locator('[id$="/t=response&c=200&path=data/status"]').first();
    await status.scrollIntoViewIfNeeded();
    await expect.poll(() => status.innerText()).toMatch(/string, \(one of the values below or a value added later\)/);
    const created = send.locator('[id$="/t=response&c=200&path=data/created_at"]').first();
    await created.scrollIntoViewIfNeeded();
    await expect.poll(() => created.innerText()).toContain("YYYY-MM-DD HH:MM:SS");
    expect(await created.innerText()).not.toMatch(/\^\[0-9\]/);
    expect(text).not.toMatch(/\(Known status|Integer \(integer\) or String|URL \(string\) or Empty/);

    const responses = send.locator(".panel-response-samples").first();
    await responses.getByRole("button", { name: "422", exact: true }).first().click();
    await responses.scrollIntoViewIfNeeded();
    const byField = resolve(resolve(operation("sendRcsMessage").operation.responses["422"]).content["application/json"].examples.errorsByField).value;
    const firstMessage = (Object.values(byField.errors)[0] as string[])[0];
    await expect.poll(() => responses.innerText()).toContain(firstMessage);
    expect(await responses.innerText()).not.toContain("…");
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical accessibility violation, all text at 4.5:1 or better (axe-core, ${colorScheme})`, async () => {
      const fresh = await openDocs(viewport, { colorScheme });
      await expect.poll(() => fresh.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(colorScheme === "dark");
      await renderAll(fresh);
      await fresh.addScriptTag({ content: axeSource });
      const violations = await fresh.evaluate(async () => {
        const axe = (window as Window & { axe?: any }).axe;
        // WCAG 2.1 AA lets large text read at 3:1; this page holds all its text to 4.5:1.
        const contrast = axe._audit.checks["color-contrast"].options;
        axe.configure({ checks: [{ id: "color-contrast", options: { ...contrast, contrastRatio: { normal: { expected: 4.5 }, large: { expected: 4.5 } } } }] });
        const { violations: found } = await axe.run(document, { resultTypes: ["violations"] });
        return found
          .filter((violation: any) => ["serious", "critical"].includes(violation.impact))
          .map((violation: any) => `${violation.id} (${violation.nodes.length}): ${violation.nodes[0].failureSummary.split("\n")[1]} ${violation.nodes[0].html.slice(0, 80)}`);
      });
      expect(violations).toEqual([]);
      await fresh.close();
    });
  }
});


describe("the API reference at 1440 px, searched by keyboard", () => {
  it("reaches the search box with the Tab key, and Enter opens the search", async () => {
    const fresh = await openDocs(desk);
    let stops = 0;
    while (!(await focused(fresh)).search && stops < 5) {
      await fresh.keyboard.press("Tab");
      stops++;
    }
    expect((await focused(fresh)).search).toBe(true);
    // The search box says "Loading..." until its index is built.
    await expect.poll(() => fresh.locator('[data-testid="search-trigger"]').first().innerText()).toMatch(/^Search/);
    await fresh.keyboard.press("Enter");
    await expect.poll(() => fresh.evaluate(() => document.activeElement?.tagName)).toBe("INPUT");
    await fresh.keyboard.type("campaign", { delay: 20 });
    const hit = fresh.locator('[data-component-name="Search/SearchItem"]').first();
    await hit.waitFor();
    expect(await hit.getAttribute("href")).toMatch(/^#\/(operation|section)\//);
    await fresh.keyboard.press("Escape");
    await fresh.close();
  });

});

describe("the API reference at 390 px, with the menu behind its button", () => {
  it("holds focus in the phone's open menu until Escape closes it", async () => {
    const fresh = await openDocs(phone);
    const button = fresh.locator('[data-testid="floating-button"]');
    await button.focus();
    await fresh.keyboard.press("Enter");
    await expect.poll(() => button.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(async () => (await focused(fresh)).inMenu).toBe(true);
    let searchReached = false;
    for (let stop = 0; stop < 30; stop++) {
      await fresh.keyboard.press("Tab");
      const now = await focused(fresh);
      expect(now.inMenu || now.menuButton || now.tag === "BODY", `stop ${stop}: ${now.tag} ${now.text.slice(0, 40)}`).toBe(true);
      searchReached ||= now.search;
    }
    expect(searchReached).toBe(true);
    await fresh.keyboard.press("Escape");
    await expect.poll(() => button.getAttribute("aria-expanded")).toBe("false");
    expect((await focused(fresh)).menuButton).toBe(true);
    await fresh.close();
  });

  it("keeps the phone's menu button clear of the text", async () => {
    const fresh = await openDocs(phone);
    const button = (await fresh.locator('[data-testid="floating-button"]').boundingBox())!;
    const textStarts = await fresh.evaluate(() => parseFloat(getComputedStyle(document.body).paddingTop));
    expect(button.y + button.height).toBeLessThanOrEqual(textStarts);
    for (const y of [0, 1000, 3000]) {
      await fresh.evaluate((top) => window.scrollTo(0, top), y);
      const atButton = await fresh.evaluate(({ x, y: top }) => {
        const element = document.elementFromPoint(x, top);
        return element?.closest('[data-testid="floating-button"]') !== null;
      }, { x: button.x + button.width / 2, y: button.y + button.height / 2 });
      expect(atButton, `scrolled to ${y}`).toBe(true);
    }
    await fresh.close();
  });

});

it("logged no console errors and made no request beyond the local server", () => {
  const local = (url: string) => url.startsWith(`${server.url}/`) || /^(data|blob|file):/.test(url);
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.filter((url) => !local(url))).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
