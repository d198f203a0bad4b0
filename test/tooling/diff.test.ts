// The breaking-change check: the least version a change may ship in (semver's 0.x convention
// included), Redocly's rating of real spec edits, and the `npm version` flow that refreshes the
// released snapshot only when the bump is big enough.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkSpecChanges, leastVersionFor } from "../../scripts/diff.mjs";

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
    const asPatch = checkSpecChanges({ revision, current: "0.1.1" });
    expect(asPatch).toMatchObject({ required: "major", least: "0.2.0", enough: false });
    expect(asPatch.changes[0].path).toMatch(/callback_url$/);
    expect(checkSpecChanges({ revision, current: "0.2.0" }).enough).toBe(true);
  });

  it("rates tightening a request limit as major", () => {
    const revision = editedSpec((spec) => (spec.components.schemas.RcsSender.maxLength -= 1));
    expect(checkSpecChanges({ revision, current: "0.1.1" })).toMatchObject({ required: "major", enough: false });
  });

  it("lets the `version` script refresh the snapshot only when the bump is big enough", () => {
    const project = scratchDir();
    for (const source of ["package.json", "redocly.yaml", "redocly.diff.yaml", "redocly", "scripts", "src/json-pointer.js", "released", "generated/openapi.json", "generated/spec-values.js", "generated/spec-values.d.ts"]) {
      cpSync(join(root, source), join(project, source), { recursive: true });
    }
    symlinkSync(join(root, "node_modules"), join(project, "node_modules"), "dir");
    // The scratch project starts at the released version, whatever the working copy is at.
    const released = JSON.parse(readFileSync(join(project, "released/version.json"), "utf8")).packageVersion;
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    writeFileSync(join(project, "package.json"), JSON.stringify({ ...pkg, version: released }, null, 2) + "\n");
    execFileSync(process.execPath, ["scripts/build-spec-values.mjs"], { cwd: project, stdio: "pipe" });
    const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=ci", "-c", "user.email=ci@example.com", ...args], { cwd: project, stdio: "pipe" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "release 0.1.0");

    const bundle = JSON.parse(readFileSync(join(project, "generated/openapi.json"), "utf8"));
    delete request(bundle).properties.callback_url;
    writeFileSync(join(project, "generated/openapi.json"), JSON.stringify(bundle, null, 2));
    git("commit", "-qam", "drop callback_url");

    const env = { ...process.env, GIT_AUTHOR_NAME: "ci", GIT_AUTHOR_EMAIL: "ci@example.com", GIT_COMMITTER_NAME: "ci", GIT_COMMITTER_EMAIL: "ci@example.com" };
    const npmVersion = (bump: string) => spawnSync("npm", ["version", bump, "--no-git-tag-version"], { cwd: project, env, encoding: "utf8" });

    const patch = npmVersion("patch");
    expect(patch.status).not.toBe(0);
    expect(patch.stderr).toMatch(/need a major bump: version 0\.2\.0 or later/);
    expect(JSON.parse(readFileSync(join(project, "released/version.json"), "utf8")).packageVersion).toBe("0.1.0");

    execFileSync("git", ["checkout", "-q", "package.json"], { cwd: project });
    const minor = npmVersion("minor");
    expect(minor.status, minor.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project, "released/version.json"), "utf8")).packageVersion).toBe("0.2.0");
    expect(readFileSync(join(project, "released/openapi.json"), "utf8")).toBe(readFileSync(join(project, "generated/openapi.json"), "utf8"));
    // The client's User-Agent names the new version, and both changes are staged for the release commit.
    expect(readFileSync(join(project, "generated/spec-values.js"), "utf8")).toContain('export const packageVersion = "0.2.0";');
    const staged = execFileSync("git", ["diff", "--cached", "--name-only"], { cwd: project, encoding: "utf8" }).split("\n");
    expect(staged).toEqual(expect.arrayContaining(["released/openapi.json", "released/version.json", "generated/spec-values.js"]));
  }, 60_000);
});
