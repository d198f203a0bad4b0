// Generates TypeScript types for the whole API with openapi-typescript, which reads its
// input and output (`x-openapi-ts`) from redocly.yaml. Defaults stay optional in the types:
// a field the server fills in when it is left out must not be required of the caller.
import { execFileSync } from "node:child_process";
import { fromRoot, isMain, redoclyEnv } from "./lib/project.mjs";

export function generateTypes() {
  execFileSync(
    fromRoot("node_modules/.bin/openapi-typescript"),
    ["--redocly", "redocly.yaml", "--default-non-nullable", "false"],
    { cwd: fromRoot(), env: redoclyEnv(), stdio: ["ignore", "ignore", "inherit"] },
  );
  console.log("types: wrote generated/schema.d.ts");
}

if (isMain(import.meta.url)) generateTypes();
