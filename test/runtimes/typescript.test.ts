// TypeScript users of the packed package: a consumer file (consumer/typed.ts) type-checked
// against the installed package under each moduleResolution with its matching module, and,
// under nodenext, a CommonJS file that requires the package (consumer/typed-require.cts).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";

const typescript = new URL("../../node_modules/typescript/", import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(typescript, "package.json"), "utf8"));
const consumerDir = inject("consumerDir");

const settings = [
  { moduleResolution: "nodenext", module: "nodenext", files: ["typed.ts", "typed-require.cts"] },
  { moduleResolution: "node16", module: "node16", files: ["typed.ts"] },
  { moduleResolution: "bundler", module: "esnext", files: ["typed.ts"] },
];

describe(`TypeScript ${version} consumers`, () => {
  for (const { files, ...resolution } of settings) {
    it(`type-check ${files.join(" and ")} under moduleResolution ${resolution.moduleResolution}, module ${resolution.module}`, async () => {
      const tsconfig = join(consumerDir, `tsconfig.${resolution.moduleResolution}.json`);
      // The package's declarations are checked; the standard library's (DOM's is large) are not.
      const compilerOptions = { ...resolution, target: "ES2022", lib: ["ES2022", "DOM"], types: [], strict: true, noEmit: true, skipDefaultLibCheck: true };
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files }));
      const checked = await promisify(execFile)(join(typescript, "bin", "tsc"), ["-p", tsconfig], { cwd: consumerDir }).catch((error) => error);
      expect(checked.stdout, "tsc found errors").toBe("");
    });
  }
});
