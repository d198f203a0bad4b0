// Generates TypeScript types for the whole API with openapi-typescript's Node API, from the
// bundled spec (generated/openapi.json) into generated/schema.d.ts. Defaults stay optional in
// the types: a field the server fills in when it is left out must not be required of the
// caller. A schema marked `x-open-enum` (UnlistedValue: "any value not listed beside me")
// becomes `string & {}` instead of `string`, so that in `"sent" | "delivered" | (string & {})`
// the listed values stay visible to the compiler and editors rather than widening to `string`.
import { readFileSync, writeFileSync } from "node:fs";
import ts from "typescript";
import openapiTS, { astToString, COMMENT_HEADER, STRING, tsIntersection } from "openapi-typescript";
import { fromRoot, isMain } from "./lib/project.mjs";

const anyOtherString = tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]);

export async function generateTypes() {
  const spec = JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8"));
  const ast = await openapiTS(spec, {
    defaultNonNullable: false,
    silent: true,
    transform: (schema) => (schema["x-open-enum"] === true ? anyOtherString : undefined),
  });
  writeFileSync(fromRoot("generated/schema.d.ts"), COMMENT_HEADER + astToString(ast));
  console.log("types: wrote generated/schema.d.ts");
}

if (isMain(import.meta.url)) await generateTypes();
