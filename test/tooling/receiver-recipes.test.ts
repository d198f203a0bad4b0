// The framework recipes the docs give for receiving callbacks are the ones the unit tests run:
// each file of test/frameworks stands whole in a TypeScript block of the recipes' page, which
// has no other (docs-typescript.test.ts type-checks them against the frameworks' own types).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { codeBlocks, isTypeScript, readPage, recipesPath } from "../support/docs-code.js";

const root = new URL("../..", import.meta.url).pathname;

const recipes = readdirSync(join(root, "test/frameworks"))
  .filter((name) => name.endsWith(".ts"))
  .map((name) => ({ name, code: readFileSync(join(root, "test/frameworks", name), "utf8") }));
const blocks = codeBlocks(readPage(recipesPath))
  .filter(isTypeScript)
  .map((block) => block.code);

describe(`the recipes for receiving callbacks, in ${recipesPath}`, () => {
  it("are one for each framework the unit tests run", () => {
    expect(recipes.map((recipe) => recipe.name).sort()).toEqual(["express.ts", "fastify.ts", "hono.ts", "koa.ts"]);
  });

  it.each(recipes)("include $name whole, as a TypeScript block", ({ code }) => {
    expect(blocks).toContain(code);
  });

  it("are the page's only TypeScript blocks", () => {
    expect(blocks).toHaveLength(recipes.length);
  });
});
