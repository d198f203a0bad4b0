// parseRcsCallback and isFinalStatus: every callback example of the spec is read as the
// right kind, each inconsistency of the platform is tolerated, and anything else (wrong
// types, missing fields, non-objects, prototype-altering keys) is refused with issues.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WwtCallbackValidationError, isFinalStatus, parseRcsCallback, WwtError } from "../src/index.js";
import { requestExamples, spec } from "./support/spec.js";

const statusExamples = requestExamples("onRcsStatusChanged");
const clickExamples = requestExamples("onRcsSuggestionClicked");
const pendingStatuses: string[] = spec.components.schemas.RcsMessagePendingStatus.enum;
const finalStatuses: string[] = spec.components.schemas.RcsMessageFinalStatus.enum;

const status = { ...statusExamples.delivered } as Record<string, unknown>;
const click = { ...clickExamples.clicked } as Record<string, unknown>;

function issuesOf(body: unknown) {
  try {
    parseRcsCallback(body);
  } catch (error) {
    if (error instanceof WwtCallbackValidationError) return error.issues;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

describe("parseRcsCallback: the spec's examples", () => {
  it("has examples of both callbacks", () => {
    expect(Object.keys(statusExamples).length).toBeGreaterThanOrEqual(3);
    expect(Object.keys(clickExamples).length).toBeGreaterThanOrEqual(2);
  });

  it.each(Object.entries(statusExamples))("reads the status example %s as a status change, unchanged", (_name, body) => {
    expect(parseRcsCallback(body)).toEqual({ kind: "status", payload: body });
  });

  it.each(Object.entries(clickExamples))("reads the click example %s as a click, unchanged", (_name, body) => {
    expect(parseRcsCallback(body)).toEqual({ kind: "click", payload: body });
  });

  it("among them covers each inconsistency of the platform", () => {
    const all = [...Object.values(statusExamples), ...Object.values(clickExamples)];
    const clicks = Object.values(clickExamples);
    const dates = (body: any) => [body.time_in, body.time_sent, body.time_dr, body.time_click].filter((d) => typeof d === "string");
    expect(Object.values(statusExamples).some((b: any) => typeof b.id === "number")).toBe(true);
    expect(Object.values(statusExamples).some((b: any) => typeof b.id === "string")).toBe(true);
    expect(clicks.some((b: any) => typeof b.id === "number")).toBe(true);
    expect(clicks.some((b: any) => typeof b.id === "string")).toBe(true);
    expect(all.some((b) => dates(b).some((d) => d.includes("T")))).toBe(true);
    expect(all.some((b) => dates(b).some((d) => / /.test(d)))).toBe(true);
    expect(clicks.some((b: any) => dates(b).some((d) => / /.test(d)))).toBe(true);
    expect(all.some((b: any) => typeof b.msisdn === "number")).toBe(true);
    expect(Object.values(statusExamples).some((b: any) => pendingStatuses.includes(b.status))).toBe(true);
    expect(Object.values(statusExamples).some((b: any) => finalStatuses.includes(b.status))).toBe(true);
  });
});

describe("parseRcsCallback: what the platform may send", () => {
  const tolerated: Array<[string, Record<string, unknown>, "status" | "click"]> = [
    ["an id as an integer", { ...status, id: 918273002 }, "status"],
    ["an id as a string of digits", { ...status, id: "918273002" }, "status"],
    ["a click id as an integer", { ...click, id: 918273003 }, "click"],
    ["a click id as a string of digits", { ...click, id: "918273003" }, "click"],
    ["dates as yyyy-mm-dd hh:mm:ss", { ...status, time_in: "2026-12-01 09:31:12" }, "status"],
    ["dates in the ISO-like form with an offset", { ...status, time_in: "2026-12-01T09:31:12+02:00" }, "status"],
    ["dates in the ISO-like form with a fraction and Z", { ...status, time_dr: "2026-12-01T09:31:12.250Z" }, "status"],
    ["a click time as yyyy-mm-dd hh:mm:ss", { ...click, time_click: "2026-12-01 09:41:17" }, "click"],
    ["a number as an integer", { ...status, msisdn: 380661231231 }, "status"],
    ["no time_sent or time_dr yet", { ...status, time_sent: null, time_dr: null }, "status"],
    ["an errorDescription of null", { ...status, errorDescription: null }, "status"],
    ["no reference", { ...status, reference: null }, "status"],
    ["only the required fields of a status change", { id: 1, msisdn: "380661231231", status: "sent" }, "status"],
    ["a click without postback", { id: 1, msisdn: "380661231231", text: "Call us", time_click: "2026-12-01 09:41:17" }, "click"],
    ["a click with a null postback", { ...click, postback: null }, "click"],
    ["a field the platform adds later", { ...status, channel: "rcs" }, "status"],
  ];
  it.each(tolerated)("accepts %s", (_name, body, kind) => {
    expect(parseRcsCallback(body)).toEqual({ kind, payload: body });
  });

  it.each([...pendingStatuses, ...finalStatuses])("accepts the status %s", (value) => {
    expect(parseRcsCallback({ ...status, status: value })).toMatchObject({ kind: "status", payload: { status: value } });
  });
});

describe("parseRcsCallback: what it refuses", () => {
  const refused: Array<[string, unknown, { path: string; message: RegExp }]> = [
    ["an unknown status", { ...status, status: "lost" }, { path: "status", message: /must be one of .*"sent".*"delivered"/ }],
    ["a status in upper case", { ...status, status: "DELIVERED" }, { path: "status", message: /must be one of/ }],
    ["an id of letters", { ...status, id: "abc" }, { path: "id", message: /integer or must match the pattern/ }],
    ["an id of 0", { ...status, id: 0 }, { path: "id", message: /at least 1/ }],
    ["an id that is a boolean", { ...click, id: true }, { path: "id", message: /^must be an integer or a string$/ }],
    ["a number with a plus", { ...status, msisdn: "+380661231231" }, { path: "msisdn", message: /pattern/ }],
    ["a date in another form", { ...status, time_in: "01.12.2026 09:31" }, { path: "time_in", message: /pattern/ }],
    ["a time_dr that is a number", { ...status, time_dr: 1764581480 }, { path: "time_dr", message: /^must be a string or null$/ }],
    ["an error that is a string", { ...status, error: "0" }, { path: "error", message: /must be an integer/ }],
    ["a price that is a number", { ...status, price: 1.2 }, { path: "price", message: /must be a string/ }],
    ["a currency in lower case", { ...status, currency: "uah" }, { path: "currency", message: /pattern/ }],
    ["a button label over 25 characters", { ...click, text: "x".repeat(26) }, { path: "text", message: /at most 25/ }],
    ["a status change without status", { ...status, status: undefined }, { path: "status", message: /is required/ }],
    ["a status change without id", { ...status, id: undefined }, { path: "id", message: /is required/ }],
    ["a click without time_click", { ...click, time_click: undefined }, { path: "time_click", message: /is required/ }],
    ["an empty object", {}, { path: "status", message: /is required/ }],
    ["null", null, { path: "(body)", message: /must be an object/ }],
    ["an array", [status], { path: "(body)", message: /must be an object/ }],
    ["a string", JSON.stringify(status), { path: "(body)", message: /must be an object/ }],
    ["a number", 918273002, { path: "(body)", message: /must be an object/ }],
    ["a body that is both kinds at once", { ...status, ...click }, { path: "(body)", message: /both/ }],
    ["a body between both kinds", { id: 1, msisdn: "380661231231", text: "Go" }, { path: "(body)", message: /neither/ }],
  ];
  it.each(refused)("refuses %s", (_name, body, expected) => {
    const withoutUndefined = body && typeof body === "object" ? JSON.parse(JSON.stringify(body)) : body;
    const issues = issuesOf(withoutUndefined);
    expect(issues).toContainEqual({ path: expected.path, message: expect.stringMatching(expected.message) });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a payload with a %s key, as JSON.parse makes it", (key) => {
    const body = JSON.parse(`{"id":1,"msisdn":"380661231231","status":"sent","${key}":{"polluted":true}}`);
    expect(Object.keys(body)).toContain(key);
    expect(issuesOf(body)).toEqual([{ path: key, message: "is not an allowed field name" }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a click with a __proto__ key too", () => {
    const body = JSON.parse(`{"id":1,"msisdn":"380661231231","text":"Go","time_click":"2026-12-01 09:41:17","__proto__":{}}`);
    expect(issuesOf(body)).toEqual([{ path: "__proto__", message: "is not an allowed field name" }]);
  });

  it("throws a WwtCallbackValidationError, a WwtError whose message lists the issues", () => {
    let caught: unknown;
    try {
      parseRcsCallback({ ...status, status: "lost", id: "abc" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(WwtCallbackValidationError);
    expect(caught).toBeInstanceOf(WwtError);
    const error = caught as WwtCallbackValidationError;
    expect(error.name).toBe("WwtCallbackValidationError");
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["id", "status"]);
    expect(error.message).toMatch(/^The callback payload is invalid\. .*id: must be an integer/);
    expect(error.message).toContain("status: must be one of");
  });
});

describe("isFinalStatus", () => {
  it.each(finalStatuses)("says %s is final", (value) => {
    expect(isFinalStatus(value)).toBe(true);
  });

  it.each(pendingStatuses)("says %s is not final", (value) => {
    expect(isFinalStatus(value)).toBe(false);
  });

  it("says what the platform documents: delivered, read, expired are final; sent and accepted are not", () => {
    expect(["delivered", "read", "expired", "undelivered", "failed"].every(isFinalStatus)).toBe(true);
    expect(["sent", "accepted", "scheduled"].some(isFinalStatus)).toBe(false);
  });

  it("says no to anything that is not a status", () => {
    for (const value of ["", "DELIVERED", "done", "__proto__", "constructor", "toString"]) expect(isFinalStatus(value)).toBe(false);
  });
});

describe("status documentation", () => {
  // The public status types describe each status in TSDoc; the list must stay the spec's.
  const source = readFileSync(new URL("../src/types.ts", import.meta.url), "utf8");
  const docOf = (alias: string) => {
    const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export type ${alias} =`).exec(source);
    if (!match) throw new Error(`no TSDoc on ${alias}`);
    return [...match[1].matchAll(/^\s*\* - (.*(?:\n\s*\* {3}.*)*)/gm)].flatMap((item) => [...item[1].split(":")[0].matchAll(/`(\w+)`/g)].map((m) => m[1]));
  };

  it("describes every pending status of the spec, and no other", () => {
    expect(docOf("RcsMessagePendingStatus").sort()).toEqual([...pendingStatuses].sort());
  });

  it("describes every final status of the spec, and no other", () => {
    expect(docOf("RcsMessageFinalStatus").sort()).toEqual([...finalStatuses].sort());
  });
});
