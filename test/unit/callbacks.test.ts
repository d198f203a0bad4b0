// parseRcsCallback and isFinalStatus: every callback example of the spec is read as the right
// kind and handed on normalised; only what cannot be a report is refused; the payload is a
// fresh object without prototype-altering keys at any depth, however deep or odd the input.
// The platform's examples and their variants are rows of the corpus (platform-corpus.test.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WwtCallbackValidationError, isFinalStatus, parseRcsCallback, WwtError } from "../../src/index.js";
import { requestExamples, spec } from "../support/spec.js";

const statusExamples = requestExamples("onRcsStatusChanged");
const clickExamples = requestExamples("onRcsSuggestionClicked");
const pendingStatuses: string[] = spec.components.schemas.RcsMessagePendingStatus.enum;
const finalStatuses: string[] = spec.components.schemas.RcsMessageFinalStatus.enum;

function refusal(body: unknown): WwtCallbackValidationError {
  try {
    parseRcsCallback(body);
  } catch (error) {
    if (error instanceof WwtCallbackValidationError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

/** Every object reachable from `value`, itself included. */
function objectsIn(value: unknown, found: object[] = []): object[] {
  if (typeof value !== "object" || value === null || found.includes(value)) return found;
  found.push(value);
  for (const child of Object.values(value)) objectsIn(child, found);
  return found;
}

describe("parseRcsCallback: the spec's examples", () => {
  it("has examples of both callbacks", () => {
    expect(Object.keys(statusExamples).length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(clickExamples).length).toBeGreaterThanOrEqual(2);
  });

  it.each(Object.entries(statusExamples))("reads the status example %s as a status change, the payload kept whole in raw", (_name, body) => {
    const callback = parseRcsCallback(body);
    expect(callback.kind).toBe("status");
    if (callback.kind !== "status") return;
    expect(callback.payload.raw).toEqual(body);
    expect(callback.payload.id).toBe(String(body.id));
    expect(callback.payload.status).toBe(body.status.toLowerCase());
    expect([...pendingStatuses, ...finalStatuses]).toContain(callback.payload.status);
    expect(callback.payload.msisdn).toMatch(/^\d{9,15}$/);
    expect(callback.payload.currency).toMatch(/^[A-Z]{3}$/);
    expect(callback.payload.error).toBe(0);
  });

  it.each(Object.entries(clickExamples))("reads the click example %s as a click, the payload kept whole in raw", (_name, body) => {
    const callback = parseRcsCallback(body);
    expect(callback.kind).toBe("click");
    if (callback.kind !== "click") return;
    expect(callback.payload).toEqual({ ...body, id: String(body.id), postback: body.postback ?? null, raw: body });
  });

  it("among them shows each form the platform sends a field in", () => {
    const statuses = Object.values(statusExamples);
    const clicks = Object.values(clickExamples);
    const all = [...statuses, ...clicks];
    const dates = (body: any) => [body.time_in, body.time_sent, body.time_dr, body.time_click].filter((d) => typeof d === "string");
    for (const bodies of [statuses, clicks]) {
      expect(bodies.some((b: any) => typeof b.id === "number")).toBe(true);
      expect(bodies.some((b: any) => typeof b.id === "string")).toBe(true);
    }
    expect(all.some((b) => dates(b).some((d) => d.includes("T")))).toBe(true);
    expect(all.some((b) => dates(b).some((d) => / /.test(d)))).toBe(true);
    expect(all.some((b: any) => typeof b.msisdn === "number")).toBe(true);
    expect(all.some((b: any) => String(b.msisdn).startsWith("+"))).toBe(true);
    expect(statuses.some((b: any) => b.status !== b.status.toLowerCase())).toBe(true);
    expect(statuses.some((b: any) => typeof b.error === "string")).toBe(true);
    expect(statuses.some((b: any) => pendingStatuses.includes(b.status))).toBe(true);
    expect(statuses.some((b: any) => finalStatuses.includes(b.status))).toBe(true);
  });
});

describe("parseRcsCallback: what it refuses", () => {
  it.each([
    ["null", null],
    ["an array", [{ id: 1, status: "sent" }]],
    ["a string", '{"id":1,"status":"sent"}'],
    ["a number", 918273002],
    ["undefined", undefined],
  ])("refuses %s: not an object", (_name, body) => {
    expect(refusal(body).issues).toEqual([{ path: "(body)", message: "must be a JSON object" }]);
  });

  it.each([
    ["no id", { status: "sent" }],
    ["a null id", { id: null, status: "sent" }],
    ["an empty id", { id: "", text: "Go" }],
    ["a boolean id", { id: true, status: "sent" }],
    ["an id that is not a finite number", { id: Number.NaN, status: "sent" }],
    ["an inherited id", Object.create({ id: 1, status: "sent" })],
  ])("refuses %s: it names no message", (_name, body) => {
    expect(refusal(body).issues).toEqual([{ path: "id", message: expect.stringMatching(/^is required/) }]);
  });

  it("throws a WwtCallbackValidationError, a WwtError whose message says what is missing", () => {
    const error = refusal({ status: "delivered" });
    expect(error).toBeInstanceOf(WwtError);
    expect(error.name).toBe("WwtCallbackValidationError");
    expect(error.message).toMatch(/^The callback payload is invalid: id: is required/);
  });
});

describe("parseRcsCallback: a fresh object, safe to copy and merge", () => {
  const hostile = `{"id":"1","status":"sent","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},` +
    `"prototype":3,"list":[{"__proto__":{"polluted":4}},[{"constructor":5,"kept":6}]],"deep":{"a":{"b":{"__proto__":{"polluted":7},"c":8}}}}`;

  it("drops __proto__, constructor and prototype keys at any depth, in objects and in arrays", () => {
    const body = JSON.parse(hostile);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
    const callback = parseRcsCallback(body);
    expect(callback.payload.raw).toEqual({ id: "1", status: "sent", list: [{}, [{ kept: 6 }]], deep: { a: { b: { c: 8 } } } });
    for (const object of objectsIn(callback)) {
      for (const key of ["__proto__", "constructor", "prototype"]) expect(Object.hasOwn(object, key), key).toBe(false);
      expect(Object.getPrototypeOf(object) === Object.prototype || Array.isArray(object)).toBe(true);
    }
    const merged = Object.assign({}, callback.payload.raw, structuredClone(callback.payload.raw));
    expect((merged as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("copies rather than shares: changing the payload leaves the body alone, and the reverse", () => {
    const body = { id: 1, status: "sent", extra: { nested: [1, 2] } };
    const { payload } = parseRcsCallback(body);
    (payload.raw.extra as { nested: number[] }).nested.push(3);
    expect(body.extra.nested).toEqual([1, 2]);
    body.extra.nested.push(4);
    expect(payload.raw.extra).toEqual({ nested: [1, 2, 3] });
  });

  it("reads a body nested 100,000 levels deep without overflowing the stack", () => {
    const depth = 100_000;
    const body = JSON.parse(`{"id":1,"status":"sent","extra":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    const callback = parseRcsCallback(body);
    let level = 0;
    for (let node = callback.payload.raw.extra; Array.isArray(node) && node.length > 0; node = node[0]) level++;
    expect(level).toBe(depth - 1);
  });

  it("ends on a cyclic object, keeping its shape", () => {
    const body: Record<string, unknown> = { id: 1, status: "sent" };
    body.self = body;
    const raw = parseRcsCallback(body).payload.raw;
    expect(raw.self).toBe(raw);
    expect(raw).not.toBe(body);
  });
});

describe("isFinalStatus", () => {
  it.each(finalStatuses)("says %s is final, in any case", (value) => {
    expect(isFinalStatus(value)).toBe(true);
    expect(isFinalStatus(value.toUpperCase())).toBe(true);
  });

  it.each(pendingStatuses)("says %s is not final, in any case", (value) => {
    expect(isFinalStatus(value)).toBe(false);
    expect(isFinalStatus(value.toUpperCase())).toBe(false);
  });

  it("says what the issue asks: DELIVERED is final, and so are delivered, read and expired", () => {
    expect(["DELIVERED", "Delivered", " delivered ", "read", "EXPIRED"].every((status) => isFinalStatus(status))).toBe(true);
  });

  it("says no to unrecognised statuses and to anything that is not a status", () => {
    for (const value of ["", "lost", "done", "__proto__", "constructor", "toString", undefined, null, 5]) {
      expect(isFinalStatus(value as string)).toBe(false);
    }
  });
});

describe("status documentation", () => {
  // The public status types describe each status in TSDoc; the list must stay the spec's.
  const source = readFileSync(new URL("../../src/types.ts", import.meta.url), "utf8");
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
