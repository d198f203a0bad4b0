// The layer in front of Prism: forwards each request to it and gives back the platform's
// answer. Prism's answer stays as it is except where the platform's differs:
// - a 422 for an invalid request gets the platform's body, built from Prism's violations;
// - an accepted send echoes the request, with a fresh id and the time, and a repeated
//   `phone.reference_id` gets the platform's 429 instead;
// - an accepted single send with a `callback_url` gets its callbacks, once answered (at most
//   16 messages' callbacks on their way at a time; beyond that they are skipped, and logged).
// A request with a `Prefer` header asked Prism for a given answer, and gets it untouched;
// only a 422 for an invalid body is still rewritten, since Prism answers it whatever Prefer says.
// `POST /__mock/reset` forgets the reference ids and restarts the ids.
import { Agent, request as httpRequest } from "node:http";
import { callbacksFor, deliver } from "./callbacks.js";
import { createHistory, echoMessage, echoCampaign, platformDate } from "./answers.js";
import { fieldErrors } from "./validation-errors.js";

export const resetPath = "/__mock/reset";
const maxBodyBytes = 5 * 1024 * 1024;
const maxDeliveries = 16;
const echoes = { sendRcsMessage: { kind: "message", echo: echoMessage }, sendRcsCampaignToGroups: { kind: "campaign", echo: echoCampaign } };
// Headers that describe one connection or one encoding of a body, not the message.
const hopByHop = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "host", "expect", "upgrade"]);

/**
 * @param {{ prismUrl: string, spec: ReturnType<typeof import("./spec.js").readSpec>, log: (line: string) => void }} options
 */
export function createLayer({ prismUrl, spec, log }) {
  const history = createHistory();
  const agent = new Agent({ keepAlive: true });
  const stopping = new AbortController();
  let delivering = 0;
  const send = spec.operationAt("POST", "/api/messages/rcs/send");
  // The platform's own words, from the spec's examples: "The given data was invalid.", and
  // "Too many duplicate request detected".
  const invalidSummary = spec.firstExample(send.responses["422"]).message;
  const duplicateBody = spec.firstExample(send.responses["429"]);
  const callbackExamples = {
    status: spec.firstExample(send.callbacks.statusChanged["{$request.body#/callback_url}"].post.requestBody),
    click: spec.firstExample(send.callbacks.suggestionClicked["{$request.body#/callback_url}"].post.requestBody),
  };

  async function serve(request, response) {
    // Only the path and query travel on: whatever the request line names, Prism answers it.
    const { pathname, search } = new URL(request.url ?? "/", "http://mock");
    if (pathname === resetPath) return answerReset(request, response, history);
    const body = await readBody(request);
    if (body === undefined) return reply(response, json(413, { message: `The request body is larger than ${maxBodyBytes} bytes.` }));

    let answer;
    try {
      answer = await forward(new URL(`${pathname}${search}`, prismUrl), agent, request, body);
    } catch (error) {
      return reply(response, json(502, { message: `The mock's Prism process did not answer: ${error.message}` }));
    }
    const operation = spec.operationAt(request.method ?? "GET", pathname);
    const sent = parseJson(body);
    const final = operation ? platformAnswer(operation, sent, request.headers, answer) : answer;
    reply(response, final);

    const message = isSuccess(final.status) && operation?.operationId === "sendRcsMessage" ? parseJson(final.body)?.data : undefined;
    if (message && typeof sent?.callback_url === "string") {
      const callbacks = callbacksFor({ request: sent, message, examples: callbackExamples, now: platformDate() });
      response.once("finish", () => sendCallbacks(sent.callback_url, callbacks));
    }
  }

  /** Delivers in the background, at most `maxDeliveries` messages' callbacks at a time. */
  async function sendCallbacks(url, callbacks) {
    if (delivering >= maxDeliveries) return log(`callbacks not sent: ${maxDeliveries} messages' callbacks are still being delivered`);
    delivering++;
    await deliver(url, callbacks, { signal: stopping.signal, log });
    delivering--;
  }

  function platformAnswer(operation, sent, headers, answer) {
    if (answer.status === 422) {
      const reported = parseJson(answer.headers["sl-violations"]);
      const violations = Array.isArray(reported) ? reported : [];
      const schema = spec.resolve(operation.requestBody)?.content?.["application/json"]?.schema ?? {};
      const errors = fieldErrors({ violations, body: sent, schema, resolve: spec.resolve });
      if (errors) return json(422, { message: invalidSummary, errors }, answer.headers);
    }
    const echo = echoes[operation.operationId];
    if (!echo || headers.prefer !== undefined || !isSuccess(answer.status) || typeof sent !== "object" || sent === null) return answer;

    const reference = sent.phone?.reference_id;
    if (typeof reference === "string" && !history.remember(headers.authorization ?? "", reference)) {
      return json(429, duplicateBody, answer.headers);
    }
    const example = parseJson(answer.body);
    const now = platformDate();
    const id = history.nextId(echo.kind, example.data.id);
    return json(answer.status, { ...example, data: echo.echo(example.data, sent, { id, now }) }, answer.headers);
  }

  return {
    /** A node:http request listener; a request that fails midway (its client went away) is dropped. */
    handle(request, response) {
      serve(request, response).catch((error) => {
        log(`${request.method} ${request.url} failed: ${error.message}`);
        response.destroy();
      });
    },
    reset: () => history.reset(),
    close() {
      stopping.abort();
      agent.destroy();
    },
  };
}

function answerReset(request, response, history) {
  if (request.method !== "POST") return reply(response, json(405, { message: `Use POST ${resetPath}.` }, { allow: "POST" }));
  history.reset();
  request.resume();
  response.writeHead(204).end();
}

/** The request body, or undefined when it is larger than the mock takes. */
async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > maxBodyBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function forward(target, agent, request, body) {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !hopByHop.has(name)));
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(target, { method: request.method, headers: { ...headers, "content-length": body.length }, agent }, (answer) => {
      const chunks = [];
      answer.on("data", (chunk) => chunks.push(chunk));
      answer.once("end", () => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.once("error", reject);
    });
    upstream.once("error", reject);
    upstream.end(body);
  });
}

/** A JSON answer, keeping Prism's other headers (CORS, for one). */
function json(status, value, headers = {}) {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "sl-violations"));
  return { status, headers: { ...kept, "content-type": "application/json" }, body: Buffer.from(JSON.stringify(value)) };
}

function reply(response, { status, headers, body }) {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));
  response.writeHead(status, { ...kept, "content-length": body.length }).end(body);
}

const isSuccess = (status) => status >= 200 && status < 300;

function parseJson(text) {
  try {
    return text === undefined ? undefined : JSON.parse(String(text));
  } catch {
    return undefined;
  }
}
