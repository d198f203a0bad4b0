// The curl and TypeScript samples the docs show for one named request example: the same
// body as the example, sent by curl to the production server, and by the wwt-rcs client
// method named after the operation. Written the same way every time, so the docs are
// byte-identical from one build to the next.

/** A curl command that sends `body` as JSON with a bearer token from `$WWT_TOKEN`. */
export function curlSample({ serverUrl, path, body }) {
  // The body goes inside single quotes: a quote in it ends them, is escaped, and reopens them.
  const json = JSON.stringify(body, null, 2).replaceAll("'", `'\\''`);
  return [
    "# $WWT_TOKEN holds a JWT from login.",
    `curl ${serverUrl}${path} \\`,
    '  -H "Authorization: Bearer $WWT_TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  -d '${json}'`,
    "",
  ].join("\n");
}

/** The same request through the client: `rcs.<operationId>(body)`. */
export function typescriptSample({ operationId, body }) {
  return [
    'import { createRcsClient } from "wwt-rcs";',
    "",
    "// The client logs in, and renews its token, itself.",
    "const apiKey = process.env.WWT_API_KEY!;",
    "const rcs = createRcsClient({ apiKey });",
    "",
    `const sent = await rcs.${operationId}(${literal(body, "", Infinity)});`,
    "console.log(sent.id, sent.status);",
    "",
  ].join("\n");
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
