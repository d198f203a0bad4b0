// The code the docs show, as the tests read it: fenced blocks of a Markdown page, the README's,
// the framework recipes' page, and the code samples of the HTML docs (x-codeSamples of the
// spec as the docs render it, and any TypeScript in the guide, info.description).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { docsOperations, docsSpec } from "../../scripts/lib/docs-spec.mjs";
import { spec } from "./spec.js";

const root = new URL("../..", import.meta.url).pathname;

export interface CodeBlock {
  language: string;
  code: string;
  /** The line of the page its fence opens on. */
  line: number;
}

export interface CodeSample {
  /** `operationId` or `operationId.exampleKey` for a sample shown with one example, `guide1`, … for the guide's. */
  name: string;
  lang: string;
  source: string;
}

export const readmePath = "README.md";
export const recipesPath = "docs/receiving-callbacks-with-frameworks.md";

export function readPage(path: string): string {
  return readFileSync(join(root, path), "utf8");
}

/** The fenced code blocks of `markdown`, an indented fence's lines unindented. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const fence = /^([ \t]*)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const indent = match[1].length;
    const code = match[3]
      .split("\n")
      .map((line) => line.slice(indent))
      .join("\n");
    blocks.push({ language: match[2], code, line: markdown.slice(0, match.index).split("\n").length });
  }
  return blocks;
}

export const isTypeScript = (block: CodeBlock) => block.language === "ts" || block.language === "typescript";

/** The HTML docs' code samples: every operation's, then the guide's TypeScript. */
export function codeSamples(): CodeSample[] {
  const operationSamples = docsOperations(docsSpec(spec)).flatMap(({ operation }) =>
    (operation["x-codeSamples"] ?? []).map((sample: { lang: string; source: string; "x-example"?: string }) => ({
      name: sample["x-example"] ? `${operation.operationId}.${sample["x-example"]}` : operation.operationId,
      lang: sample.lang,
      source: sample.source,
    })),
  );
  const guideSamples = [...(spec.info.description as string).matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((match, index) => ({
    name: `guide${index + 1}`,
    lang: "TypeScript",
    source: match[1],
  }));
  return [...operationSamples, ...guideSamples];
}
