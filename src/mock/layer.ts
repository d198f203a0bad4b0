// The layer in front of Prism: checks each request as the platform does, forwards what passes
// to Prism and gives back the platform's answer. Prism's answer stays as it is except where the
// platform's differs:
// - a request that breaks a rule of the spec (its JSON body, query or path parameters) gets
//   the platform's 422 from the mock itself, worded from the problems the client's own checks
//   find (see request-checks.ts), before Prism sees it and whatever `Prefer` asks; a request
//   without a bearer token goes to Prism unchecked, which answers 401, as the platform
//   authenticates before it validates;
// - the operations that keep or read state answer from what the mock keeps per account (the
//   Authorization header), as the platform would (see stateful.ts): a send is echoed and kept,
//   and found again by listMessages, getCampaign and stopCampaign;
// - an accepted single send with a `callback_url` gets its callbacks, once answered, when its
//   host is one the mock posts to (by default loopback ones only; see callback-hosts.ts), at
//   most 16 messages' callbacks on their way at a time; others are skipped, and logged.
// A request with a `Prefer` header asked Prism for a given answer, and gets it untouched; it
// changes nothing the mock keeps. `POST /__mock/reset` forgets what the mock keeps (with an
// Authorization header, that account's only); `GET /` says what the mock answers (its
// operations, with method and path), what it keeps, and how to reset it.
import { Agent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { components } from "../../generated/schema.js";
import { isObject } from "../copy.js";
import { platformDate } from "./answers.js";
import type { CallbackHosts, Resolve } from "./callback-hosts.js";
import { callbacksFor, deliver, type Callback, type CallbackExamples } from "./callbacks.js";
import { checkRequest } from "./request-checks.js";
import type { Operation, Spec } from "./spec.js";
import { createStatefulOperations } from "./stateful.js";
import { defaultLimits, type Limits } from "./state.js";

type Schemas = components["schemas"];

export const resetPath = "/__mock/reset";
const maxBodyBytes = 5 * 1024 * 1024;
const maxDeliveries = 16;
// A bearer token as Prism takes it; the mock checks only requests Prism lets past its 401.
const bearer = /^Bearer\s.+$/;
// Headers that describe one connection or one encoding of a body, not the message.
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "expect", "upgrade"]);

/** An answer on its way back: Prism's, or the mock's own. */
interface Answer {
  status: number;
  headers: IncomingHttpHeaders | OutgoingHttpHeaders;
  body: Buffer;
}

export interface Layer {
  /** A node:http request listener; a request that fails midway (its client went away) is dropped. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Forgets every message, campaign and reference id the mock keeps, and restarts the ids. */
  reset(): void;
  /** Stops callbacks on their way and closes the connections to Prism. */
  close(): void;
}

export interface LayerOptions {
  prismUrl: string;
  spec: Spec;
  log: (line: string) => void;
  /** Which hosts get callbacks, and how their names are resolved. */
  callbackHosts: CallbackHosts;
  resolve: Resolve;
  /** The most the mock keeps (state.ts's defaults unless given). */
  limits?: Limits;
}

export function createLayer({ prismUrl, spec, log, callbackHosts, resolve, limits = defaultLimits }: LayerOptions): Layer {
  const stateful = createStatefulOperations(spec, limits);
  const agent = new Agent({ keepAlive: true });
  const stopping = new AbortController();
  let delivering = 0;
  const send = spec.operationAt("POST", "/api/messages/rcs/send")?.route.operation;
  if (!send?.responses || !send.callbacks) throw new Error("the spec has no sendRcsMessage with answers and callbacks");
  // The platform's own words, from the spec's example: "The given data was invalid.".
  const invalidSummary = (spec.firstExample(send.responses["422"]) as { message: string }).message;
  const callbackOf = (name: string) => spec.resolve(spec.resolve(send.callbacks![name])["{$request.body#/callback_url}"]).post.requestBody;
  const description = describe(spec, limits);
  const callbackExamples = {
    status: spec.firstExample(callbackOf("statusChanged")),
    click: spec.firstExample(callbackOf("suggestionClicked")),
  } as CallbackExamples;

  async function serve(request: IncomingMessage, response: ServerResponse) {
    // Only the path and query travel on: whatever the request line names, Prism answers it.
    const { pathname, search, searchParams } = new URL(request.url ?? "/", "http://mock");
    if (pathname === resetPath) return answerReset(request, response);
    if (pathname === "/" && (request.method === "GET" || request.method === "HEAD")) {
      request.resume();
      return reply(response, json(200, description, corsHeaders(request.headers)));
    }
    const body = await readBody(request);
    if (body === undefined) return reply(response, json(413, { message: `The request body is larger than ${maxBodyBytes} bytes.` }, corsHeaders(request.headers)));

    const match = spec.operationAt(request.method ?? "GET", pathname);
    const checked =
      match && authenticates(match.route.operation, request.headers.authorization)
        ? checkRequest({ match, search: searchParams, contentType: request.headers["content-type"], body }, spec)
        : undefined;
    if (checked && "errors" in checked) {
      log(`${request.method} ${pathname} refused: 422 ${refusedFields(checked.errors)}`);
      return reply(response, json(422, { message: invalidSummary, errors: checked.errors }, corsHeaders(request.headers)));
    }
    let answer: Answer;
    try {
      // Prism sees only a body the checks passed: one with a property name it cannot put in its
      // `sl-violations` header (a newline, a letter beyond Latin-1) would make it exit. It answers
      // a request the mock did not check, 401 or 404, whatever its body holds.
      answer = await forward(new URL(`${pathname}${search}`, prismUrl), agent, request, checked ? body : Buffer.alloc(0));
    } catch (error) {
      return reply(response, json(502, { message: `The mock's Prism process did not answer: ${(error as Error).message}` }, corsHeaders(request.headers)));
    }
    let final = answer;
    const operationId = match?.route.operation.operationId ?? "";
    if (checked && request.headers.prefer === undefined && isSuccess(answer.status)) {
      const account = request.headers.authorization ?? "";
      const own = stateful.answer(operationId, { account, inputs: checked.inputs, status: answer.status, example: parseJson(answer.body) });
      if (own) final = json(own.status, own.body, answer.headers);
    }
    reply(response, final);

    const sent = checked?.inputs.body;
    const accepted = isSuccess(final.status) && operationId === "sendRcsMessage" ? (parseJson(final.body) as Schemas["RcsMessageResponse"] | undefined)?.data : undefined;
    if (accepted && isObject(sent) && typeof sent.callback_url === "string") {
      const message = sent as Schemas["SendRcsMessageRequest"];
      const callbacks = callbacksFor({ request: message, message: accepted, examples: callbackExamples, now: platformDate() });
      response.once("finish", () => sendCallbacks(sent.callback_url as string, callbacks));
    }
  }

  /** `POST /__mock/reset`: everything, or, with an Authorization header, that account's state only. */
  function answerReset(request: IncomingMessage, response: ServerResponse) {
    request.resume();
    if (request.method !== "POST") return reply(response, json(405, { message: `Use POST ${resetPath}.` }, { allow: "POST" }));
    stateful.store.reset(request.headers.authorization);
    response.writeHead(204).end();
  }

  /** Whether a request gets as far as the platform's checks: it needs no token, or has a bearer token of the form Prism takes. */
  function authenticates(operation: Operation, authorization: string | undefined): boolean {
    const requirements = operation.security ?? spec.document.security ?? [];
    if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)) return true;
    return bearer.test(authorization ?? "");
  }

  /** Delivers in the background, at most `maxDeliveries` messages' callbacks at a time. */
  async function sendCallbacks(url: string, callbacks: Callback[]) {
    if (delivering >= maxDeliveries) return log(`callbacks not sent: ${maxDeliveries} messages' callbacks are still being delivered`);
    delivering++;
    await deliver(url, callbacks, { signal: stopping.signal, log, hosts: callbackHosts, resolve });
    delivering--;
  }

  return {
    handle(request, response) {
      serve(request, response).catch((error: Error) => {
        log(`${request.method} ${request.url} failed: ${error.message}`);
        response.destroy();
      });
    },
    reset: () => stateful.store.reset(),
    close() {
      stopping.abort();
      agent.destroy();
    },
  };
}

/** What `GET /` answers: the operations the mock answers, what it checks and keeps, and how to reset it. */
function describe(spec: Spec, { messages, campaigns, contentBytes }: Limits) {
  const { title, version } = spec.document.info;
  return {
    message: `A mock of the ${title} ${version}: it answers the operations below as the platform does.`,
    operations: spec.routes.map(({ method, path, operation }) => ({ operationId: operation.operationId, method, path, summary: operation.summary })),
    checks:
      "Each request's JSON body, query and path parameters are checked as the platform checks them, with the checks the wwt-rcs client runs " +
      "before sending, lengths counted as the platform counts them (in UTF-16 code units: an emoji counts 2). One that breaks a rule gets " +
      "the platform's 422, whatever Prefer asks; one without a bearer token gets a 401 first.",
    state:
      "Per account (the Authorization header), it keeps the messages it accepted and the campaigns it created, until reset: listMessages " +
      "finds the messages (filtered, sorted and paged), getCampaign and stopCampaign the campaigns, and a phone.reference_id the account " +
      "used before gets the platform's 429. A request with a Prefer header gets the answer it asks for and changes nothing. It keeps at most " +
      `${messages} messages, ${campaigns} campaigns and ${contentBytes} bytes of message content in all accounts together; a send past that gets a 422.`,
    reset: {
      method: "POST",
      path: resetPath,
      description:
        "Forgets every message, campaign and phone.reference_id the mock keeps, and restarts the ids it gives; with an Authorization header, " +
        "forgets that account's only.",
    },
  };
}

/** The request body, or undefined when it is larger than the mock takes. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function forward(target: URL, agent: Agent, request: IncomingMessage, body: Buffer): Promise<Answer> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !hopByHop.has(name)));
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(target, { method: request.method, headers: { ...headers, "content-length": body.length }, agent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.once("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.once("error", reject);
    });
    upstream.once("error", reject);
    upstream.end(body);
  });
}

/** The CORS headers Prism gives its answers, for the mock's own: a page in a browser reads those too. */
function corsHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return {
    "access-control-allow-origin": headers.origin ?? "*",
    "access-control-allow-headers": headers["access-control-request-headers"] ?? "*",
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": headers["access-control-expose-headers"] ?? "*",
  };
}

/** The fields of a 422, for the log: each cut to 64 characters, at most 10 of them. */
function refusedFields(errors: Record<string, string[]>): string {
  const fields = Object.keys(errors);
  const shown = fields.slice(0, 10).map((field) => (field.length > 64 ? `${field.slice(0, 61)}...` : field));
  return `${shown.join(", ")}${fields.length > shown.length ? `, and ${fields.length - shown.length} more` : ""}`;
}

/** A JSON answer, keeping Prism's other headers (CORS, for one). */
function json(status: number, value: unknown, headers: Answer["headers"] = {}): Answer {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "sl-violations"));
  return { status, headers: { ...kept, "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value)) };
}

function reply(response: ServerResponse, { status, headers, body }: Answer) {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
  response.writeHead(status, { ...kept, "content-length": body.length }).end(body);
}

const isSuccess = (status: number) => status >= 200 && status < 300;

function parseJson(text: unknown): unknown {
  try {
    return text === undefined ? undefined : JSON.parse(String(text));
  } catch {
    return undefined;
  }
}
