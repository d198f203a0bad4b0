// A plain JSON Schema 2020-12 validator (Ajv) over the bundled spec, independent of the
// precompiled validators the client ships: the reference the spec tests judge bodies with.
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { spec } from "./spec.js";

export function referenceAjv({ countCodePoints = false } = {}) {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false, // the spec document carries OpenAPI keywords around its schemas
    // The platform counts UTF-16 code units; plain JSON Schema counts code points.
    unicode: countCodePoints,
    logger: false,
  });
  formats.default(ajv);
  ajv.addSchema(spec, "spec");
  return ajv;
}

const platformAjv = referenceAjv();

/** Validates `data` against a schema of the bundled spec, e.g. "#/components/schemas/RcsCard". */
export function validateAgainst(pointer: string, data: unknown, ajv = platformAjv) {
  const validate = ajv.getSchema(`spec#${pointer}`) ?? ajv.compile({ $ref: `spec#${pointer}` });
  const valid = validate(data) as boolean;
  return { valid, errors: validate.errors ?? [] };
}
