// Prism gets a body whose property names it can report (src/mock/prism-keys.ts): names that are
// not printable ASCII are renamed on the way in and named back in its violations.
import { describe, expect, it } from "vitest";
import { prismBody } from "../../src/mock/prism-keys.js";

/** A body as sent (JSON text, or a value to write as JSON), and what Prism is given for it. */
const bodyOf = (value: unknown) => {
  const raw = Buffer.from(typeof value === "string" ? value : JSON.stringify(value));
  return { raw, given: prismBody(raw, JSON.parse(raw.toString())) };
};

describe("prismBody", () => {
  it("hands Prism the request's own bytes when every name is printable ASCII", () => {
    const { raw, given } = bodyOf('{"phone": {"number": "380661231231"}, "odd key ~\'\\"": [{"__proto__": 1}]}');
    expect(given.body).toBe(raw);
    const violations = [{ location: ["request", "body"], message: "found 'x'" }];
    expect(given.restore(violations)).toBe(violations);
  });

  it("renames other names, at any depth, keeping order, values and a `__proto__` key", () => {
    const { given } = bodyOf('{"a": 1, "телефон": {"x\\ny": [{"\\u001b": true}]}, "__proto__": 2, "z": null}');
    const sent = JSON.parse(given.body.toString());
    expect(Object.keys(sent)).toEqual(["a", "wwt-rcs-mock-key-3", "__proto__", "z"]);
    expect(sent["wwt-rcs-mock-key-3"]).toEqual({ "wwt-rcs-mock-key-2": [{ "wwt-rcs-mock-key-1": true }] });
    expect(Object.getPrototypeOf(sent)).toBe(Object.prototype);
  });

  it("does not take a name the body already uses", () => {
    const { given } = bodyOf({ "wwt-rcs-mock-key-1": 1, "é": 2 });
    expect(Object.keys(JSON.parse(given.body.toString()))).toEqual(["wwt-rcs-mock-key-1", "wwt-rcs-mock-key-2"]);
  });

  it("names the originals back in the violations' locations and messages", () => {
    const { given } = bodyOf({ options: { "x\ny": 1 }, "é": 2 });
    expect(
      given.restore([
        { location: ["request", "body", "options"], code: "additionalProperties", message: "Request body must NOT have additional properties; found 'wwt-rcs-mock-key-1'", severity: "Error" },
        { location: ["request", "body", "wwt-rcs-mock-key-2"], code: "type", message: "must be string", severity: "Error" },
      ]),
    ).toEqual([
      { location: ["request", "body", "options"], code: "additionalProperties", message: "Request body must NOT have additional properties; found 'x\ny'", severity: "Error" },
      { location: ["request", "body", "é"], code: "type", message: "must be string", severity: "Error" },
    ]);
  });
});
