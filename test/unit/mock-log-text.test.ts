// What the mock logs is escaped line by line (src/mock/log-text.ts): every control character a
// request could smuggle into a log line, and nothing else.
import { describe, expect, it } from "vitest";
import { escapeControls } from "../../src/mock/log-text.js";

describe("escapeControls", () => {
  it.each([
    ["a newline, a carriage return and a tab, by name", "a\nb\rc\td", "a\\nb\\rc\\td"],
    ["the rest of C0, NUL and ESC among them", "\u0000\u0001\u001b[31m\u001f", "\\u0000\\u0001\\u001b[31m\\u001f"],
    ["DEL", "a\u007fb", "a\\u007fb"],
    ["C1, NEL and the 8-bit CSI among them", "\u0080\u0085\u009b31m\u009f", "\\u0080\\u0085\\u009b31m\\u009f"],
    ["the line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
  ])("escapes %s", (_name, text, shown) => {
    expect(escapeControls(text)).toBe(shown);
  });

  it("keeps printable text of any script, symbols and spaces as they are", () => {
    const text = "[mock] callback to http://127.0.0.1:4010/hook: 200 · телефон ✓ 📨 \u00a0\u00ff\u0100 \\n";
    expect(escapeControls(text)).toBe(text);
  });

  it("leaves no line break in what it returns, so one log line stays one line", () => {
    const all = Array.from({ length: 0x2030 }, (_, code) => String.fromCharCode(code)).join("");
    expect(escapeControls(all).split(/\r\n|[\n\r\u0085\u2028\u2029\u000b\u000c]/)).toHaveLength(1);
  });
});
