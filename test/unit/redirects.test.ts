// Redirects on a hostile network: whatever redirect the API answers with (301, 302, 303, 307,
// 308; to the login or to a send; from https to plain http), the client follows none: the API
// key, the token and the body never reach the origin it names, and the send fails with a
// WwtRedirectError (or a WwtLoginError caused by one) that shows the Location without its
// query and says what it means for the outcome. Real node:http(s) servers count every request.
// The same cases run on Node 24, whose fetch would re-POST the login body on a 307 or 308.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/runtime-cache.mjs";
import { tested } from "../../scripts/lib/runtime-versions.mjs";
import { createRcsClient } from "../../src/index.js";
import { freshToken } from "../support/fake-fetch.js";
import { acceptedAnswer } from "../support/fault-scenarios.js";
import { answerJson, startFaultServer, startRecordingServer, type Exchange, type FaultServer, type RecordingServer } from "../support/fault-server.js";
import { redirectApiKey, sendAndDescribe, type Outcome } from "../support/redirect-cases.js";
import { selfSignedCertificate, type TlsCertificate } from "../support/tls-certificate.js";

interface RedirectCase {
  name: string;
  /** The request the API answers with the redirect. */
  on: "login" | "send";
  status: number;
  /** The API is served over https, and redirects to plain http. */
  tls?: boolean;
}

const cases: RedirectCase[] = [
  ...[307, 308].map((status) => ({ name: `a ${status} to the login`, on: "login" as const, status })),
  ...[301, 302, 303, 307, 308].map((status) => ({ name: `a ${status} to the send`, on: "send" as const, status })),
  { name: "a 307 to the login, from https to plain http", on: "login", status: 307, tls: true },
  { name: "a 308 to the send, from https to plain http", on: "send", status: 308, tls: true },
];

/** Never a success. A 307 or 308 says the request was not processed; any other redirect may follow processing. */
function expectedOutcome({ on, status }: RedirectCase, target: string): Outcome {
  const redirect = { name: "WwtRedirectError", outcomeUnknown: status !== 307 && status !== 308, status, followed: false };
  if (on === "login") {
    const cause = { ...redirect, operation: "login", location: `${target}/api/auth/login` };
    return { resolved: false, error: { name: "WwtLoginError", operation: "sendRcsMessage", outcomeUnknown: false, status, cause } };
  }
  return { resolved: false, error: { ...redirect, operation: "sendRcsMessage", location: `${target}/api/messages/rcs/send` } };
}

interface Staged {
  api: FaultServer;
  /** Where the redirect points: it answers as the platform would, so that following it would "work". */
  target: RecordingServer;
}

let certificate: TlsCertificate;
let trustingFetch: typeof fetch;
const staged: Staged[] = [];

beforeAll(() => {
  certificate = selfSignedCertificate();
  const dispatcher = new Agent({ connect: { ca: certificate.cert } });
  trustingFetch = ((input: any, init: any) => undiciFetch(input, { ...init, dispatcher })) as typeof fetch;
});

afterEach(async () => {
  await Promise.all(staged.splice(0).flatMap(({ api, target }) => [api.close(), target.close()]));
});

afterAll(() => certificate.remove());

async function stage({ on, status, tls }: RedirectCase): Promise<Staged> {
  const target = await startRecordingServer((exchange) =>
    answerJson(exchange, 200, exchange.request.path === "/api/auth/login" ? { bearer: freshToken() } : acceptedAnswer),
  );
  // The Location carries a secret in its query: no error may show it.
  const redirect = ({ request, response }: Exchange) => {
    response.writeHead(status, { location: `${target.url}${request.path}?api_key=${redirectApiKey}` });
    response.end();
  };
  const api = await startFaultServer({
    tls: tls ? certificate : undefined,
    answerLogin: on === "login" ? redirect : undefined,
    answerSend: on === "send" ? redirect : (exchange) => answerJson(exchange, 200, acceptedAnswer),
  });
  staged.push({ api, target });
  return { api, target };
}

function expectNothingFollowed(redirectCase: RedirectCase, { api, target }: Staged) {
  expect(target.requests).toEqual([]);
  expect(api.logins()).toHaveLength(1);
  expect(api.sends()).toHaveLength(redirectCase.on === "send" ? 1 : 0);
}

describe.each([
  ["straight to the transport", false],
  ["through your middleware", true],
])("on Node 20, in this process, sent %s", (_way, throughMiddleware) => {
  it.each(cases.map((redirectCase) => [redirectCase.name, redirectCase] as const))(
    "%s fails, and nothing reaches the origin it names",
    async (_name, redirectCase) => {
      const servers = await stage(redirectCase);
      const outcome = await sendAndDescribe(createRcsClient, servers.api.url, redirectCase.tls ? trustingFetch : undefined, throughMiddleware);
      expect(outcome).toEqual(expectedOutcome(redirectCase, servers.target.url));
      expectNothingFollowed(redirectCase, servers);
    },
  );

  it("a fetch that follows a 303 itself, despite redirect: manual: the answer from elsewhere is not taken for the send's", async () => {
    const servers = await stage({ name: "", on: "send", status: 303 });
    const following = ((input: RequestInfo, init?: RequestInit) => fetch(input, { ...init, redirect: "follow" })) as typeof fetch;
    const outcome = await sendAndDescribe(createRcsClient, servers.api.url, following, throughMiddleware);
    expect(outcome).toEqual({
      resolved: false,
      error: { name: "WwtRedirectError", operation: "sendRcsMessage", outcomeUnknown: true, status: 0, location: `${servers.target.url}/api/messages/rcs/send`, followed: true },
    });
    // That fetch did go there (which the client cannot prevent), with a GET, as 303 asks.
    expect(servers.target.requests.map((r) => r.method)).toEqual(["GET"]);
  });
});

describe("on Node 24, the current LTS, in a process of its own", () => {
  it("every case ends the same way, and nothing reaches the origin it names", async () => {
    // The same Node.js 24 the runtime tests pin, so that one download serves both.
    const node24 = nodeBinary(tested.node.admitted.find((version) => version.startsWith("24."))!);
    const bundleDir = mkdtempSync(join(tmpdir(), "wwt-rcs-redirects-"));
    try {
      const runner = join(bundleDir, "runner.mjs");
      await build({
        entryPoints: [new URL("../support/redirect-runner.ts", import.meta.url).pathname],
        bundle: true,
        platform: "node",
        format: "esm",
        outfile: runner,
        logLevel: "silent",
      });
      const servers = await Promise.all(cases.map(stage));
      const { stdout } = await promisify(execFile)(node24, [runner, JSON.stringify(servers.map(({ api }) => api.url))], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate.certPath },
      });
      const outcomes: Outcome[] = JSON.parse(stdout);
      cases.forEach((redirectCase, i) => {
        expect(outcomes[i], redirectCase.name).toEqual(expectedOutcome(redirectCase, servers[i].target.url));
        expectNothingFollowed(redirectCase, servers[i]);
      });
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
    }
  }, 120_000);
});
