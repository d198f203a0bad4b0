// The secrets no error may show, and their removal from whatever an answer or a fetch echoes.
// A server or proxy rarely echoes a credential as it is: it may quote it cut short, upper-cased,
// URL-encoded or base64-encoded (as in a Basic header). Every run of at least 8 characters of
// any of those forms is replaced. The search takes time and memory in proportion to the text
// and the secrets, with no recursion: each secret's 8-character windows go into a hash table
// once, and the text is read once per way of reading it, window by window, with a rolling hash.
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
  let tokens: string[] = [];
  let searches: Search[] | undefined;
  const text = (input: string): string => redact(input, (searches ??= readings.map((reading) => searchOf(reading, [fixed, ...tokens]))));
  return {
    remember(token) {
      if (token === fixed || token === "") return;
      tokens = [...tokens.filter((known) => known !== token), token].slice(-rememberedTokens);
      searches = undefined;
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
      if ([name, message, stack, code].every((part) => typeof part !== "string" || text(part) === part)) return error;
      const copy = Object.assign(new Error(text(message)), { name: text(name) });
      copy.stack = `${copy.name}: ${copy.message}`;
      if (typeof code === "string") Object.assign(copy, { code: text(code) });
      return copy;
    },
  };
}

/** A way of reading the secrets' forms, and a text, so that an echo reads as the secret does. */
interface Reading {
  read: (text: string) => string;
  formsOf: (secret: string) => string[];
}

const readings: Reading[] = [
  // The secret and its URL encoding, without regard to ASCII case.
  { read: lowerAscii, formsOf: plainForms },
  // Its base64 forms, exactly, with base64url read as base64.
  { read: (text) => text.replaceAll("-", "+").replaceAll("_", "/"), formsOf: base64Forms },
];

/** The forms of every secret, read one way, with a hash table of their windows. */
interface Search {
  read: (text: string) => string;
  /** The forms one after another, a NUL between two; no window spans two forms. */
  joined: string;
  /** Position + 1 in `joined` of each distinct window, by hash with open addressing; 0 for an empty slot. */
  slots: Int32Array;
  /** Forms shorter than a window, matched whole. */
  short: string[];
}

function searchOf({ read, formsOf }: Reading, secrets: string[]): Search {
  // A secret is often its own URL encoding: one copy of a form is enough.
  const forms = [...new Set(secrets.flatMap(formsOf).map(read))];
  const joined = forms.join("\u0000");
  // At least twice as many slots as characters, so as windows: the table stays at most half full.
  let size = 16;
  while (size < joined.length * 2) size *= 2;
  const short = forms.filter((form) => form.length > 0 && form.length < window);
  const search: Search = { read, joined, slots: new Int32Array(size), short };
  const hashes = windowHashes(joined);
  let start = 0;
  for (const form of forms) {
    for (let at = start; at + window <= start + form.length; at++) {
      const slot = slotOf(search, joined, at, hashes[at]);
      if (search.slots[slot] === 0) search.slots[slot] = at + 1;
    }
    start += form.length + 1;
  }
  return search;
}

/** The slot that holds the window of `text` at `at`, or else the empty slot where it would go. */
function slotOf({ joined, slots }: Search, text: string, at: number, hash: number): number {
  const mask = slots.length - 1;
  let slot = hash & mask;
  while (slots[slot] !== 0 && !joined.startsWith(text.slice(at, at + window), slots[slot] - 1)) slot = (slot + 1) & mask;
  return slot;
}

const base = 31;
/** What a character weighs in the hash once the window has moved past it. */
const leavingWeight = base ** window | 0;

/** The polynomial hash of the window at each position of `text`, rolled from one to the next. */
function windowHashes(text: string): Int32Array {
  const hashes = new Int32Array(Math.max(0, text.length - window + 1));
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = (Math.imul(hash, base) + text.charCodeAt(i) - Math.imul(text.charCodeAt(i - window) || 0, leavingWeight)) | 0;
    if (i >= window - 1) hashes[i - window + 1] = hash;
  }
  return hashes;
}

function redact(text: string, searches: Search[]): string {
  const hidden = new Uint8Array(text.length);
  for (const search of searches) {
    const read = search.read(text);
    const hashes = windowHashes(read);
    for (let at = 0; at < hashes.length; at++) {
      if (search.slots[slotOf(search, read, at, hashes[at])] !== 0) hidden.fill(1, at, at + window);
    }
    for (const form of search.short) {
      for (let at = read.indexOf(form); at !== -1; at = read.indexOf(form, at + 1)) hidden.fill(1, at, at + form.length);
    }
  }
  let result = "";
  let from = 0;
  // Past the end `hidden[at]` is undefined, so the last run always ends there.
  for (let at = 1; at <= text.length; at++) {
    if (hidden[at] === hidden[from]) continue;
    result += hidden[from] ? redacted : text.slice(from, at);
    from = at;
  }
  return result;
}

function plainForms(secret: string): string[] {
  try {
    return [secret, encodeURIComponent(secret)];
  } catch {
    // A lone surrogate cannot be URL-encoded, so it cannot be echoed that way either.
    return [secret];
  }
}

/**
 * The characters of the secret's base64 encoding that do not depend on the bytes around it,
 * for each of the three ways it can sit among them (as in `user:secret`). Fewer than a window
 * of them say nothing of the secret, so those are left out.
 */
function base64Forms(secret: string): string[] {
  let bytes = "";
  for (const byte of new TextEncoder().encode(secret)) bytes += String.fromCharCode(byte);
  return [0, 1, 2]
    .map((offset) => btoa("\u0000".repeat(offset) + bytes).slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6)))
    .filter((form) => form.length >= window);
}

/** Lower-cases A–Z only, so that every character keeps its place. */
function lowerAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
