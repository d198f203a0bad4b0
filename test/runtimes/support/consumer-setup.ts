// Global setup of `npm run test:runtimes`: packs the package once and installs the tarball,
// with the Prism version the mock is tested with (its optional peer dependency, as the README
// installs it), beside the app of test/runtimes/consumer/, into a fresh consumer project,
// which every test file then runs from.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The consumer project: the packed package installed, the app beside it. */
    consumerDir: string;
    /** The paths of the files in the tarball, sorted, as npm pack listed them. */
    packedFiles: string[];
  }
}

const root = new URL("../../..", import.meta.url).pathname;
const consumerSources = new URL("../consumer/", import.meta.url).pathname;

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-runtimes-"));
  // Its JSON report lists the files it put in the tarball.
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const [{ filename: tarball, files }] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "runtimes-consumer", private: true, type: "module" }));
  const prism = `@stoplight/prism-cli@${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies["@stoplight/prism-cli"]}`;
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `./${tarball}`, prism], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, SCARF_ANALYTICS: "false" },
  });
  for (const file of readdirSync(consumerSources)) copyFileSync(join(consumerSources, file), join(dir, file));
  console.log(`test:runtimes: packed ${tarball} and installed it into ${dir}`);
  project.provide("consumerDir", dir);
  project.provide("packedFiles", files.map((file) => file.path).sort());
  return () => rmSync(dir, { recursive: true, force: true });
}
