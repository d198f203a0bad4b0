// `npm start`: everything a newcomer needs in one command. Regenerates generated/ when one of
// its sources differs from the one it was made from (by content, as recorded in
// generated/inputs.sha256: a fresh clone is up to date whatever its file times) and builds
// dist/ (where the mock is) when it is stale, then serves
// the HTML docs and the mock (`startMock()` from `wwt-rcs/mock`) side by side, and prints a
// curl command to try the mock with. Ctrl-C, SIGINT or SIGTERM stops both, sent to this
// process or to the npm that runs it (whose shell does not pass them on), and so does the end
// of the process that started it, however it ends (whenStarterEnds from `wwt-rcs/mock`).
// DOCS_PORT (default 8080) and MOCK_PORT (default 4010) change the ports; both listen on
// 127.0.0.1 only.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dereferenced } from "../src/json-pointer.js";
import { ensureBuilt } from "./lib/build.mjs";
import { fromRoot, generatedStaleReason, isMain } from "./lib/project.mjs";
import { startStaticServer } from "./lib/static-server.mjs";

/** The files of generated/ that `npm start` serves. */
const served = ["generated/openapi.yaml", "generated/openapi.json", "generated/docs/index.html"];

/** Why generated/ must be rebuilt, or undefined when it was made from the sources as they are. */
export function staleReason() {
  const missing = served.find((file) => !existsSync(fromRoot(file)));
  return missing ? `${missing} is missing` : generatedStaleReason();
}

/**
 * A curl command that sends the spec's first sendRcsMessage example to the mock, without its
 * `phone.reference_id`, so that pasting it again is not refused as a repeat.
 */
export function mockCurlCommand(mockUrl) {
  const spec = JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8"));
  const [path, pathItem] = Object.entries(spec.paths).find(([, item]) => item.post?.operationId === "sendRcsMessage");
  const [example] = Object.values(dereferenced(spec, pathItem.post.requestBody).content["application/json"].examples);
  const body = structuredClone(dereferenced(spec, example).value);
  delete body.phone.reference_id;
  return [
    `curl -s ${mockUrl}${path}`,
    `-H ${shellQuote("Authorization: Bearer any-token")}`,
    `-H ${shellQuote("Content-Type: application/json")}`,
    `-d ${shellQuote(JSON.stringify(body))}`,
  ].join(" ");
}

export async function start({
  docsPort = Number(process.env.DOCS_PORT ?? 8080),
  mockPort = Number(process.env.MOCK_PORT ?? 4010),
} = {}) {
  const reason = staleReason();
  if (reason) {
    console.log(`start: ${reason}; running npm run generate`);
    execFileSync(process.execPath, [fromRoot("scripts/generate.mjs")], { stdio: "inherit" });
  } else {
    console.log("start: generated/ is up to date");
  }
  ensureBuilt("start");
  const { startMock } = await import("wwt-rcs/mock");

  let mockReady = false;
  const [docs, mock] = await Promise.allSettled([
    startStaticServer({ root: fromRoot("generated/docs"), port: docsPort }),
    startMock({ port: mockPort, onLog: (line) => mockReady && console.log(`[mock] ${line}`) }),
  ]);
  if (docs.status === "rejected" || mock.status === "rejected") {
    if (docs.status === "fulfilled") await docs.value.close();
    if (mock.status === "fulfilled") await mock.value.stop();
    const problems = [
      docs.status === "rejected" && `docs server on port ${docsPort} (set DOCS_PORT): ${docs.reason.message}`,
      mock.status === "rejected" && `mock on port ${mockPort} (set MOCK_PORT): ${mock.reason.message}`,
    ];
    throw new Error(`start: could not start the ${problems.filter(Boolean).join("; the ")}`);
  }
  mockReady = true;

  console.log(
    [
      "",
      `Docs: ${docs.value.url}/`,
      `Mock: ${mock.value.url}`,
      "",
      `Send a message to the mock (it accepts any bearer token; GET ${mock.value.url}/ lists what it answers):`,
      mockCurlCommand(mock.value.url),
      "",
      "The mock keeps, per bearer token, the messages and campaigns you send, which listMessages, getCampaign and stopCampaign find,",
      "and answers a repeated phone.reference_id with the platform's 429 (the command above sends none, so it works every time).",
      `To empty it: curl -X POST ${mock.value.url}/__mock/reset`,
      "Press Ctrl-C to stop both.",
      "",
    ].join("\n"),
  );

  return {
    docsUrl: docs.value.url,
    mockUrl: mock.value.url,
    stop: () => Promise.all([docs.value.close(), mock.value.stop()]),
  };
}

/** Quotes `text` as one word for POSIX shells. */
function shellQuote(text) {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

if (isMain(import.meta.url)) {
  try {
    const running = await start();
    const { whenStarterEnds } = await import("wwt-rcs/mock");
    let stopping;
    const stop = (reason) =>
      (stopping ??= (async () => {
        console.log(`\nstart: ${reason}; stopping the docs server and the mock`);
        await running.stop();
        process.exit(0);
      })());
    for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => stop(`got ${signal}`));
    whenStarterEnds(stop);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
