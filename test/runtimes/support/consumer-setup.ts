// Global setup of `npm run test:runtimes`: packs the package once and installs the tarball,
// beside the app of test/runtimes/consumer/, into a fresh consumer project, which every test
// file then runs from.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The consumer project: the packed package installed, the app beside it. */
    consumerDir: string;
  }
}

const root = new URL("../../..", import.meta.url).pathname;
const consumerSources = new URL("../consumer/", import.meta.url).pathname;

export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-runtimes-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  const tarball = readdirSync(dir).find((file) => file.endsWith(".tgz"))!;
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "runtimes-consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", `./${tarball}`], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const file of readdirSync(consumerSources)) copyFileSync(join(consumerSources, file), join(dir, file));
  console.log(`test:runtimes: packed ${tarball} and installed it into ${dir}`);
  project.provide("consumerDir", dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
