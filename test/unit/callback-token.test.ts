// checkCallbackToken, for routes that read the body themselves: what it finds in a callback
// URL (whole, path and query alone, or a URL object), that the handler answers each URL as
// the check reads it (the same code), which secrets it refuses, and that it compares digests
// of both tokens made with Web Crypto rather than the tokens themselves.
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkCallbackToken, createRcsCallbackHandler, WwtConfigurationError, type CallbackTokenCheck } from "../../src/index.js";
import { requestExamples } from "../support/spec.js";

const secret = "Wq3vN8cT5yKp2LzR";
const statusBody = requestExamples("onRcsStatusChanged").delivered;

const queries: Array<[string, string, CallbackTokenCheck]> = [
  ["the token", `?token=${secret}`, "valid"],
  ["the token among other parameters", `?source=wwt&token=${secret}&x=1`, "valid"],
  ["no query", "", "missing"],
  ["the token under another name", `?secret=${secret}`, "missing"],
  ["an empty token", "?token=", "wrong"],
  ["a token one character off", `?token=${secret.slice(0, -1)}X`, "wrong"],
  ["the token with one more character", `?token=${secret}X`, "wrong"],
  ["the token cut short", `?token=${secret.slice(0, -1)}`, "wrong"],
  ["the token twice", `?token=${secret}&token=${secret}`, "wrong"],
  ["the token in another case", `?token=${secret.toUpperCase()}`, "wrong"],
];

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("checkCallbackToken", () => {
  it.each(queries)("finds %s %s: %s", async (_name, query, expected) => {
    expect(await checkCallbackToken(`https://hooks.example.com/wwt/rcs${query}`, secret)).toBe(expected);
    expect(await checkCallbackToken(`/wwt/rcs${query}`, secret)).toBe(expected);
    expect(await checkCallbackToken(new URL(`http://127.0.0.1:8080/wwt/rcs${query}`), secret)).toBe(expected);
  });

  it("finds no token in a URL that cannot be parsed", async () => {
    expect(await checkCallbackToken(`http://[::1/wwt/rcs?token=${secret}`, secret)).toBe("missing");
  });

  it.each(queries)("agrees with the handler, which answers %s %s as the check reads it", async (_name, query, expected) => {
    const reports: unknown[] = [];
    const handle = createRcsCallbackHandler({ secret, onStatus: (report) => void reports.push(report) });
    const request = new Request(`http://localhost/wwt/rcs${query}`, { method: "POST", body: JSON.stringify(statusBody) });
    const response = await handle(request);
    expect(response.status).toBe({ valid: 200, missing: 401, wrong: 403 }[expected]);
    expect(reports).toHaveLength(expected === "valid" ? 1 : 0);
  });

  it.each([
    ["shorter than 16 characters", "Wq3vN8cT5yKp2Lz"],
    ["with a character a URL would have to escape", "Wq3vN8cT5yKp2LzR/"],
    ["empty", ""],
  ])("rejects a secret %s with a WwtConfigurationError that does not quote it", async (_name, weak) => {
    const failure = await checkCallbackToken(`/wwt/rcs?token=${weak}`, weak).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WwtConfigurationError);
    expect((failure as Error).message).toMatch(/at least 16 characters/);
    if (weak !== "") expect((failure as Error).message).not.toContain(weak);
  });

  it("hashes both tokens with SHA-256, so that what is compared always has 32 bytes", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    expect(await checkCallbackToken(`/wwt/rcs?token=${secret}X`, secret)).toBe("wrong");
    const hashed = digest.mock.calls.map(([algorithm, data]) => [algorithm, new TextDecoder().decode(data as Uint8Array)]);
    expect(hashed).toEqual(expect.arrayContaining([["SHA-256", secret], ["SHA-256", `${secret}X`]]));
  });

  it("rejects with a WwtConfigurationError in a runtime without crypto.subtle", async () => {
    vi.stubGlobal("crypto", {});
    const failure = await checkCallbackToken(`/wwt/rcs?token=${secret}`, secret).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WwtConfigurationError);
    expect((failure as Error).message).toMatch(/crypto\.subtle/);
  });
});
