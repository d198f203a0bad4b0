// Vitest global setup: the mock users run (startMock from `wwt-rcs/mock`: Prism behind the
// layer that answers in the platform's dialect), once for the whole run, on a free port. Its
// URL reaches tests through `inject("prismUrl")`; teardown stops it even when tests fail, so
// no process outlives the run. A rerun in watch mode starts from a mock that has forgotten
// every reference_id, as a fresh run does.
import type { TestProject } from "vitest/node";
import { startMock } from "../../src/mock/index.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMock();
  project.provide("prismUrl", mock.url);
  project.onTestsRerun(() => mock.reset());
  return () => mock.stop();
}
