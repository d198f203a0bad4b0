// Vitest global setup: one real Prism mock of the bundled spec for the whole run, on a free
// port. Its URL reaches tests through `inject("prismUrl")`; teardown stops it even when
// tests fail, so no process outlives the run.
import type { TestProject } from "vitest/node";
import { freePort, startPrism } from "../../scripts/lib/prism.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const prism = await startPrism({ port: await freePort() });
  project.provide("prismUrl", prism.url);
  return prism.stop;
}
