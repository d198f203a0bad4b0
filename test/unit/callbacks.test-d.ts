// The callback types, checked by the compiler: the union narrows by `kind` to the report
// types, which keep the spec's field names; an unrecognised status is never taken for a known
// one, so a switch over a report's status needs a default; isFinalStatus narrows a report's
// status; the handler fits web runtimes and, through wwt-rcs/node, node:http; the token check
// tells its three outcomes apart.
import { createServer, type IncomingMessage, type RequestListener } from "node:http";
import { describe, expectTypeOf, it } from "vitest";
import {
  checkCallbackToken,
  createRcsCallbackHandler,
  isFinalStatus,
  type CallbackTokenCheck,
  parseRcsCallback,
  type RawCallbackPayload,
  type RcsCallback,
  type RcsClickCallback,
  type RcsClickReport,
  type RcsMessage,
  type RcsMessageFinalStatus,
  type RcsMessagePendingStatus,
  type RcsMessageStatus,
  type RcsStatusCallback,
  type RcsStatusReport,
  type UnrecognisedRcsMessageStatus,
} from "../../src/index.js";
import { toNodeListener, type NodeCallbackListener, type NodeCallbackRequest } from "../../src/node.js";

describe("RcsCallback", () => {
  it("narrows by kind to the report types", () => {
    const callback = parseRcsCallback({});
    expectTypeOf(callback).toEqualTypeOf<RcsCallback>();
    if (callback.kind === "status") {
      expectTypeOf(callback.payload).toEqualTypeOf<RcsStatusReport>();
      // @ts-expect-error a status change has no button label
      void callback.payload.text;
    } else {
      expectTypeOf(callback.kind).toEqualTypeOf<"click">();
      expectTypeOf(callback.payload).toEqualTypeOf<RcsClickReport>();
      // @ts-expect-error a click has no status
      void callback.payload.status;
    }
  });

  it("hands every field on in one form, and the payload as sent in raw", () => {
    expectTypeOf<RcsStatusReport["id"]>().toEqualTypeOf<string>();
    expectTypeOf<RcsStatusReport["msisdn"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsStatusReport["price"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsStatusReport["error"]>().toEqualTypeOf<number | null>();
    expectTypeOf<RcsClickReport["postback"]>().toEqualTypeOf<string | null>();
    expectTypeOf<RcsStatusReport["raw"]>().toEqualTypeOf<RawCallbackPayload>();
    expectTypeOf<RcsStatusCallback["price"]>().toEqualTypeOf<string | number | null | undefined>();
  });

  it("keeps the spec's field names: a report has each field of its payload, and raw", () => {
    expectTypeOf<keyof RcsStatusReport>().toEqualTypeOf<keyof RcsStatusCallback | "raw">();
    expectTypeOf<keyof RcsClickReport>().toEqualTypeOf<keyof RcsClickCallback | "raw">();
  });

  it("has only two kinds", () => {
    expectTypeOf<RcsCallback["kind"]>().toEqualTypeOf<"status" | "click">();
  });
});

describe("a report's status", () => {
  type Status = RcsStatusReport["status"];

  it("is a known status or an unrecognised one, which the compiler never takes for a known one", () => {
    expectTypeOf<Status>().toEqualTypeOf<RcsMessageStatus | UnrecognisedRcsMessageStatus>();
    expectTypeOf<UnrecognisedRcsMessageStatus>().toMatchTypeOf<string>();
    expectTypeOf<UnrecognisedRcsMessageStatus>().not.toMatchTypeOf<RcsMessageStatus>();
    expectTypeOf<"delivered">().toMatchTypeOf<Status>();
    // A plain string is not a report's status: only the parser makes them.
    expectTypeOf<string>().not.toMatchTypeOf<Status>();
    const status = "sent" as Status;
    // @ts-expect-error an unrecognised status is not a known one
    const known: RcsMessageStatus = status;
    void known;
  });

  it("needs a default in a switch that handles every known status", () => {
    const withoutDefault = (status: Status): "pending" | "final" => {
      switch (status) {
        case "scheduled":
        case "moderation":
        case "accepted":
        case "sending":
        case "sent":
          return "pending";
        case "delivered":
        case "read":
        case "expired":
        case "undelivered":
        case "failed":
        case "unknown":
        case "not_rcs_user":
        case "not_service_user":
        case "not_viber_user":
          return "final";
      }
      expectTypeOf(status).toEqualTypeOf<UnrecognisedRcsMessageStatus>();
      // @ts-expect-error the unrecognised status is still to be handled
      const exhausted: never = status;
      return exhausted;
    };
    const withDefault = (status: Status): string => {
      switch (status) {
        case "delivered":
          return "delivered";
        default:
          return `status ${status}`;
      }
    };
    void withoutDefault;
    void withDefault;
  });

  it("narrows with isFinalStatus", () => {
    const status = "sent" as Status;
    if (isFinalStatus(status)) expectTypeOf(status).toEqualTypeOf<RcsMessageFinalStatus>();
    else expectTypeOf(status).toEqualTypeOf<RcsMessagePendingStatus | UnrecognisedRcsMessageStatus>();
  });

  it("is not narrowed by isFinalStatus when it comes from an answer, which may be written in capitals", () => {
    const status = "DELIVERED" as RcsMessage["status"];
    expectTypeOf(isFinalStatus(status)).toEqualTypeOf<boolean>();
    expectTypeOf(isFinalStatus("DELIVERED")).toEqualTypeOf<boolean>();
  });
});

describe("status types", () => {
  it("split every known status into pending and final literals", () => {
    expectTypeOf<RcsMessagePendingStatus | RcsMessageFinalStatus>().toEqualTypeOf<RcsMessageStatus>();
    expectTypeOf<"sent">().toMatchTypeOf<RcsMessagePendingStatus>();
    expectTypeOf<"delivered">().toMatchTypeOf<RcsMessageFinalStatus>();
    expectTypeOf<"DELIVERED">().not.toMatchTypeOf<RcsMessageStatus>();
  });
});

describe("createRcsCallbackHandler", () => {
  it("gives your functions the reports and the request", () => {
    createRcsCallbackHandler({
      secret: "Wq3vN8cT5yKp2LzR",
      bodyTimeoutMs: 5_000,
      handlerTimeoutMs: 10_000,
      maxBodyBytes: 16 * 1024,
      onStatus: (report, request) => {
        expectTypeOf(report).toEqualTypeOf<RcsStatusReport>();
        expectTypeOf(request).toEqualTypeOf<Request>();
      },
      onClick: async (click) => {
        expectTypeOf(click).toEqualTypeOf<RcsClickReport>();
      },
    });
  });

  it("is a web-standard handler", () => {
    const handler = createRcsCallbackHandler({});
    expectTypeOf(handler).toEqualTypeOf<(request: Request) => Promise<Response>>();
  });

  it("plugs into node:http through toNodeListener, which only wwt-rcs/node exports", () => {
    const listener = toNodeListener(createRcsCallbackHandler({}));
    createServer(listener);
    expectTypeOf(listener).toExtend<RequestListener>();
    expectTypeOf<typeof import("../../src/index.js")>().not.toHaveProperty("toNodeListener");
  });

  it("takes a request with a body on req.body, and settles once it has answered", () => {
    const listener = toNodeListener(createRcsCallbackHandler({}));
    expectTypeOf(listener).toEqualTypeOf<NodeCallbackListener>();
    expectTypeOf<Parameters<NodeCallbackListener>[0]>().toEqualTypeOf<NodeCallbackRequest>();
    expectTypeOf<IncomingMessage>().toExtend<NodeCallbackRequest>();
    expectTypeOf<NodeCallbackRequest["body"]>().toEqualTypeOf<unknown>();
    expectTypeOf<ReturnType<NodeCallbackListener>>().toEqualTypeOf<Promise<void>>();
  });
});

describe("checkCallbackToken", () => {
  it("tells valid, missing or wrong, for a URL as a string or a URL object", () => {
    expectTypeOf(checkCallbackToken).parameters.toEqualTypeOf<[url: string | URL, secret: string]>();
    expectTypeOf(checkCallbackToken).returns.resolves.toEqualTypeOf<CallbackTokenCheck>();
    expectTypeOf<CallbackTokenCheck>().toEqualTypeOf<"valid" | "missing" | "wrong">();
  });
});
