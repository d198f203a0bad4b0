// `npm run build` (and `npm pack`, through prepack): compiles src/ into dist/ with
// tsconfig.build.json, unless dist/ was built from the sources as they are (judged by their
// content, see scripts/lib/build.mjs). `--force` builds anyway. It reports on stderr: npm pack
// runs it (prepack) with stdout shared with its own report, which `npm pack --json` writes
// there for tools to read.
import { parseArgs } from "node:util";
import { build, buildStaleReason } from "./lib/build.mjs";

const { values } = parseArgs({ options: { force: { type: "boolean" } } });
const reason = values.force ? "--force" : buildStaleReason();
if (!reason) {
  console.error("build: dist/ is up to date");
} else {
  console.error(`build: ${reason}; compiling src/`);
  try {
    console.error(`build: wrote ${build()} files to dist/`);
  } catch {
    console.error("build: tsc failed (its errors are above)");
    process.exit(1);
  }
}
