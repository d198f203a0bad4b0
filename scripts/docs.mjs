// Builds the HTML reference, generated/docs/index.html, from the bundled spec with Redocly's
// Redoc, as adapted for reading by scripts/lib/docs-spec.mjs. The page is one self-contained
// file: the Redoc bundle is inlined, telemetry is off and nothing is fetched from elsewhere, so
// it works offline and from any static server (test/e2e/docs.test.ts checks this in Chromium).
// redocly/docs-template.hbs is the page around Redoc (the theme's colours, the phone's menu
// bar, the skip link), and redocly/docs-keyboard.js, put in it here, what the keyboard can do.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { docsSpec } from "./lib/docs-spec.mjs";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";

// Redoc's sidebar credits Redocly with a logo it loads from this CDN, and no option turns
// that off. The credit stays, as a wordmark drawn inline instead of a request.
const remoteLogos = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 60),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 12),
};

// Edits of Redoc's inlined code, for what no option of Redoc 3 (Community Edition, as
// @redocly/cli 2.77 bundles it) does. Each must match exactly once; a Redoc that no longer
// matches fails the build here.
//
// Redoc shows the first x-codeSample of a language whatever request example the reader picks,
// and has no option to tie a sample to an example. The first two edits do: a sample keeps its
// `x-example` key, and the sample shown is the one whose key is the picked example's (else the
// language's first).
const redocEdits = [
  {
    find: "e[`x-codeSamples`]?.map(({lang:e,label:t,source:n})=>({lang:e,label:t,source:n}))",
    replace: "e[`x-codeSamples`]?.map(({lang:e,label:t,source:n,\"x-example\":x})=>({lang:e,label:t,source:n,example:x}))",
  },
  {
    find: "let e=O?.find(e=>Dj(e)===ee);return e?e.source:`// ${n(`unsupportedLanguage`,`Language is not supported.`)}`},[ee,O,n])",
    replace: "let e=O?.find(e=>Dj(e)===ee&&e.example===ne)??O?.find(e=>Dj(e)===ee);return e?e.source:`// ${n(`unsupportedLanguage`,`Language is not supported.`)}`},[ee,O,n,ne])",
  },
  // The address of an untagged operation is `#/other/<operationId in lower case>`, and no
  // option names that first part. This edit makes it `#/operation/<operationId>`, which says
  // what it points to (docs-spec.mjs's operationAddress builds the same address).
  {
    find: "Ch(`other`,gh(e.operationId))",
    replace: "Ch(`operation`,gh(e.operationId))",
  },
  // A picker's button (the request example, a response example, the form of a field) is
  // named "Example" while it shows the picked entry's name: a screen reader and a voice
  // command then disagree with what is on screen (WCAG 2.5.3). Named "Example: <entry>", it
  // says both.
  {
    find: "type:`button`,\"aria-label\":r,children:(0,V.jsx)(cI,{children:i?.labelNode??i?.label})",
    replace: "type:`button`,\"aria-label\":r&&i?.label?`${r}: ${i.label}`:r,children:(0,V.jsx)(cI,{children:i?.labelNode??i?.label})",
  },
];

// Redoc shows a sample tab only for a language listed here, in this order: our curl and
// TypeScript samples (x-codeSamples), then the JSON of the chosen example.
const redocOptions = {
  codeSamples: { languages: [{ lang: "curl" }, { lang: "TypeScript" }, { lang: "Payload" }] },
  sortRequiredPropsFirst: true,
  // A field's type reads "string", not "string (RcsSender)": schema names are for code, and
  // the branches of a oneOf or anyOf carry titles a reader understands.
  hideSchemaTitles: true,
  // Examples open whole: a 422's list of messages per field shows its messages, not "[ … ]".
  jsonSamplesExpandLevel: "all",
};

// build-docs renders the page ahead of time, with menu links such as `href="/section/…"`
// that work only once Redoc's router handles a click. The router in the page works on the
// address's fragment (`#/section/…`), and React keeps the server's attributes when it takes
// over the markup, so opening such a link in a new tab, or from a file, misses. With the
// server's markup left out, Redoc renders the page in the browser (its own code path for an
// empty container), and every link is the address it opens: `#/operation/sendrcsmessage`.
const serverMarkup = /(<div id="redoc">)[\s\S]*?(<\/div>\s*<script type="module">)/;

export function buildDocs() {
  const spec = docsSpec(JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8")));
  const output = fromRoot("generated/docs/index.html");
  mkdirSync(fromRoot("generated/docs"), { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-docs-"));
  try {
    const input = join(scratch, "openapi.json");
    writeFileSync(input, JSON.stringify(spec));
    execFileSync(
      fromRoot("node_modules/.bin/redocly"),
      [
        "build-docs",
        input,
        "--output", output,
        "--title", `${spec.info.title} reference`,
        "--template", "redocly/docs-template.hbs",
        "--templateOptions.keyboardScript", readFileSync(fromRoot("redocly/docs-keyboard.js"), "utf8"),
        "--inlineBundle",
        "--openapi", JSON.stringify(redocOptions),
      ],
      { cwd: fromRoot(), env: redoclyEnv(), stdio: ["ignore", "ignore", "pipe"] },
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  let html = readFileSync(output, "utf8");
  if (html.split('<div id="redoc">').length !== 2 || !serverMarkup.test(html)) {
    throw new Error("docs: Redoc's page no longer has one <div id=\"redoc\"> followed by its script; menu links may not open by their address");
  }
  html = html.replace(serverMarkup, "$1$2");
  for (const [url, replacement] of Object.entries(remoteLogos)) {
    if (!html.includes(url)) throw new Error(`docs: Redoc no longer loads ${url}; check the page for other remote requests`);
    html = html.replaceAll(url, replacement);
  }
  for (const { find, replace } of redocEdits) {
    const found = html.split(find).length - 1;
    if (found !== 1) throw new Error(`docs: Redoc's code changed (found ${found} times: ${find}); see redocEdits in scripts/docs.mjs for what this edit was for`);
    html = html.replace(find, () => replace);
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
