// What the API reference shows is written for the people who call the API: every string a
// reader sees on the page, read from the spec as the docs build renders it
// (scripts/lib/docs-spec.mjs), holds no note written for the project's maintainers.
import { describe, expect, it } from "vitest";
import { docsOperations, docsSpec } from "../../scripts/lib/docs-spec.mjs";
import { operations, spec } from "../support/spec.js";

type Node = { [key: string]: any };

interface Shown {
  where: string;
  text: string;
}

const docs: Node = docsSpec(spec);

/**
 * Every string the page shows: the guide, summaries, descriptions and titles, the names of
 * security schemes and callback addresses, example summaries, and the comments of code
 * samples. Example values are the reader's own data and are left out, and so are the titles
 * of named schemas, which the page hides (hideSchemaTitles in scripts/docs.mjs).
 */
function shownStrings(node: unknown, where = "", key = ""): Shown[] {
  if (typeof node === "string") return ["description", "summary", "title"].includes(key) ? [{ where, text: node }] : [];
  if (Array.isArray(node)) return node.flatMap((item, index) => shownStrings(item, `${where}/${index}`, key));
  if (node === null || typeof node !== "object") return [];
  if (["value", "example", "examples", "default", "enum", "const"].includes(key) && !isExampleMap(node, key)) return [];
  const shown: Shown[] = [];
  for (const [name, child] of Object.entries(node as Node)) {
    const path = `${where}/${name}`;
    if (name === "x-codeSamples") shown.push(...(child as Node[]).flatMap((sample, index) => sampleComments(sample.source, `${path}/${index}`)));
    else if (name === "title" && /^\/components\/schemas\/[^/]+$/.test(where)) continue;
    else shown.push(...shownStrings(child, path, name));
  }
  if (/\/components\/securitySchemes$/.test(where)) shown.push(...Object.keys(node).map((name) => ({ where, text: name })));
  if (/\/callbacks\/[^/]+$/.test(where)) shown.push(...Object.keys(node).map((address) => ({ where, text: address })));
  return shown;
}

/** A map of named examples (summary, description, value) rather than example data. */
function isExampleMap(node: object, key: string): boolean {
  return key === "examples" && !Array.isArray(node) && Object.values(node).every((example) => example && typeof example === "object" && ("value" in example || "$ref" in example));
}

/** The comment lines of a code sample; the rest is code and example data. */
function sampleComments(source: string, where: string): Shown[] {
  return source.split("\n").filter((line) => /^\s*(\/\/|#)/.test(line)).map((text) => ({ where, text }));
}

const shown = shownStrings(docs);
const schemaNames = Object.keys(spec.components.schemas);

// One row per kind of maintainers' note the page once showed, or that a change could bring
// back: what it looks like, and why a reader should not meet it.
const rules: Array<{ note: string; pattern: RegExp }> = [
  { note: "the project speaking of itself (we, our, us)", pattern: /\b([Ww]e|[Oo]urs?|us)\b/ },
  { note: "a guess stated as the project's assumption", pattern: /\bassum(e|ed|es|ing|ption)\b/i },
  { note: "how lenient the project's code is", pattern: /\btoleran(t|ce)\b|\btolerated\b/i },
  { note: "a reason that serves the mock or the tests", pattern: /\bso that (the|a) (mock|tests?|client)\b|\bthe mock never\b/i },
  { note: "where a rule was found (a source, not a fact)", pattern: /\b(has|have) been seen\b|\bthe platform's own examples?\b|\bmachine-readable description\b|\bdeclares?\b/i },
  { note: "the spec speaking of itself", pattern: /\bthis description\b|\bthe spec\b|\bthe pattern\b|\bregular expression\b/i },
  { note: "a schema name the page hides", pattern: new RegExp(`\\b(${schemaNames.join("|")})\\b`) },
  { note: "a file of the repository", pattern: /\b(scripts|src|test|mock|generated|openapi)\/[\w./-]+|\.mjs\b/ },
  { note: "an unfinished note", pattern: /\b(TODO|FIXME|XXX)\b/ },
  { note: "a runtime expression instead of words", pattern: /\{\$(request|response)\b/ },
  { note: "an identifier instead of a name", pattern: /\bbearerAuth\b/ },
];

describe("text a reader sees in the API reference", () => {
  it("covers the guide and every operation's summary, description and answers", () => {
    const texts = shown.map(({ text }) => text);
    expect(texts).toContain(docs.info.description);
    for (const { operation } of docsOperations(docs)) {
      expect(texts, operation.operationId).toContain(operation.summary);
      for (const response of Object.values(operation.responses) as Node[]) {
        if (response.description) expect(texts, operation.operationId).toContain(response.description);
      }
    }
    expect(shown.length).toBeGreaterThan(operations().length * 10);
  });

  it.each(rules.map((rule) => [rule.note, rule] as const))("holds no %s", (_note, { pattern }) => {
    const found = shown.filter(({ text }) => pattern.test(text)).map(({ where, text }) => `${where}: ${text.match(pattern)![0]} in “${text.slice(0, 120)}”`);
    expect(found).toEqual([]);
  });
});
