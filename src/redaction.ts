// The secrets no error may show, and their removal from whatever an answer echoes. A server
// or proxy rarely echoes a credential as it is: it may quote it cut short, upper-cased,
// URL-encoded or base64-encoded (as in a Basic header). Every run of at least 8 characters
// of any of those forms is replaced, so each of those echoes goes too.

/** Tokens remembered besides the API key or given token: the current one and the few before it. */
const rememberedTokens = 4;
/** The shortest run of a secret's characters that counts as an echo of it. */
const shortestEcho = 8;
const redacted = "[redacted]";

export interface Redactor {
  /** Adds a token the platform issued; the oldest beyond the last few is forgotten. */
  remember(token: string): void;
  /** `text` with every echo of a secret replaced by `[redacted]`. */
  text(text: string): string;
  /**
   * A copy of a parsed answer with every string and key redacted. It walks with a stack of
   * its own, not by recursion: an answer nested 10,000 levels deep is no crash.
   */
  value(value: unknown): unknown;
  /** A copy of `headers` with every value redacted (and any header whose name holds a secret left out). */
  headers(headers: Headers): Headers;
}

/** Pieces of the secrets' forms, by length; a text is searched for each, window by window. */
interface Echoes {
  /** Forms compared without regard to ASCII case: the secret itself and its URL encoding. */
  anyCase: Map<number, Set<string>>;
  /** Forms compared exactly: the base64 and base64url encodings. */
  exact: Map<number, Set<string>>;
}

export function createRedactor(fixed: string): Redactor {
  const tokens: string[] = [];
  let echoes: Echoes | undefined;

  const text = (input: string): string => {
    echoes ??= echoesOf([fixed, ...tokens]);
    return redact(input, echoes);
  };
  return {
    remember(token) {
      if (token === fixed || token === "") return;
      const known = tokens.indexOf(token);
      if (known !== -1) tokens.splice(known, 1);
      tokens.push(token);
      if (tokens.length > rememberedTokens) tokens.shift();
      echoes = undefined;
    },
    text,
    value: (value) => copyWith(value, text),
    headers(headers) {
      const copy = new Headers();
      for (const [name, value] of headers) if (text(name) === name) copy.append(name, text(value));
      return copy;
    },
  };
}

function echoesOf(secrets: string[]): Echoes {
  const echoes: Echoes = { anyCase: new Map(), exact: new Map() };
  const add = (into: Map<number, Set<string>>, form: string) => {
    const length = Math.min(shortestEcho, form.length);
    if (length === 0) return;
    let pieces = into.get(length);
    if (!pieces) into.set(length, (pieces = new Set()));
    for (let i = 0; i + length <= form.length; i++) pieces.add(form.slice(i, i + length));
  };
  for (const secret of secrets) {
    add(echoes.anyCase, lowerAscii(secret));
    add(echoes.anyCase, lowerAscii(encodeURIComponent(secret)));
    for (const encoded of base64Forms(secret)) if (encoded.length >= shortestEcho) add(echoes.exact, encoded);
  }
  return echoes;
}

/**
 * The characters of the secret's base64 (and base64url) encoding that do not depend on the
 * bytes around it, for each of the three ways it can sit among them (as in `user:secret`).
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  return [0, 1, 2].flatMap((offset) => {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const base64 = btoa(String.fromCharCode(...padded));
    const core = base64.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * padded.length) / 6));
    return [core, core.replaceAll("+", "-").replaceAll("/", "_")];
  });
}

function redact(text: string, echoes: Echoes): string {
  // Runs to replace, as [start, end) pairs in order of start; overlapping ones are merged below.
  const runs: Array<[number, number]> = [];
  const lowered = lowerAscii(text);
  for (const [from, byLength] of [[lowered, echoes.anyCase] as const, [text, echoes.exact] as const]) {
    for (const [length, pieces] of byLength) {
      for (let i = 0; i + length <= from.length; i++) {
        if (pieces.has(from.slice(i, i + length))) runs.push([i, i + length]);
      }
    }
  }
  if (runs.length === 0) return text;
  runs.sort((a, b) => a[0] - b[0]);
  let result = "";
  let shown = 0;
  let [start, end] = runs[0];
  for (const [from, to] of [...runs.slice(1), [Infinity, Infinity] as [number, number]]) {
    if (from <= end) {
      end = Math.max(end, to);
      continue;
    }
    result += text.slice(shown, start) + redacted;
    shown = end;
    [start, end] = [from, to];
  }
  return result + text.slice(shown);
}

/** Lower-cases A–Z only, so that every character keeps its place. */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

function copyWith(value: unknown, clean: (text: string) => string): unknown {
  // defineProperty, not assignment: a key such as `__proto__` stays a plain own property.
  const put = (into: object, key: string, item: unknown) =>
    Object.defineProperty(into, key, { value: item, enumerable: true, writable: true, configurable: true });
  const root = {} as { value?: unknown };
  const pending: Array<[source: unknown, into: object, key: string]> = [[value, root, "value"]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, into, key] = next;
    if (typeof source !== "object" || source === null) {
      put(into, key, typeof source === "string" ? clean(source) : source);
      continue;
    }
    const copy: object = Array.isArray(source) ? [] : {};
    put(into, key, copy);
    for (const [name, item] of Object.entries(source)) {
      const copiedName = Array.isArray(source) ? name : clean(name);
      put(copy, copiedName, undefined); // keeps the keys in their order; filled in when popped
      pending.push([item, copy, copiedName]);
    }
  }
  return root.value;
}
