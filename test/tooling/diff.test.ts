// The breaking-change check: the least version a change may ship in (semver's 0.x convention
// included), and Redocly's rating of real spec edits. The `npm version` flow, which refreshes
// the released snapshot only when the bump is big enough and the notes say what breaks, runs
// in changelog.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkSpecChanges, judgeSpecChanges, leastVersionFor, specChanges } from "../../scripts/diff.mjs";

const root = new URL("../..", import.meta.url).pathname;
const released = JSON.parse(readFileSync(join(root, "released/openapi.json"), "utf8"));
const scratchDirs: string[] = [];

function scratchDir() {
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-diff-"));
  scratchDirs.push(dir);
  return dir;
}

/** Writes a copy of the released spec with one edit applied, and returns its path. */
function editedSpec(edit: (spec: typeof released) => void) {
  const spec = structuredClone(released);
  edit(spec);
  const file = join(scratchDir(), "openapi.json");
  writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}

afterEach(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the least version a change may ship in", () => {
  it("before 1.0.0, shifts one place right: a breaking change needs a minor bump, an addition a patch", () => {
    expect(leastVersionFor("0.1.0", "none")).toBe("0.1.0");
    expect(leastVersionFor("0.1.0", "patch")).toBe("0.1.1");
    expect(leastVersionFor("0.1.0", "minor")).toBe("0.1.1");
    expect(leastVersionFor("0.1.3", "major")).toBe("0.2.0");
  });

  it("from 1.0.0 on, follows the bump as rated", () => {
    expect(leastVersionFor("1.2.3", "patch")).toBe("1.2.4");
    expect(leastVersionFor("1.2.3", "minor")).toBe("1.3.0");
    expect(leastVersionFor("1.2.3", "major")).toBe("2.0.0");
  });
});

describe("npm run diff", () => {
  const request = (spec: typeof released) => spec.components.schemas.SendRcsMessageRequest;

  it("finds no change between the released spec and itself", () => {
    const result = checkSpecChanges({ revision: join(root, "released/openapi.json"), current: "0.1.0" });
    expect(result).toMatchObject({ required: "none", enough: true, changes: [] });
  });

  it("rates removing a request field as breaking: at 0.x a patch release is refused, a minor one accepted", () => {
    const revision = editedSpec((spec) => delete request(spec).properties.callback_url);
    // One Redocly run, judged at both versions: checkSpecChanges is judgeSpecChanges(specChanges(revision)).
    const report = specChanges(revision);
    const asPatch = judgeSpecChanges(report, { current: "0.1.1" });
    expect(asPatch).toMatchObject({ required: "major", least: "0.2.0", enough: false });
    expect(asPatch.changes[0].path).toMatch(/callback_url$/);
    expect(judgeSpecChanges(report, { current: "0.2.0" }).enough).toBe(true);
  });

  it("rates tightening a request limit as major", () => {
    const revision = editedSpec((spec) => (spec.components.schemas.RcsSender.maxLength -= 1));
    expect(checkSpecChanges({ revision, current: "0.1.1" })).toMatchObject({ required: "major", enough: false });
  });
});
