// The packed package in Vercel's edge runtime (`@edge-runtime/vm`): the app, bundled with
// the `edge-light` condition as Vercel does, registered as a fetch-event handler inside an
// EdgeVM, which dispatches each request to it. Its fetch reaches the fake API over loopback.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { inject } from "vitest";
import { installFromNpm } from "../../scripts/lib/runtime-cache.mjs";
import { bundleApp } from "./support/bundle.js";
import { appAnswer, describeRuntime } from "./support/runtime-app.js";
import { tested } from "./support/versions.js";

/** The part of @edge-runtime/vm used here; it comes from the runtime cache, without types. */
interface EdgeVmModule {
  EdgeVM: new () => { evaluate(code: string): unknown; dispatchFetch(url: string, init?: RequestInit): Promise<Response> };
}

describeRuntime(`@edge-runtime/vm ${tested.edgeRuntimeVm}, a fetch event handler`, "EdgeRuntime edge-runtime", async () => {
  const installed = installFromNpm("@edge-runtime/vm", tested.edgeRuntimeVm);
  const { EdgeVM } = createRequire(join(installed, "package.json"))(installed) as EdgeVmModule;
  const vm = new EdgeVM();
  const bundle = await bundleApp(inject("consumerDir"), "edge.mjs", { format: "iife", conditions: ["edge-light", "worker"] });
  vm.evaluate(readFileSync(bundle, "utf8"));
  return {
    call: async (path, request) => appAnswer(await vm.dispatchFetch(new URL(path, "http://edge.localhost").href, request)),
    stop: async () => {},
  };
});
