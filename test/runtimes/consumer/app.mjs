// The app every runtime hosts, written as a user of the packed package would write it: one
// web-standard handler, served by Deno.serve, Bun.serve, node:http, a Worker's fetch or an
// edge function, or called directly in a browser page. The test process drives it:
//   POST /run        sends its body's message and campaign to its body's `apiUrl` through the
//                    client, with a 41-character sender in between, and answers what happened;
//   POST /wwt/rcs    is the callback handler the platform would POST status changes to;
//   GET  /reported   answers the status changes the handler passed to onStatus.
import { createRcsCallbackHandler, createRcsClient, WwtError } from "wwt-rcs";

export function createRuntimeApp() {
  const reported = [];
  const handleCallback = createRcsCallbackHandler({
    onStatus: (report) => {
      reported.push({ id: String(report.id), status: report.status });
    },
    onClick: () => {},
  });
  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method === "POST" && pathname === "/run") return Response.json(await sendThroughClient(await request.json()));
    if (pathname === "/wwt/rcs") return handleCallback(request);
    if (request.method === "GET" && pathname === "/reported") return Response.json(reported);
    return new Response(null, { status: 404 });
  };
}

async function sendThroughClient({ apiUrl, message, campaign }) {
  const rcs = createRcsClient({ apiKey: "test_runtimes", baseUrl: apiUrl });
  const sent = await rcs.sendRcsMessage(message);
  const refused = await refusalOf(() => rcs.sendRcsMessage({ ...message, sender: "S".repeat(41) }));
  const scheduled = await rcs.sendRcsCampaignToGroups(campaign);
  return { runtime: runtimeName(), message: sent, refused, campaign: scheduled };
}

/** What a send that should be refused threw: its name, whether it is a WwtError, its first issue. */
async function refusalOf(send) {
  try {
    await send();
    return { refused: false };
  } catch (error) {
    return { refused: true, name: error?.name, isWwtError: error instanceof WwtError, firstIssuePath: error?.issues?.[0]?.path };
  }
}

/**
 * The runtime, and its version where it tells it, as the runtime itself reports them. Bun,
 * Deno and workerd also emulate Node.js's `process`, so they are asked first.
 */
function runtimeName() {
  if (globalThis.Deno) return `Deno ${globalThis.Deno.version.deno}`;
  if (globalThis.Bun) return `Bun ${globalThis.Bun.version}`;
  if (typeof globalThis.EdgeRuntime === "string") return `EdgeRuntime ${globalThis.EdgeRuntime}`;
  if (globalThis.navigator?.userAgent === "Cloudflare-Workers") return "Cloudflare-Workers";
  if (globalThis.process?.release?.name === "node") return `Node.js ${globalThis.process.version.slice(1)}`;
  return globalThis.navigator?.userAgent ?? "unknown";
}
