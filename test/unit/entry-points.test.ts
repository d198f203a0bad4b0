// The package's two code entries: `wwt-rcs` (src/index.ts) runs anywhere, so it must bundle
// for a browser and type-check with no Node.js built-in; `wwt-rcs/node` (src/node.ts) is the
// one place that may import `node:` modules. Each check is also run on src/node.ts, where it
// must fail, so that it is known to see what it looks for.
import { build, type BuildFailure, type Metafile } from "esbuild";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

/** Bundles `entry` as a browser app would (every import followed, platform browser). */
async function bundleForBrowser(entry: string): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

/** What TypeScript reports on `entry` and all it imports, with the build's options but no Node.js types. */
function typeErrorsWithoutNode(entry: string): string[] {
  const { config } = ts.readConfigFile(`${root}tsconfig.build.json`, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram([`${root}${entry}`], { ...options, types: [], noEmit: true });
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
}

describe("the main entry, wwt-rcs", () => {
  it("bundles for a browser, and nothing it imports is a node: module", async () => {
    const { code, metafile } = await bundleForBrowser("src/index.ts");
    const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.path));
    expect(imports.filter((path) => path.startsWith("node:"))).toEqual([]);
    expect(code).not.toMatch(/["']node:/);
    expect(code).toContain("createRcsCallbackHandler");
    expect(code).not.toContain("toNodeListener");
  });

  it("type-checks without Node.js's types", () => {
    expect(typeErrorsWithoutNode("src/index.ts")).toEqual([]);
  });
});

describe("the Node.js entry, wwt-rcs/node", () => {
  it("does not bundle for a browser: it imports Node.js built-ins", async () => {
    const failure = (await bundleForBrowser("src/node.ts").catch((error: unknown) => error)) as BuildFailure;
    expect(failure.errors?.map((error) => error.text)).toContainEqual(expect.stringContaining('"node:stream"'));
  });

  it("needs Node.js's types", () => {
    expect(typeErrorsWithoutNode("src/node.ts")).toContainEqual(expect.stringContaining("'node:stream'"));
  });
});
