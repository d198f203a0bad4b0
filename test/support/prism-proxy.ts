// Prism as a validating proxy, a mode only the tests use (platform-corpus.test.ts): in front of
// `upstream` instead of mocking it, it passes each answer on and reports one that breaks the
// bundled spec in its `sl-violations` header. The process is run as the mock runs its own.
import { runPrism, type PrismProcess } from "../../src/mock/prism.js";

const specFile = new URL("../../generated/openapi.yaml", import.meta.url).pathname;

export function startPrismProxy(upstream: string): Promise<PrismProcess> {
  return runPrism(["proxy", specFile, upstream], { onLog: () => {} });
}
