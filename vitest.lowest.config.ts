import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import base from "./vitest.config.js";

// npm run test:lowest (scripts/test-lowest-deps.mjs): the unit project of vitest.config.ts,
// with `openapi-fetch` resolved to the lowest version package.json admits, which the script
// installs outside the project and names in WWT_RCS_OPENAPI_FETCH_DIR. The setup file fails
// every test file whose import does not reach that copy. The type tests are left out: the
// script type-checks against that copy's types instead.
const lowest = process.env.WWT_RCS_OPENAPI_FETCH_DIR;
if (!lowest) throw new Error("vitest.lowest.config.ts is run by npm run test:lowest, which sets WWT_RCS_OPENAPI_FETCH_DIR");

const unit = base.test?.projects?.find(
  (project): project is TestProjectInlineConfiguration => typeof project === "object" && "test" in project && project.test?.name === "unit",
);
if (!unit) throw new Error("vitest.config.ts has no project named unit");

export default defineConfig({
  ...base,
  resolve: { alias: { "openapi-fetch": lowest } },
  test: {
    ...base.test,
    projects: [{ ...unit, test: { ...unit.test, typecheck: { enabled: false }, setupFiles: ["test/support/lowest-deps-setup.ts"] } }],
  },
});
