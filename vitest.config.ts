import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `npm test` runs three projects side by side, each a folder of test/; `npm run test:watch`
// runs the unit one. test/e2e (a browser) and test/runtimes (other runtimes) have configs of
// their own.
// - unit: the library on its own (fake fetch, local node:http servers) and the spec's rules,
//   plus the type tests. Its many short files share their worker processes (isolate: false):
//   starting a process and loading the client for each file cost a third of the project's
//   time. So each file leaves the process as it found it: globals it stubs are unstubbed after
//   each test, fake timers made real, listeners it adds to `process` taken off.
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
          isolate: false,
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
