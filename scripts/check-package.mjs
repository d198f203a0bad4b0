// Checks the package as npm would publish it: publint for package.json and file layout,
// and Are The Types Wrong for what TypeScript resolves. Both pack the package themselves.
// The package is ESM-only (hence the esm-only profile), and openapi.yaml is a data file
// exported for users' tools, not a module whose types could be checked.
import { execFileSync } from "node:child_process";
import { fromRoot } from "./lib/project.mjs";

const run = (tool, args) => execFileSync(fromRoot("node_modules/.bin", tool), args, { cwd: fromRoot(), stdio: "inherit" });

run("publint", ["--strict"]);
run("attw", ["--pack", ".", "--profile", "esm-only", "--exclude-entrypoints", "./openapi.yaml", "./arazzo.yaml"]);
console.log("check:package: publint and attw found no problems");
