import { defineConfig } from "vitest/config";

// The browser tests: a real Chromium against the built docs. No Prism here: the docs page
// needs only a static file server, which each test starts itself.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
