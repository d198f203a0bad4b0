// How long the client takes to refuse the largest bodies a caller can hand it: every array
// of the spec's request examples grown to `arrayItems` items and every string to
// `stringLength` characters, one field at a time. Each must be refused before any I/O, with
// an issue naming that field; the figure is the slowest field's median time to refusal.
import { isMain } from "../lib/project.mjs";
import { benchToken, requestExamples } from "./spec-server.mjs";
import { chosenScale, elapsedUs, loadClient, median, now, round, scales } from "./shared.mjs";

const sends = ["sendRcsMessage", "sendRcsCampaignToGroups"];

/** Every array and string in `value`, as [path, kind] with the path as the client writes it. */
function* growable(value, path = "") {
  if (Array.isArray(value)) {
    yield [path, "array"];
    for (const [index, item] of value.entries()) yield* growable(item, `${path}[${index}]`);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) yield* growable(item, path ? `${path}.${key}` : key);
  } else if (typeof value === "string") {
    yield [path, "string"];
  }
}

const keysOf = (path) => path.match(/[^.[\]]+/g);

/** A copy of `body` with the value at `path` replaced. */
function replaced(body, path, value) {
  const copy = structuredClone(body);
  const keys = keysOf(path);
  const parent = keys.slice(0, -1).reduce((node, key) => node[key], copy);
  parent[keys.at(-1)] = value;
  return copy;
}

export async function measureWorstCase({ arrayItems, stringLength, repeats }) {
  const { createRcsClient } = await loadClient();
  let requests = 0;
  const client = createRcsClient({ token: benchToken, baseUrl: "https://api.invalid", fetch: async () => (requests++, new Response(null, { status: 599 })) });
  const longString = "9".repeat(stringLength);

  const cases = [];
  for (const operationId of sends) {
    const seen = new Set();
    for (const example of Object.values(requestExamples(operationId))) {
      for (const [path, kind] of growable(example)) {
        if (seen.has(path)) continue;
        seen.add(path);
        // An array grows by repeating its first item, so that only its length is wrong.
        const first = kind === "array" ? keysOf(path).reduce((node, key) => node[key], example)[0] : undefined;
        const grown = kind === "array" ? new Array(arrayItems).fill(first) : longString;
        cases.push({ operationId, path, kind, body: replaced(example, path, grown) });
      }
    }
  }

  const results = [];
  for (const { operationId, path, kind, body } of cases) {
    const timesUs = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const start = now();
      const error = await client[operationId](body).then(() => undefined, (failure) => failure);
      timesUs.push(elapsedUs(start));
      if (!Array.isArray(error?.issues)) throw new Error(`${operationId} ${path}: not refused as invalid (${error})`);
      if (!error.issues.some((issue) => issue.path === path || issue.path.startsWith(`${path}[`))) {
        throw new Error(`${operationId} ${path}: refused, but no issue names the field: ${error.message}`);
      }
    }
    results.push({ operationId, path, kind, medianMs: round(median(timesUs) / 1e3) });
  }
  if (requests !== 0) throw new Error(`${requests} requests reached the network`);

  const slowest = results.reduce((worst, result) => (result.medianMs > worst.medianMs ? result : worst));
  return { arrayItems, stringLength, repeats, fields: results.length, slowest, byField: results };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureWorstCase(scales[chosenScale()].worstCase), null, 2));
