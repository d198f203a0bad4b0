// Bundles an entry of the consumer's app (test/runtimes/consumer/) into dist/ with esbuild,
// as the platform's own tooling would: for browsers, for a Worker (`workerd` condition, as
// wrangler does) or for an edge function (`edge-light`, as Vercel does).
import { join } from "node:path";
import { build } from "esbuild";

export async function bundleApp(
  consumerDir: string,
  entry: "browser.mjs" | "worker.mjs" | "edge.mjs",
  { format, conditions = [] }: { format: "iife" | "esm"; conditions?: string[] },
): Promise<string> {
  const outfile = join(consumerDir, "dist", entry.replace(".mjs", ".js"));
  await build({
    absWorkingDir: consumerDir,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "browser",
    format,
    conditions,
    target: "es2022",
    logLevel: "silent",
  });
  return outfile;
}
