// What the client weighs in a browser: dist/index.js bundled with esbuild (minified, every
// dependency and the validators in, platform browser, format esm), raw and gzipped (level 9),
// next to openapi-fetch bundled alone the same way. Two more bundles say where the bytes
// go: the validators alone, and, for reference only, the client with every validator
// replaced by a stub that accepts anything (not shippable: it shows the weight of the rest).
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fromRoot, isMain } from "../lib/project.mjs";
import { projectModule } from "./shared.mjs";

async function bundle(entry, plugins = []) {
  const result = await build({
    ...entry,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins,
  });
  const code = result.outputFiles[0].contents;
  const [output] = Object.values(result.metafile.outputs);
  const inputs = Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0) // re-exporting entries add nothing
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*node_modules\//, "node_modules/"), bytesInOutput])
    .sort((a, b) => b[1] - a[1]);
  return { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, minifiedBytesByInput: Object.fromEntries(inputs) };
}

const fromSource = (contents) => ({ stdin: { contents, resolveDir: fromRoot(), sourcefile: "entry.js", loader: "js" } });

export async function measureBundleSize() {
  const client = await bundle({ entryPoints: [fromRoot("dist/index.js")], absWorkingDir: fromRoot() });
  const openapiFetch = await bundle(fromSource('export { default } from "openapi-fetch";'));
  const validatorsAlone = await bundle(fromSource('export * from "./generated/validators.js";'));

  const names = Object.keys(await projectModule("generated/validators.js")).filter((name) => name !== "oneOfBranches");
  const stubs = `${names.map((name) => `export const ${name} = () => true;`).join("\n")}\nexport const oneOfBranches = {};`;
  const stubValidators = {
    name: "stub-validators",
    setup(build) {
      build.onLoad({ filter: /[\\/]generated[\\/]validators\.js$/ }, () => ({ contents: stubs, loader: "js" }));
    },
  };
  const { rawBytes, gzipBytes } = await bundle({ entryPoints: [fromRoot("dist/index.js")], absWorkingDir: fromRoot() }, [stubValidators]);

  return {
    client,
    openapiFetch,
    validatorsAlone: { rawBytes: validatorsAlone.rawBytes, gzipBytes: validatorsAlone.gzipBytes },
    clientWithStubValidators: { rawBytes, gzipBytes },
    gzipRatio: Number((client.gzipBytes / openapiFetch.gzipBytes).toFixed(3)),
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await measureBundleSize(), null, 2));
