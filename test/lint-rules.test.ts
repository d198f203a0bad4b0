// `npm run lint` fails on any problem our rules exist to catch, and on warnings too:
// each case breaks a copy of the spec in one place and runs the real lint script on it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;
let scratch: string | undefined;

afterEach(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

function copyProject(): string {
  scratch = mkdtempSync(join(tmpdir(), "wwt-rcs-lint-"));
  for (const source of ["openapi", "redocly", "scripts", "redocly.yaml", "package.json", "generated", ".spectral.yaml"]) {
    cpSync(join(root, source), join(scratch, source), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(scratch, "node_modules"), "dir");
  return scratch;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after, `the edit of ${file} changed nothing`).not.toBe(before);
  writeFileSync(path, after);
}

function lint(dir: string): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, ["scripts/lint.mjs"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    return { code: 0, output };
  } catch (failure: any) {
    return { code: failure.status, output: `${failure.stdout}${failure.stderr}` };
  }
}

describe("npm run lint", () => {
  it("passes on the spec as committed", () => {
    expect(lint(copyProject())).toMatchObject({ code: 0 });
  });

  it.each([
    [
      "a schema property without a description",
      "wwt/property-described",
      (dir: string) =>
        edit(dir, "openapi/components/schemas/RcsTextOptions.yaml", (text) =>
          text.replace(/    description: >-\n      The message text[^]*?counts as 2\.\n/, ""),
        ),
    ],
    [
      "a request string without a limit",
      "wwt/request-string-limited",
      (dir: string) => edit(dir, "openapi/components/schemas/RcsSender.yaml", (text) => text.replace("maxLength: 40\n", "")),
    ],
    [
      "an operation without a request example",
      "rule/request-body-example",
      (dir: string) =>
        edit(dir, "openapi/paths/api_auth_login.yaml", (text) =>
          text.replace(/        examples:\n          liveKey:\n            \$ref: [^\n]+\n/, ""),
        ),
    ],
    [
      "an operation without a success example",
      "rule/success-response-example",
      (dir: string) =>
        edit(dir, "openapi/paths/api_auth_refresh.yaml", (text) =>
          text.replace(/          examples:\n            issued:\n              \$ref: [^\n]+\n/, ""),
        ),
    ],
  ])("fails on %s", (_what, rule, breakIt) => {
    const dir = copyProject();
    breakIt(dir);
    const result = lint(dir);
    expect(result.code).toBe(1);
    expect(result.output).toContain(rule);
  });

  it("fails on an OWASP API security finding in the bundle (Spectral)", () => {
    const dir = copyProject();
    edit(dir, "generated/openapi.yaml", (text) => text.replace("    x-internal: false\n", ""));
    const result = lint(dir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/error owasp:api9:2023-inventory-access/);
  });

  it("fails on a Spectral warning, not only on an error", () => {
    const dir = copyProject();
    edit(dir, ".spectral.yaml", (text) => text.replace("  owasp:api4:2023-string-restricted: off\n", ""));
    const result = lint(dir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/warning owasp:api4:2023-string-restricted/);
  });

  it("fails on a warning, not only on an error", () => {
    const dir = copyProject();
    edit(dir, "redocly.yaml", (text) => text.replace("rules:\n", "rules:\n  info-contact: warn\n"));
    edit(dir, "openapi/openapi.yaml", (text) => text.replace(/  contact:\n(    [^\n]+\n)+/, ""));
    const result = lint(dir);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/warn info-contact/);
  });
});
