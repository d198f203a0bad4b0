// The callback types, checked by the compiler: the union narrows by `kind` to the generated
// payload types, the handler fits web runtimes and node:http, and isFinalStatus narrows.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import {
  createRcsCallbackHandler,
  isFinalStatus,
  parseRcsCallback,
  toNodeListener,
  type components,
  type NodeRequestLike,
  type NodeResponseLike,
  type RcsCallback,
  type RcsClickCallback,
  type RcsMessageFinalStatus,
  type RcsMessagePendingStatus,
  type RcsMessageStatus,
  type RcsStatusCallback,
} from "../src/index.js";

describe("RcsCallback", () => {
  it("narrows by kind to the generated payload types", () => {
    const callback = parseRcsCallback({});
    expectTypeOf(callback).toEqualTypeOf<RcsCallback>();
    if (callback.kind === "status") {
      expectTypeOf(callback.payload).toEqualTypeOf<RcsStatusCallback>();
      expectTypeOf(callback.payload.status).toEqualTypeOf<RcsMessageStatus>();
      // @ts-expect-error a status change has no button label
      void callback.payload.text;
    } else {
      expectTypeOf(callback.kind).toEqualTypeOf<"click">();
      expectTypeOf(callback.payload).toEqualTypeOf<RcsClickCallback>();
      expectTypeOf(callback.payload.postback).toEqualTypeOf<string | null | undefined>();
      // @ts-expect-error a click has no status
      void callback.payload.status;
    }
  });

  it("carries the tolerant id and date types of the spec", () => {
    expectTypeOf<RcsStatusCallback["id"]>().toEqualTypeOf<number | string>();
    expectTypeOf<RcsClickCallback["time_click"]>().toEqualTypeOf<string>();
    expectTypeOf<RcsStatusCallback>().toEqualTypeOf<components["schemas"]["RcsStatusCallback"]>();
  });

  it("has only two kinds", () => {
    expectTypeOf<RcsCallback["kind"]>().toEqualTypeOf<"status" | "click">();
  });
});

describe("status types", () => {
  it("split every status into pending and final literals", () => {
    expectTypeOf<RcsMessagePendingStatus | RcsMessageFinalStatus>().toEqualTypeOf<RcsMessageStatus>();
    expectTypeOf<"sent">().toMatchTypeOf<RcsMessagePendingStatus>();
    expectTypeOf<"delivered">().toMatchTypeOf<RcsMessageFinalStatus>();
    expectTypeOf<"DELIVERED">().not.toMatchTypeOf<RcsMessageStatus>();
  });

  it("narrow with isFinalStatus", () => {
    const status = "sent" as RcsMessageStatus;
    if (isFinalStatus(status)) expectTypeOf(status).toEqualTypeOf<RcsMessageFinalStatus>();
    else expectTypeOf(status).toEqualTypeOf<RcsMessagePendingStatus>();
  });
});

describe("createRcsCallbackHandler", () => {
  it("gives your functions the typed payload and the request", () => {
    createRcsCallbackHandler({
      onStatus: (payload, request) => {
        expectTypeOf(payload).toEqualTypeOf<RcsStatusCallback>();
        expectTypeOf(request).toEqualTypeOf<Request>();
      },
      onClick: async (payload) => {
        expectTypeOf(payload).toEqualTypeOf<RcsClickCallback>();
      },
    });
  });

  it("is a web-standard handler", () => {
    const handler = createRcsCallbackHandler({});
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it("plugs into node:http through toNodeListener", () => {
    const listener = toNodeListener(createRcsCallbackHandler({}));
    createServer(listener);
    expectTypeOf<IncomingMessage>().toMatchTypeOf<NodeRequestLike>();
    expectTypeOf<ServerResponse>().toMatchTypeOf<NodeResponseLike>();
  });
});
