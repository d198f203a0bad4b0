import { defineConfig } from "vitest/config";

// npm run test:runtimes: the packed package on every runtime the README names (see
// test/runtimes/support/versions.ts). The runtimes come from the npm registry into a cache
// on first use, so a cold run waits for downloads; two files run at a time.
export default defineConfig({
  test: {
    include: ["test/runtimes/**/*.test.ts"],
    globalSetup: ["test/runtimes/support/consumer-setup.ts"],
    reporters: ["verbose"],
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
