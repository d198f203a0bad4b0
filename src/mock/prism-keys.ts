// Property names Prism cannot report. Prism names an unknown property in its `sl-violations`
// header and in its log; a name Node.js cannot put in a header (a newline, an escape, a
// letter beyond Latin-1 such as `телефон`) made Prism throw and exit, taking the mock down with
// it, and a newline in its log split the line. So Prism gets the body with every property name
// that is not printable ASCII renamed (`wwt-rcs-mock-key-1`, …), and the violations it reports
// name them back. The request schemas name only printable ASCII properties, so such a name is
// unknown under either spelling and Prism's verdict is the same.

const printable = /^[\x20-\x7e]*$/;
const placeholder = /wwt-rcs-mock-key-\d+/g;

export interface PrismBody {
  /** The body to give Prism: the request's own bytes when no name needed renaming. */
  body: Buffer;
  /** Prism's violations, with the original property names in their locations and messages. */
  restore(violations: unknown[]): unknown[];
}

/** What to give Prism for a request body `raw`, parsed as `parsed` (undefined when it is not JSON). */
export function prismBody(raw: Buffer, parsed: unknown): PrismBody {
  const originals = new Map<string, string>();
  let count = 0;
  const rename = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rename);
    if (typeof value !== "object" || value === null) return value;
    const keys = Object.keys(value);
    // fromEntries keeps a key named `__proto__` a plain property.
    return Object.fromEntries(
      keys.map((key) => {
        const child = rename((value as Record<string, unknown>)[key]);
        if (printable.test(key)) return [key, child];
        let name: string;
        do name = `wwt-rcs-mock-key-${++count}`;
        while (keys.includes(name) || originals.has(name));
        originals.set(name, key);
        return [name, child];
      }),
    );
  };
  const renamed = rename(parsed);
  if (originals.size === 0) return { body: raw, restore: (violations) => violations };

  const original = (text: string) => text.replace(placeholder, (name) => originals.get(name) ?? name);
  return {
    body: Buffer.from(JSON.stringify(renamed)),
    restore: (violations) =>
      violations.map((violation) => {
        if (typeof violation !== "object" || violation === null) return violation;
        const { location, message } = violation as { location?: unknown; message?: unknown };
        return {
          ...violation,
          ...(Array.isArray(location) && { location: location.map((part) => (typeof part === "string" ? original(part) : part)) }),
          ...(typeof message === "string" && { message: original(message) }),
        };
      }),
  };
}
