// Rebuilds everything in generated/ from openapi/: the bundled spec, the TypeScript
// types and the precompiled validators. Same input, byte-identical output.
import { bundle } from "./bundle.mjs";
import { generateTypes } from "./types.mjs";
import { buildValidators } from "./build-validators.mjs";

bundle();
generateTypes();
buildValidators();
