// Everything the mock logs (its own lines and Prism's) passes through here, because parts of
// it come from requests: a header's value, a URL, a property's name. A control character in
// them could end a line and start a forged one (`\n[mock] …`), or drive the terminal that
// shows the log (ESC and the 8-bit CSI, U+009B, start escape sequences). Each one is shown
// escaped instead, as in a JSON string: C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F) and the
// line and paragraph separators U+2028 and U+2029.

const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every control character escaped (`\n`, `\u001b`, …); printable text, any script, kept. */
export function escapeControls(text: string): string {
  return text.replace(controls, (character) => named[character] ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
