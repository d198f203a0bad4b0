// Builds the HTML reference, generated/docs/index.html, from the bundled spec with Redocly's
// Redoc. The page is one self-contained file: the Redoc bundle is inlined, telemetry is off
// and nothing is fetched from elsewhere, so it works offline and from any static server
// (test/e2e/docs.test.ts checks this in Chromium).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";

// Redoc's sidebar credits Redocly with a logo it loads from this CDN, and no option turns
// that off. The credit stays, as a wordmark drawn inline instead of a request.
const remoteLogos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 60),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 12),
};

// Redoc shows a sample tab only for a language listed here, in this order: our curl and
// TypeScript samples (x-codeSamples), then the JSON of the chosen example.
const redocOptions = {
  codeSamples: { languages: [{ lang: "curl" }, { lang: "TypeScript" }, { lang: "Payload" }] },
  sortRequiredPropsFirst: true,
};

export function buildDocs() {
  const spec = JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8"));
  const output = fromRoot("generated/docs/index.html");
  mkdirSync(fromRoot("generated/docs"), { recursive: true });
  execFileSync(
    fromRoot("node_modules/.bin/redocly"),
    [
      "build-docs",
      "generated/openapi.yaml",
      "--output", output,
      "--title", `${spec.info.title} reference`,
      "--template", "redocly/docs-template.hbs",
      "--inlineBundle",
      "--openapi", JSON.stringify(redocOptions),
    ],
    { cwd: fromRoot(), env: redoclyEnv(), stdio: ["ignore", "ignore", "pipe"] },
  );

  let html = readFileSync(output, "utf8");
  for (const [url, replacement] of Object.entries(remoteLogos)) {
    if (!html.includes(url)) throw new Error(`docs: Redoc no longer loads ${url}; check the page for other remote requests`);
    html = html.replaceAll(url, replacement);
  }
  if (!html.includes('"disableTelemetry":true')) throw new Error("docs: Redoc telemetry is not disabled in the page");
  writeFileSync(output, html);
  console.log(`docs: wrote generated/docs/index.html (${Math.round(Buffer.byteLength(html) / 1024)} KiB, self-contained)`);
}

function wordmark(text, width) {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
    `<text x="0" y="12.5" font-family="sans-serif" font-size="13" font-weight="600" fill="#1a1c21">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

if (isMain(import.meta.url)) buildDocs();
