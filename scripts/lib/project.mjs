// Small helpers every script shares: where the project root is, whether a script was run
// directly, the environment the third-party CLIs need here, and what `npm run generate` reads.
import { cpSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export function fromRoot(...parts) {
  return resolve(root, ...parts);
}

export function isMain(moduleUrl) {
  return process.argv[1] !== undefined && pathToFileURL(resolve(process.argv[1])).href === moduleUrl;
}

export function redoclyEnv() {
  return { ...process.env, REDOCLY_TELEMETRY: "off", SCARF_ANALYTICS: "false" };
}

/** Everything `npm run generate` reads: check:generated regenerates from a copy of it, and npm start compares dates with it. */
export const generateSources = ["openapi", "redocly", "scripts", "src/json-pointer.js", "redocly.yaml", "package.json"];

/** Copies what `npm run generate` needs into `dir` (node_modules is linked, not copied). */
export function copyGenerateSources(dir) {
  for (const source of generateSources) cpSync(fromRoot(source), join(dir, source), { recursive: true });
  symlinkSync(fromRoot("node_modules"), join(dir, "node_modules"), "dir");
}
