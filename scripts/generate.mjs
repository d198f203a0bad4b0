// Rebuilds everything in generated/ from openapi/: the bundled spec, the TypeScript
// types, the precompiled validators, the spec values the library reads at run time and the
// HTML docs, and last the record of what it was made from (generated/inputs.sha256), by which
// `npm start` tells whether generated/ is stale. Same input, byte-identical output.
import { bundle } from "./bundle.mjs";
import { generateTypes } from "./types.mjs";
import { buildValidators } from "./build-validators.mjs";
import { buildSpecValues } from "./build-spec-values.mjs";
import { buildDocs } from "./docs.mjs";
import { recordGenerateInputs } from "./lib/project.mjs";

bundle();
await generateTypes();
buildValidators();
buildSpecValues();
buildDocs();
recordGenerateInputs();
