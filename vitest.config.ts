import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm test` runs three projects side by side, each a folder of test/; `npm run test:watch`
// runs the unit one. test/e2e (a browser) and test/runtimes (other runtimes) have configs of
// their own.
// - unit: the library on its own (fake fetch, local node:http servers) and the spec's rules,
//   plus the type tests. Each file in a process of its own, so that memory and stack depth
//   are a file's own.
// - contract: the spec, the client and a real Prism mock (one for the whole run, started by
//   the global setup) must agree.
// - tooling: the project's commands as users run them (lint, pack, diff, start, mock, bench,
//   the README), from a dist/ the global setup builds first when it is stale. Mostly waiting on
//   child processes, so more files run at once than cores.
export default defineConfig({
  test: {
    // A hang guard only: no test's outcome may depend on how fast this machine is.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    maxWorkers: 3,
    projects: [
      {
        extends: true,
        // The recipes in test/frameworks import the package by name, as users do: here its source.
        resolve: {
          alias: [
            { find: /^wwt-rcs$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
            { find: /^wwt-rcs\/node$/, replacement: fileURLToPath(new URL("./src/node.ts", import.meta.url)) },
          ],
        },
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          // Only the type tests and what they import: the whole project is `npm run typecheck`'s.
          typecheck: { enabled: true, include: ["test/unit/**/*.test-d.ts"], tsconfig: "./test/unit/types.tsconfig.json" },
        },
      },
      {
        extends: true,
        test: { name: "contract", include: ["test/contract/**/*.test.ts"], globalSetup: ["test/support/prism-setup.ts"] },
      },
      {
        extends: true,
        test: { name: "tooling", include: ["test/tooling/**/*.test.ts"], globalSetup: ["test/support/build-setup.ts"] },
      },
    ],
  },
});
