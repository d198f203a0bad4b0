// The secrets no error may show, and their removal from whatever an answer or a fetch echoes.
// A server or proxy rarely echoes a credential as it is: it may quote it cut short, upper-cased,
// URL-encoded or base64-encoded (as in a Basic header). Every run of at least 8 characters of
// any of those forms is replaced. The search takes time and memory in proportion to the text
// and the secrets, with no recursion: each secret's 8-character windows go into a hash table
// once, and the text is read once, window by window, with a rolling hash.
import { copyJson } from "./copy.js";

/** Tokens remembered besides the API key or given token: the current one and the few before it. */
const rememberedTokens = 4;
/** The shortest run of a secret's characters that counts as an echo of it. */
const window = 8;
const redacted = "[redacted]";

export interface Redactor {
  /** Adds a token the platform issued; the oldest beyond the last few is forgotten. */
  remember(token: string): void;
  /** `text` with every echo of a secret replaced by `[redacted]`. */
  text(text: string): string;
  /** A copy of a parsed answer with every string and key redacted. */
  value(value: unknown): unknown;
  /** A copy of `headers` with every value redacted (and any header whose name holds a secret left out). */
  headers(headers: Headers): Headers;
  /** `error` itself when nothing it shows holds a secret; otherwise a copy that shows none. */
  error(error: unknown): unknown;
}

export function createRedactor(fixed: string): Redactor {
  const tokens: string[] = [];
  let finder: Finder | undefined;
  const text = (input: string): string => redact(input, (finder ??= finderOf([fixed, ...tokens])));
  return {
    remember(token) {
      if (token === fixed || token === "") return;
      const known = tokens.indexOf(token);
      if (known !== -1) tokens.splice(known, 1);
      tokens.push(token);
      if (tokens.length > rememberedTokens) tokens.shift();
      finder = undefined;
    },
    text,
    value: (value) => copyJson(value, { text }),
    headers(headers) {
      const copy = new Headers();
      for (const [name, value] of headers) if (text(name) === name) copy.append(name, text(value));
      return copy;
    },
    error(error) {
      if (!(error instanceof Error)) return typeof error === "string" ? text(error) : error;
      const { name, message, stack } = error;
      const code = (error as { code?: unknown }).code;
      const shown = [message, stack ?? "", typeof code === "string" ? code : ""];
      if (shown.every((part) => text(part) === part)) return error;
      const copy = new Error(text(message));
      copy.name = text(name);
      copy.stack = `${copy.name}: ${copy.message}`;
      if (typeof code === "string") Object.assign(copy, { code: text(code) });
      return copy;
    },
  };
}

/** The windows of the secrets' forms, and a search for them in a text. */
interface Finder {
  /** Forms compared without regard to ASCII case: each secret and its URL encoding. */
  anyCase: WindowIndex;
  /** Base64 forms, compared exactly (base64url is read as base64). */
  exact: WindowIndex;
  /** Forms shorter than a window, matched whole. */
  short: { anyCase: string[]; exact: string[] };
}

function finderOf(secrets: string[]): Finder {
  const anyCase = new Set<string>();
  const exact = new Set<string>();
  for (const secret of secrets) {
    anyCase.add(lowerAscii(secret));
    try {
      anyCase.add(lowerAscii(encodeURIComponent(secret)));
    } catch {
      // A lone surrogate cannot be URL-encoded, so it cannot be echoed that way either.
    }
    for (const form of base64Forms(secret)) if (form.length >= window) exact.add(form);
  }
  const shortOf = (forms: Set<string>) => [...forms].filter((form) => form.length > 0 && form.length < window);
  return { anyCase: indexOf([...anyCase]), exact: indexOf([...exact]), short: { anyCase: shortOf(anyCase), exact: shortOf(exact) } };
}

/** Every window of a set of strings, by rolling hash, in an open-addressing table of positions. */
interface WindowIndex {
  /** The strings, one after another; a window never spans two. */
  joined: string;
  /** Position + 1 of a window in `joined`, or 0 for an empty slot. */
  slots: Int32Array;
}

const base = 31;
/** base^(window - 1), what the first character of a window weighs in its hash. */
const firstWeight = Array.from({ length: window - 1 }).reduce<number>((weight) => Math.imul(weight, base), 1);

function indexOf(forms: string[]): WindowIndex {
  const joined = forms.join("\u0000");
  let count = 0;
  for (const form of forms) count += Math.max(0, form.length - window + 1);
  let size = 16;
  while (size < count * 2) size *= 2;
  const slots = new Int32Array(size);
  let start = 0;
  for (const form of forms) {
    rollWindows(joined, start, start + form.length, (at, hash) => {
      let slot = hash & (size - 1);
      while (slots[slot] !== 0) {
        if (sameWindow(joined, slots[slot] - 1, joined, at)) return;
        slot = (slot + 1) & (size - 1);
      }
      slots[slot] = at + 1;
    });
    start += form.length + 1;
  }
  return { joined, slots };
}

/** Calls `visit` with the start and hash of every window of `text` between `from` and `to`. */
function rollWindows(text: string, from: number, to: number, visit: (at: number, hash: number) => void): void {
  if (to - from < window) return;
  let hash = 0;
  for (let i = from; i < from + window; i++) hash = (Math.imul(hash, base) + text.charCodeAt(i)) | 0;
  visit(from, hash);
  for (let at = from + 1; at + window <= to; at++) {
    hash = (Math.imul(hash - Math.imul(text.charCodeAt(at - 1), firstWeight), base) + text.charCodeAt(at + window - 1)) | 0;
    visit(at, hash);
  }
}

function contains(index: WindowIndex, text: string, at: number, hash: number): boolean {
  const { slots, joined } = index;
  const mask = slots.length - 1;
  for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    if (sameWindow(joined, slots[slot] - 1, text, at)) return true;
  }
  return false;
}

function sameWindow(a: string, atA: number, b: string, atB: number): boolean {
  for (let i = 0; i < window; i++) if (a.charCodeAt(atA + i) !== b.charCodeAt(atB + i)) return false;
  return true;
}

function redact(text: string, finder: Finder): string {
  const lowered = lowerAscii(text);
  const standard = text.replace(/[-_]/g, (c) => (c === "-" ? "+" : "/"));
  // Runs to replace, as [start, end) pairs in order of start.
  const runs: Array<[number, number]> = [];
  const mark = (start: number, end: number) => runs.push([start, end]);
  const hashes = new Int32Array(Math.max(0, text.length - window + 1));
  rollWindows(lowered, 0, lowered.length, (at, hash) => {
    hashes[at] = hash;
  });
  rollWindows(standard, 0, standard.length, (at, hash) => {
    if (contains(finder.anyCase, lowered, at, hashes[at]) || contains(finder.exact, standard, at, hash)) mark(at, at + window);
  });
  for (const [forms, within] of [[finder.short.anyCase, lowered] as const, [finder.short.exact, standard] as const]) {
    for (const form of forms) for (let at = within.indexOf(form); at !== -1; at = within.indexOf(form, at + 1)) mark(at, at + form.length);
  }
  if (runs.length === 0) return text;
  if (finder.short.anyCase.length + finder.short.exact.length > 0) runs.sort((a, b) => a[0] - b[0]);
  let result = "";
  let shown = 0;
  let [start, end] = runs[0];
  for (let i = 1; i <= runs.length; i++) {
    const [from, to] = runs[i] ?? [Infinity, Infinity];
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

/**
 * The characters of the secret's base64 encoding that do not depend on the bytes around it,
 * for each of the three ways it can sit among them (as in `user:secret`).
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  return [0, 1, 2].map((offset) => {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    return base64(padded).slice(Math.ceil((8 * offset) / 6), Math.floor((8 * padded.length) / 6));
  });
}

const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Base64 without padding, a character at a time: no argument list that could overflow. */
function base64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const triple = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += alphabet[(triple >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** Lower-cases A–Z only, so that every character keeps its place. */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
