// What the benchmarks send and what answers them, both taken from the bundled spec: the
// `carousel` example of sendRcsMessage (the largest body, so validation weighs most) and a
// keep-alive node:http server on 127.0.0.1 that answers it with the spec's matching success
// example, as the platform would.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { dereferenced } from "../../src/json-pointer.js";
import { fromRoot } from "../lib/project.mjs";

const spec = JSON.parse(readFileSync(fromRoot("generated/openapi.json"), "utf8"));
const resolve = (node) => dereferenced(spec, node);

/** The path, method and operation object of `operationId`. */
function operationOf(operationId) {
  for (const [path, pathItem] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(resolve(pathItem))) {
      if (operation.operationId === operationId) return { path, method: method.toUpperCase(), operation };
    }
  }
  throw new Error(`the spec has no operation ${operationId}`);
}

/** The named request examples of an operation, by name. */
export function requestExamples(operationId) {
  const { examples } = resolve(operationOf(operationId).operation.requestBody).content["application/json"];
  return Object.fromEntries(Object.entries(examples).map(([name, example]) => [name, resolve(example).value]));
}

/** The path, method, a named request example and the matching success answer of an operation. */
export function exampleExchange(operationId, exampleName) {
  const { path, method, operation } = operationOf(operationId);
  const [status, response] = Object.entries(operation.responses).find(([code]) => /^2\d\d$/.test(code));
  const answer = resolve(response).content["application/json"].examples[exampleName];
  return { path, method, body: requestExamples(operationId)[exampleName], status: Number(status), answer: resolve(answer).value };
}

export const exchange = exampleExchange("sendRcsMessage", "carousel");

/** A JWT that expires in 2100: the client reads only its `exp`; the server only checks it is sent. */
export const benchToken = [{ alg: "HS256", typ: "JWT" }, { sub: "bench", exp: 4_102_444_800 }]
  .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
  .concat("bench-signature")
  .join(".");

/**
 * Answers the exchange's path with its success example (401 without the bench token, 404
 * elsewhere). Bodies are read in full, as a real server would.
 * @returns {Promise<{ url: string, requests: () => number, stop: () => Promise<void> }>}
 */
export function startSpecServer() {
  const answer = JSON.stringify(exchange.answer);
  const bearer = `Bearer ${benchToken}`;
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      requests++;
      const known = request.method === exchange.method && request.url === exchange.path;
      const status = !known ? 404 : request.headers.authorization !== bearer ? 401 : exchange.status;
      const body = status === exchange.status ? answer : JSON.stringify({ success: false, errors: [`status ${status}`] });
      response.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
      response.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolvePromise({
        url: `http://127.0.0.1:${port}`,
        requests: () => requests,
        stop: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
