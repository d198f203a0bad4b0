// What the package weighs in a browser: the package entry (src/index.ts) bundled with
// esbuild (minified, every dependency and validator in, platform browser, format esm), raw and
// gzipped (level 9); the same entry when an app imports only the callback functions, which
// tree-shaking must keep small; and, for scale, openapi-fetch and the validators alone.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fromRoot, isMain } from "../lib/project.mjs";

const callbackFunctions = ["createRcsCallbackHandler", "parseRcsCallback", "isFinalStatus", "checkCallbackToken"];

async function bundled(contents) {
  const result = await build({
    stdin: { contents, resolveDir: fromRoot(), sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0) // re-exporting entries add nothing
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, "node_modules/"), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, minifiedBytesByInput: Object.fromEntries(inputs) };
}

const sizes = ({ rawBytes, gzipBytes }) => ({ rawBytes, gzipBytes });

export async function measureBundleSize() {
  return {
    client: await bundled('export * from "./src/index.ts";'),
    callbacksOnly: { functions: callbackFunctions, ...(await bundled(`export { ${callbackFunctions.join(", ")} } from "./src/index.ts";`)) },
    openapiFetch: sizes(await bundled('export { default } from "openapi-fetch";')),
    validatorsAlone: sizes(await bundled('export * from "./generated/validators.js";')),
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureBundleSize(), null, 2));
