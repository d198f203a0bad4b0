// Vitest global setup: the mock users run (startMock from `wwt-rcs/mock`: Prism behind the
// layer that answers in the platform's dialect), once for the whole run, on a free port. Its
// URL reaches tests through `inject("prismUrl")`; teardown stops it even when tests fail, so
// no process outlives the run. A rerun in watch mode starts from a mock that has forgotten
// every reference_id, as a fresh run does. It resolves no host name but localhost (see
// local-resolver.ts): the spec examples' callback URLs get no callback, nor a DNS query.
import type { TestProject } from "vitest/node";
import { startMockWith } from "../../src/mock/start.js";
import { localResolver } from "./local-resolver.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMockWith({}, { resolve: localResolver() });
  project.provide("prismUrl", mock.url);
  project.onTestsRerun(() => mock.reset());
  return () => mock.stop();
}
