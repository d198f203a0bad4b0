// Type-checks code snippets (README blocks, the spec's x-codeSamples) the way a user's
// project would see them: `wwt-rcs` and `wwt-rcs/node` resolve to this package's source, the
// web frameworks of the README's recipes to those of test/frameworks, strict mode on.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;

export interface Snippet {
  /** A file name that says where the snippet came from, e.g. `README.md-line-120.ts`. */
  name: string;
  code: string;
}

/** Returns tsc's diagnostics for the snippets, one line each; empty when all compile. */
export function typecheckSnippets(snippets: Snippet[]): string[] {
  // In test/frameworks, so that its node_modules (the frameworks of the README's recipes,
  // after npm ci --prefix test/frameworks) and then the package's own resolve as for our code.
  // The package's entries are mapped one by one, as it is not the package a snippet is in.
  const dir = mkdtempSync(join(root, "test/frameworks/.snippets-"));
  try {
    for (const { name, code } of snippets) writeFileSync(join(dir, name), code);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.json",
        compilerOptions: {
          paths: { "wwt-rcs": ["../../../src/index.ts"], "wwt-rcs/node": ["../../../src/node.ts"], "wwt-rcs/mock": ["../../../src/mock/index.ts"] },
          noUnusedLocals: false,
        },
        include: ["*.ts"],
      }),
    );
    const run = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir, "--pretty", "false"], {
      encoding: "utf8",
    });
    return run.status === 0 ? [] : run.stdout.split("\n").filter((line) => line.trim() !== "");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
