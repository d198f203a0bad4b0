// Fills the runtime cache with every runtime `npm run test:runtimes` tries (Node.js versions,
// Bun, Deno, workerd, Vercel's edge runtime), so that a CI run can download them while it
// lints and tests, instead of when the runtime tests start. The tests install whatever is
// still missing themselves; running this is never required.
import { installFromNpm } from "./lib/runtime-cache.mjs";
import { runtimePackages } from "./lib/runtime-versions.mjs";

for (const [name, version] of runtimePackages()) {
  installFromNpm(name, version);
  console.log(`fetch-runtimes: ${name}@${version} is in the cache`);
}
