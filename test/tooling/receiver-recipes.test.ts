// The framework recipes the docs give for receiving callbacks are the ones the unit tests run:
// each file of test/frameworks stands whole in a TypeScript block of the recipes' page, and
// the blocks type-check against the package and the frameworks' own types.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { typecheckSnippets } from "../support/typecheck-snippets.js";

const root = new URL("../..", import.meta.url).pathname;
const docName = "docs/receiving-callbacks-with-frameworks.md";
const doc = readFileSync(join(root, docName), "utf8");

const recipes = readdirSync(join(root, "test/frameworks"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name, code: readFileSync(join(root, "test/frameworks", name), "utf8") }));
const blocks = [...doc.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);

describe(`the recipes for receiving callbacks, in ${docName}`, () => {
  it("are one for each framework the unit tests run", () => {
    expect(recipes.map((recipe) => recipe.name).sort()).toEqual(["express.ts", "fastify.ts", "hono.ts", "koa.ts"]);
  });

  it.each(recipes)("include $name whole, as a TypeScript block", ({ code }) => {
    expect(blocks).toContain(code);
  });

  it("have TypeScript blocks that type-check, the recipes against the frameworks' own types", () => {
    expect(blocks).toHaveLength(recipes.length);
    const snippets = blocks.map((code, index) => ({ name: `receiver-${index + 1}.ts`, code }));
    expect(typecheckSnippets(snippets)).toEqual([]);
  });
});
