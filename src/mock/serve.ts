// Runs the mock in the foreground, as `npx wwt-rcs-mock` and `npm run mock` do: prints where
// it listens and how to use it, logs what Prism and the mock do, and stops, freeing its port
// and ending its Prism process, on SIGINT, on SIGTERM, when the process that started it ends
// or is told to stop, npm or npx between them or not (see starter.ts), or when its Prism
// process ends on its own (exit code 1).
import type { components } from "../../generated/schema.js";
import type { CallbackHosts } from "./callback-hosts.js";
import { startMock, type RunningMock } from "./index.js";
import { resetPath } from "./layer.js";
import { readSpec } from "./spec.js";
import { whenStarterEnds } from "./starter.js";

/** `name` starts each line it prints. */
export async function serve({ port, host, callbackHosts, name }: { port: number; host: string; callbackHosts: CallbackHosts; name: string }): Promise<never> {
  let mock: RunningMock;
  try {
    mock = await startMock({ port, host, callbackHosts, onLog: (line) => console.log(line) });
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}`);
    process.exit(1);
  }
  // Watching starts before the banner: whoever reads the banner as "ready" may stop it at once.
  let exitCode = 1;
  const stop = async (reason: string) => {
    exitCode = 0;
    console.log(`${name}: ${reason}; stopping`);
    await mock.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => stop(`got ${signal}`));
  whenStarterEnds(stop);
  console.log(
    [
      "",
      `Mock of the WWT.world RCS API: ${mock.url}`,
      `Point the client at it: createRcsClient({ apiKey: "test_mock", baseUrl: "${mock.url}" })`,
      `Send it a message (any bearer token will do; GET ${mock.url}/ lists what it answers):`,
      curlCommand(mock.url),
      "It keeps, per bearer token, the messages and campaigns you send, which listMessages, getCampaign and stopCampaign find,",
      "and answers a repeated phone.reference_id with the platform's 429 (the command above sends none, so it works every time).",
      `To empty it: curl -X POST ${mock.url}${resetPath}`,
      callbackHosts === "any"
        ? "It posts callbacks to any callback_url (--allow-callbacks-to-any-host)."
        : "It posts callbacks only to loopback addresses (localhost, 127.0.0.0/8, [::1]); --allow-callbacks-to-any-host lifts that.",
      "Ctrl-C stops it.",
      "",
    ].join("\n"),
  );

  await mock.closed;
  process.exit(exitCode);
}

/**
 * A curl command that sends the spec's first sendRcsMessage example to the mock at `url`,
 * without its `phone.reference_id`, so that pasting it again is not refused as a repeat.
 */
function curlCommand(url: string): string {
  const spec = readSpec();
  const send = spec.routes.find((route) => route.operation.operationId === "sendRcsMessage");
  if (!send) throw new Error("the spec has no sendRcsMessage");
  const example = structuredClone(spec.firstExample(send.operation.requestBody)) as components["schemas"]["SendRcsMessageRequest"];
  delete example.phone.reference_id;
  const quoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  return [
    `curl -s ${url}${send.path}`,
    `-H ${quoted("Authorization: Bearer any-token")}`,
    `-H ${quoted("Content-Type: application/json")}`,
    `-d ${quoted(JSON.stringify(example))}`,
  ].join(" ");
}
