// Run before each test file under npm run test:lowest: an import of `openapi-fetch` must reach
// the copy the script installed, at the version it asked for, not the one in node_modules.
// The package's own package.json comes through the same alias as its code.
import installed from "openapi-fetch/package.json" with { type: "json" };

const wanted = process.env.WWT_RCS_OPENAPI_FETCH_VERSION;
if (installed.version !== wanted) {
  throw new Error(`test:lowest: "openapi-fetch" resolves to version ${installed.version}, not ${wanted}: the alias of vitest.lowest.config.ts did not apply`);
}
