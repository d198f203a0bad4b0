// Every TypeScript block the docs show type-checks against the package, as a user's strict
// project would see it: the README's, the framework recipes' (against the frameworks' own
// types), and the HTML docs' code samples. One tsc run checks them all, as each run costs
// seconds of a busy machine: a control sample with a wrong field type proves that the run
// reports mistakes in a snippet instead of passing whatever it gets.
import { beforeAll, describe, expect, it } from "vitest";
import { codeBlocks, codeSamples, isTypeScript, readmePath, readPage, recipesPath } from "../support/docs-code.js";
import { typecheckSnippets, type Snippet } from "../support/typecheck-snippets.js";

const readme: Snippet[] = codeBlocks(readPage(readmePath))
  .filter(isTypeScript)
  .map((block) => ({ name: `README.md-line-${block.line}.ts`, code: block.code }));
const recipes: Snippet[] = codeBlocks(readPage(recipesPath))
  .filter(isTypeScript)
  .map((block) => ({ name: `recipes-line-${block.line}.ts`, code: block.code }));
const samples: Snippet[] = codeSamples()
  .filter((sample) => sample.lang === "TypeScript")
  .map((sample) => ({ name: `${sample.name}.ts`, code: sample.source }));

// A copy of a sendRcsMessage sample with one field of the wrong type.
const sendSample = samples.find((sample) => sample.name.startsWith("sendRcsMessage."));
const brokenControl: Snippet = { name: "brokenControl.ts", code: sendSample?.code.replace('sender: "Acme Shop"', "sender: 42") ?? "" };

const errorsByFile = new Map<string, string[]>();

beforeAll(() => {
  if (!sendSample || brokenControl.code === sendSample.code) throw new Error("no sendRcsMessage sample sets sender; update the control");
  const diagnostics = typecheckSnippets([...readme, ...recipes, ...samples, brokenControl]);
  for (const line of diagnostics.filter((text) => /error TS\d+/.test(text))) {
    const file = /([^/]+\.ts)\(/.exec(line)?.[1] ?? line;
    errorsByFile.set(file, [...(errorsByFile.get(file) ?? []), line]);
  }
}, 60_000);

it("the check reports a snippet with a wrong field type", () => {
  expect(errorsByFile.get(brokenControl.name)?.join("\n")).toMatch(/'number' is not assignable to type 'string'/);
});

describe.each([
  ["the README", readme, 6],
  ["the recipes for receiving callbacks", recipes, 4],
  ["the HTML docs' code samples", samples, 8],
] as const)("%s", (_, snippets, atLeast) => {
  it(`has at least ${atLeast} TypeScript blocks`, () => {
    expect(snippets.length).toBeGreaterThanOrEqual(atLeast);
  });

  it.each(snippets.map((snippet) => [snippet.name]))("%s type-checks against wwt-rcs", (name) => {
    expect(errorsByFile.get(name) ?? []).toEqual([]);
  });
});

it("no error shows up outside the snippets (in wwt-rcs itself, as the snippets reach it)", () => {
  const snippetFiles = new Set([...readme, ...recipes, ...samples, brokenControl].map((snippet) => snippet.name));
  expect([...errorsByFile].filter(([file]) => !snippetFiles.has(file)).flatMap(([, errors]) => errors)).toEqual([]);
});
