// `npm run test:lowest`: the unit tests against the lowest openapi-fetch that package.json's
// range admits, so that the range's floor is tested as well as the locked version. That
// version is installed from the npm registry into the cache outside the project that the
// runtime tests use (scripts/lib/runtime-cache.mjs); package.json, the lockfile and
// node_modules stay as they are. Then, against that copy:
// - src/ and test/unit type-check with its types (a tsconfig that maps the import there);
// - the unit project runs with its code (vitest.lowest.config.ts, an alias).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import semver from "semver";
import ts from "typescript";
import { fromRoot, isMain } from "./lib/project.mjs";
import { installFromNpm } from "./lib/runtime-cache.mjs";

const dependency = "openapi-fetch";

/** The lowest version of `dependency` that package.json's range admits. */
export function lowestAdmitted() {
  const range = JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).dependencies[dependency];
  const lowest = semver.minVersion(range)?.version;
  if (!lowest) throw new Error(`package.json's range for ${dependency}, ${JSON.stringify(range)}, admits no version`);
  return { range, lowest };
}

/**
 * Type-checks src/ and test/unit with `openapi-fetch` mapped to the copy in `dir`, through a
 * tsconfig outside the project that extends the project's. It names the type roots and keeps
 * the project's own `paths` (made absolute), as both would otherwise resolve from its folder
 * or be replaced.
 */
function typecheckAgainst(dir) {
  const { types } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const { config: own, error } = ts.readConfigFile(fromRoot("tsconfig.json"), ts.sys.readFile);
  if (error) throw new Error(`tsconfig.json cannot be read: ${ts.flattenDiagnosticMessageText(error.messageText, "\n")}`);
  const paths = Object.fromEntries(Object.entries(own.compilerOptions?.paths ?? {}).map(([name, targets]) => [name, targets.map((target) => fromRoot(target))]));
  const scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-lowest-"));
  try {
    const config = {
      extends: fromRoot("tsconfig.json"),
      compilerOptions: {
        paths: { ...paths, [dependency]: [join(dir, types ?? "dist/index.d.mts")] },
        typeRoots: [fromRoot("node_modules/@types")],
      },
      include: [fromRoot("src"), fromRoot("test/unit")],
    };
    writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify(config, null, 2));
    execFileSync(fromRoot("node_modules/.bin/tsc"), ["-p", join(scratch, "tsconfig.json")], { cwd: fromRoot(), stdio: "inherit" });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function testLowest() {
  const { range, lowest } = lowestAdmitted();
  console.log(`test:lowest: package.json admits ${dependency} ${range}; testing its lowest, ${lowest}`);

  const dir = installFromNpm(dependency, lowest);
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (version !== lowest) throw new Error(`${dir} holds ${dependency} ${version}, not ${lowest}; remove that folder and run again`);
  console.log(`test:lowest: ${dependency} ${lowest} is in ${dir}`);

  typecheckAgainst(dir);
  console.log(`test:lowest: src/ and test/unit type-check against the types of ${dependency} ${lowest}`);

  const vitest = spawnSync(fromRoot("node_modules/.bin/vitest"), ["run", "--config", "vitest.lowest.config.ts", "--project", "unit"], {
    cwd: fromRoot(),
    stdio: "inherit",
    env: { ...process.env, WWT_RCS_OPENAPI_FETCH_DIR: dir, WWT_RCS_OPENAPI_FETCH_VERSION: lowest },
  });
  if (vitest.status !== 0) throw new Error(`the unit tests failed against ${dependency} ${lowest} (vitest exit code ${vitest.status ?? vitest.signal})`);
  console.log(`test:lowest: the unit tests pass against ${dependency} ${lowest}`);
}

if (isMain(import.meta.url)) {
  try {
    testLowest();
  } catch (error) {
    console.error(`test:lowest: ${error.message}`);
    process.exitCode = 1;
  }
}
