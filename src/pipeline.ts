// The one way every call of the client goes, whatever its operation:
//
//   1. options   the call's options, checked                    options.ts
//   2. request   inputs serialised once, what was written checked  request.ts
//   3. token     the bearer token, logging in when needed       tokens.ts
//   4. exchange  time limit, size cap, no redirect followed     exchange.ts
//                (through openapi-fetch while middleware of yours is registered: api.ts)
//   5. answer    the result, or the typed error of the answer   answer.ts
//
// A 401 means the token was refused and the request not processed: the token is forgotten and
// steps 3 to 5 run once more.
import { operations } from "../generated/spec-values.js";
import { readAnswer } from "./answer.js";
import type { ApiRoute } from "./api.js";
import { WwtAbortError } from "./errors.js";
import { startDeadline, type Answer, type Exchange } from "./exchange.js";
import { callOptions, type CallOptions, type ClientSettings, type SendOptions } from "./options.js";
import type { Redactor } from "./redaction.js";
import { prepareRequest, type CallInput, type OperationId, type PreparedRequest } from "./request.js";
import { onceMoreAfter401, tokenFor, type TokenSource } from "./tokens.js";

export interface PipelineParts {
  settings: ClientSettings;
  tokens: TokenSource;
  exchange: Exchange;
  route: ApiRoute;
  redactor: Redactor;
}

/** A call whose options and request have been checked (steps 1 and 2), ready to be sent, or sent again. */
export interface PreparedCall {
  operation: OperationId;
  options: CallOptions;
  request: PreparedRequest;
}

export interface Pipeline {
  /** Steps 1 and 2: throws for bad options, an aborted signal or a bad request, before any I/O. */
  prepare(operation: OperationId, input: CallInput, options: SendOptions | undefined): PreparedCall;
  /**
   * Steps 3 to 5, each time it is called; resolves to the parsed body of the success (for the
   * login and the refresh, the token). `token` is sent instead of the client's own (the refresh
   * sends the token it renews).
   */
  send(call: PreparedCall, token?: string): Promise<unknown>;
}

export function createPipeline({ settings, tokens, exchange, route, redactor }: PipelineParts): Pipeline {
  return {
    prepare(operation, input, sendOptions) {
      const options = callOptions(operation, sendOptions);
      if (options.signal?.aborted) throw new WwtAbortError({ operation, sent: false });
      return { operation, options, request: prepareRequest(operation, input, settings.validate) };
    },

    async send({ operation, options: { signal, headers, timeoutMs = settings.timeoutMs }, request }, token) {
      // Whether the call sends the client's token, which a 401 refuses and another may replace;
      // the login and the refresh, whose success is a token, send none of it.
      const ownToken = token === undefined && operations[operation].success !== "token";
      const attempt = async (): Promise<Answer> => {
        const bearer = ownToken ? await tokenFor(operation, signal, tokens) : token;
        const sent: Record<string, string> = { ...settings.headers, ...headers };
        if (bearer !== undefined) sent.authorization = `Bearer ${bearer}`;
        if (request.body !== undefined) sent["content-type"] = "application/json";
        const deadline = startDeadline(operation, timeoutMs, signal);
        try {
          const answer = route.hasMiddleware()
            ? await route.send(operation, request, sent, deadline)
            : await exchange(operation, `${settings.baseUrl}${request.target}`, { method: request.method, headers: sent, body: request.body ?? null }, deadline, settings.maxResponseBytes);
          if (answer.status === 401 && ownToken) tokens.refused(bearer!);
          return answer;
        } finally {
          deadline.end();
        }
      };
      const answer = ownToken ? await onceMoreAfter401(tokens, attempt, (result) => result.status) : await attempt();
      return readAnswer(operation, answer, operations[operation].success, redactor);
    },
  };
}
