// ESLint over the project's own code: the client and the mock (src/), the scripts, the tests
// and the configs, with typescript-eslint's recommended rules on top of ESLint's. What is
// derived (generated/, dist/), installed, or a sample shown in the docs (openapi/, type-checked
// by its own test) is left out.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["generated/", "dist/", "artifacts/", "coverage/", "openapi/", "**/node_modules/", "test/frameworks/.snippets-*/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // An argument or binding named with a leading underscore, or left out of a rest, is unused on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // Header values, log lines and URLs are checked for control characters on purpose.
      "no-control-regex": "off",
      // A `let` that a closure reads before it is first assigned cannot be a const.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ["test/**"],
    rules: {
      // Tests walk the spec as parsed JSON, typed `any` where it helps; a fixture is typed with
      // `satisfies`, never forced with `as any`.
      "@typescript-eslint/no-explicit-any": "off",
      "no-restricted-syntax": ["error", { selector: "TSAsExpression > TSAnyKeyword", message: "Type the fixture (satisfies) instead of casting it to any." }],
    },
  },
  {
    // A CommonJS consumer, on purpose.
    files: ["test/runtimes/consumer/*.cts"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
