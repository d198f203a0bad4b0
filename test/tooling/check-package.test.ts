// What `npm run check:package` adds to publint and attw: package.json as `npm pkg fix` would
// leave it, and `npm publish --dry-run` without a warning and with the documents a user opens.
// Each check is shown to catch what it looks for in a scratch package, and to pass here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fieldsNpmWouldFix, publishDryRun, requiredFiles } from "../../scripts/check-package.mjs";

let scratch: string;

beforeAll(() => {
  // Named after this package, so that the dry run asks the registry about no other name.
  scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-check-package-"));
  const manifest = { name: "wwt-rcs", version: "0.0.1", type: "module", bin: { "wwt-rcs-mock": "./bin.js" }, files: ["bin.js"] };
  writeFileSync(join(scratch, "package.json"), JSON.stringify(manifest, null, 2));
  writeFileSync(join(scratch, "bin.js"), "#!/usr/bin/env node\nconsole.log('mock');\n");
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("npm run check:package", () => {
  it("finds the bin path that npm pkg fix would rewrite, and leaves the file it checks untouched", () => {
    const before = readFileSync(join(scratch, "package.json"), "utf8");
    expect(fieldsNpmWouldFix(scratch)).toEqual([{ field: "bin", before: { "wwt-rcs-mock": "./bin.js" }, after: { "wwt-rcs-mock": "bin.js" } }]);
    expect(readFileSync(join(scratch, "package.json"), "utf8")).toBe(before);
  });

  it("hears npm publish --dry-run warn about that path, and sees the documents missing from the tarball", () => {
    const { warnings, files } = publishDryRun(scratch);
    expect(warnings.join("\n")).toContain("npm auto-corrected some errors in your package.json when publishing");
    expect(requiredFiles.filter((file) => !files.includes(file))).toEqual(["LICENSE", "CHANGELOG.md", "SECURITY.md", "README.md", "docs/receiving-callbacks-with-frameworks.md"]);
  });

  it("finds nothing for npm pkg fix to change in this package.json", () => {
    expect(fieldsNpmWouldFix()).toEqual([]);
  });
});
