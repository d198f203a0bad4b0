// Small helpers every script shares: where the project root is, whether a script was run
// directly, and the environment the third-party CLIs need here.
import { resolve } from "node:path";
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
