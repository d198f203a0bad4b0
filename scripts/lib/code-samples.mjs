// The curl and TypeScript samples the docs show for one named example of a request: the same
// request as the example, sent by curl to the production server, and by the wwt-rcs client
// method named after the operation. A request with a body follows a named example of its body;
// one without follows a named example of one of its parameters (the others at their own
// example where the request needs them). Written the same way every time, so the docs are
// byte-identical from one build to the next.
import { dereferenced } from "../../src/json-pointer.js";

/**
 * A curl command for one request, with a bearer token from `$WWT_TOKEN`: `body` as JSON;
 * `query` (parameter name → value, an object for a deepObject parameter) as URL-encoded
 * `name=value` pairs, an object's keys in brackets (`filter[reference_id]=…`); `method` named
 * only where curl would not pick it itself (GET, or POST with a body).
 */
export function curlSample({ serverUrl, path, method = "post", query, body }) {
  const verb = method.toUpperCase();
  const pairs = queryPairs(query ?? {});
  const implied = body === undefined ? (pairs.length > 0 ? "-G" : verb === "GET" ? "" : `-X ${verb}`) : verb === "POST" ? "" : `-X ${verb}`;
  const lines = [`curl ${implied ? `${implied} ` : ""}${serverUrl}${path}`, '  -H "Authorization: Bearer $WWT_TOKEN"'];
  for (const [name, value] of pairs) lines.push(`  --data-urlencode ${shellQuoted(`${name}=${value}`)}`);
  if (body !== undefined) {
    lines.push('  -H "Content-Type: application/json"');
    lines.push(`  -d ${shellQuoted(JSON.stringify(body, null, 2))}`);
  }
  return `# $WWT_TOKEN holds a JWT from login.\n${lines.join(" \\\n")}\n`;
}

/**
 * The same request through the client, `rcs.<operationId>(…)`: with the `body`; with the
 * path parameter `id`; or with `query`, where `iterate` walks every page with the client's
 * iterator (`listMessages` → `iterateMessages`) instead of asking for one.
 */
export function typescriptSample({ operationId, body, id, query, iterate = false }) {
  return [
    'import { createRcsClient } from "wwt-rcs";',
    "",
    "// The client logs in, and renews its token, itself.",
    "const apiKey = process.env.WWT_API_KEY!;",
    "const rcs = createRcsClient({ apiKey });",
    "",
    ...clientCall({ operationId, body, id, query, iterate }),
    "",
  ].join("\n");
}

function clientCall({ operationId, body, id, query, iterate }) {
  if (body !== undefined) {
    return [`const sent = await rcs.${operationId}(${literal(body, "", Infinity)});`, "console.log(sent.id, sent.status);"];
  }
  if (id !== undefined) {
    return [`const campaign = await rcs.${operationId}(${JSON.stringify(id)});`, "console.log(campaign.id, campaign.status);"];
  }
  if (iterate) {
    const iterator = operationId.replace(/^list/, "iterate");
    return [
      `// ${iterator} asks for one page after another until none is left.`,
      `const messages = rcs.${iterator}(${literal(query, "", `const messages = rcs.${iterator}(`.length)});`,
      "for await (const message of messages) {",
      "  console.log(message.id, message.phone, message.status);",
      "}",
    ];
  }
  return [
    `const { data, meta } = await rcs.${operationId}(${literal(query, "", `const { data, meta } = await rcs.${operationId}(`.length)});`,
    "for (const message of data) console.log(message.id, message.status);",
    "console.log(`${meta.page.total} found`);",
  ];
}

/**
 * The curl and TypeScript samples of an operation, one pair per named example, each marked
 * with its example's key (`x-example`), as the docs show them: for a request body, its named
 * examples; otherwise the named examples of its parameters, each parameter in turn. `document`
 * is the bundled spec, in which `operation`'s `$ref`s are followed.
 */
export function operationSamples({ document, serverUrl, path, method, operation }) {
  const media = dereferenced(document, operation.requestBody)?.content?.["application/json"];
  const requests = media?.examples
    ? Object.entries(media.examples).map(([key, example]) => ({ key, body: dereferenced(document, example).value }))
    : parameterRequests(document, operation);
  return requests.flatMap(({ key, body, pathValues = {}, query }) => {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(pathValues[name])));
    const marked = key === undefined ? {} : { "x-example": key };
    const sample = { operationId: operation.operationId, body, id: pathValues.id, query, iterate: manyMayMatch(query) };
    return [
      { lang: "Shell", label: "curl", source: curlSample({ serverUrl, path: filled, method, query, body }), ...marked },
      { lang: "TypeScript", source: typescriptSample(sample), ...marked },
    ];
  });
}

// A filter that names one message (by id or reference_id) fits on one page; any other filter,
// a campaign or a time window, may match more than a page holds, so its sample walks them all.
function manyMayMatch(query) {
  const filter = query?.filter;
  return filter !== undefined && !("id" in filter || "reference_id" in filter);
}

/** One request per named example of a parameter; path parameters keep their own example throughout. */
function parameterRequests(document, operation) {
  const parameters = (operation.parameters ?? []).map((parameter) => dereferenced(document, parameter));
  const pathValues = Object.fromEntries(
    parameters.filter((parameter) => parameter.in === "path").map((parameter) => [parameter.name, exampleOf(document, parameter)]),
  );
  const named = parameters
    .filter((parameter) => parameter.in === "query")
    .flatMap((parameter) =>
      Object.entries(parameter.examples ?? {}).map(([key, example]) => ({
        key,
        pathValues,
        query: { [parameter.name]: dereferenced(document, example).value },
      })),
    );
  return named.length > 0 ? named : [{ key: undefined, pathValues }];
}

function exampleOf(document, parameter) {
  if ("example" in parameter) return parameter.example;
  const [first] = Object.values(parameter.examples ?? {});
  if (first === undefined) throw new Error(`parameter ${parameter.name} has no example to show`);
  return dereferenced(document, first).value;
}

/** Query parameters as `name=value` pairs, a deepObject parameter's keys in brackets. */
function queryPairs(query) {
  return Object.entries(query).flatMap(([name, value]) =>
    value !== null && typeof value === "object" ? Object.entries(value).map(([key, item]) => [`${name}[${key}]`, String(item)]) : [[name, String(value)]],
  );
}

// Inside single quotes: a quote in the text ends them, is escaped, and reopens them.
function shellQuoted(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

// A line of a TypeScript sample fits this width, as far as its values allow: the request
// panel of the docs shows about 56 characters before it scrolls.
const width = 56;

/**
 * `value` as a TypeScript literal, laid out as Prettier would: an object or array of plain
 * values on one line when the line (`lead` characters before the value, a comma after)
 * fits, else one entry per line with a trailing comma.
 */
function literal(value, indent, lead) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => literal(item, inner, inner.length))
    : Object.entries(value).map(([key, item]) => {
        const name = `${propertyKey(key)}: `;
        return name + literal(item, inner, inner.length + name.length);
      });
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return `${open}${close}`;
  const flat = Array.isArray(value) ? `[${entries.join(", ")}]` : `{ ${entries.join(", ")} }`;
  const plain = Object.values(value).every((item) => item === null || typeof item !== "object");
  if (plain && lead + flat.length + 1 <= width) return flat;
  return `${open}\n${entries.map((entry) => `${inner}${entry},`).join("\n")}\n${indent}${close}`;
}

function propertyKey(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
