// Vitest global setup: one real Prism mock of the bundled spec for the whole run, on a free
// port. Its URL reaches tests through `inject("prismUrl")`; teardown stops it even when
// tests fail, so no process outlives the run.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { fromRoot } from "../../scripts/lib/project.mjs";
import { freePort, startPrism } from "../../scripts/lib/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Prism reloads when its spec file changes; a private copy keeps the mock up even if
  // someone runs `npm run generate` during the tests.
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-prism-"));
  const spec = join(dir, "openapi.yaml");
  copyFileSync(fromRoot("generated/openapi.yaml"), spec);
  const prism = await startPrism({ port: await freePort(), spec });
  project.provide("prismUrl", prism.url);
  return async () => {
    await prism.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
