// Lint rules of our own that Redocly's configurable rules cannot express: they need to
// follow $refs from a request body or a parameter to every nested schema, and to read a
// property's own node (where a 3.1 `description` sits beside its `$ref`) rather than the
// schema it points to.

const stringLimits = ["maxLength", "pattern", "enum", "format", "const"];
const schemaMaps = ["properties", "patternProperties", "dependentSchemas", "$defs"];
const schemaSingles = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"];
const schemaLists = ["oneOf", "anyOf", "allOf", "prefixItems"];

function isString(schema) {
  return schema.type === "string" || (Array.isArray(schema.type) && schema.type.includes("string"));
}

// Calls visit(node, location) on every schema reachable from `schema`, following $refs once.
function walkSchema(schema, location, ctx, visit, seen = new Set()) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return;
  visit(schema, location);
  if (typeof schema.$ref === "string") {
    const { node, location: target } = ctx.resolve(schema, location.source.absoluteRef);
    if (node && target && !seen.has(node)) {
      seen.add(node);
      walkSchema(node, target, ctx, visit, seen);
    }
  }
  for (const key of schemaMaps) {
    for (const [name, child] of Object.entries(schema[key] ?? {})) {
      walkSchema(child, location.child([key, name]), ctx, visit, seen);
    }
  }
  for (const key of schemaSingles) walkSchema(schema[key], location.child([key]), ctx, visit, seen);
  for (const key of schemaLists) {
    (schema[key] ?? []).forEach((child, i) => walkSchema(child, location.child([key, i]), ctx, visit, seen));
  }
}

// Every string a request carries, in its body or in its path, query or headers, is limited.
function RequestStringLimited() {
  const reported = new Set();
  // A callback's body is what the platform sends us: received tolerantly, never limited. The
  // callback may sit in a file of its own, so its depth is counted rather than read from a path.
  let callbackDepth = 0;
  const check = (schema, location, ctx, what) =>
    walkSchema(schema, location, ctx, (node, at) => {
      const where = at.source.absoluteRef + at.pointer;
      if (!isString(node) || stringLimits.some((key) => key in node) || reported.has(where)) return;
      reported.add(where);
      ctx.report({ message: `A string in a request's ${what} must declare one of: ${stringLimits.join(", ")}.`, location: at });
    });
  return {
    Callback: {
      enter() {
        callbackDepth += 1;
      },
      leave() {
        callbackDepth -= 1;
      },
    },
    RequestBody: {
      enter(requestBody, ctx) {
        if (callbackDepth > 0) return;
        for (const [mediaType, media] of Object.entries(requestBody.content ?? {})) {
          check(media.schema, ctx.location.child(["content", mediaType, "schema"]), ctx, "body");
        }
      },
    },
    Parameter: {
      enter(parameter, ctx) {
        if (callbackDepth > 0 || !parameter.schema) return;
        check(parameter.schema, ctx.location.child(["schema"]), ctx, "parameters");
      },
    },
  };
}

function PropertyDescribed() {
  return {
    SchemaProperties: {
      enter(properties, ctx) {
        for (const [name, property] of Object.entries(properties)) {
          // A boolean schema (`false` under dependentSchemas) forbids a property; it describes none.
          if (typeof property === "boolean") continue;
          if (typeof property?.description === "string" && property.description.trim() !== "") continue;
          ctx.report({
            message: `Property \`${name}\` needs a description of its own (beside any $ref).`,
            location: ctx.location.child([name]).key(),
          });
        }
      },
    },
  };
}

export default function wwtRules() {
  return {
    id: "wwt",
    rules: {
      oas3: {
        "request-string-limited": RequestStringLimited,
        "property-described": PropertyDescribed,
      },
    },
  };
}
