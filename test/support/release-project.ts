// A scratch copy of the project with what `npm run diff` and `npm version` need, in a git
// repository of its own, at the released version: the tests of the diff gate and of the
// changelog run the real scripts there, as a maintainer would, without touching this checkout.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const sources = [
  "package.json",
  "redocly.yaml",
  "redocly.diff.yaml",
  "redocly",
  "scripts",
  "src/json-pointer.js",
  "released",
  "generated/openapi.json",
  "generated/spec-values.js",
  "generated/spec-values.d.ts",
];
const identity = { GIT_AUTHOR_NAME: "ci", GIT_AUTHOR_EMAIL: "ci@example.com", GIT_COMMITTER_NAME: "ci", GIT_COMMITTER_EMAIL: "ci@example.com" };

export interface ReleaseProject {
  dir: string;
  /** The version released/ records, which package.json starts at. */
  released: string;
  read(file: string): string;
  write(file: string, text: string): void;
  git(...args: string[]): string;
  /**
   * Writes and commits CHANGELOG.md: `unreleased` under `## Unreleased`, then `newer` (the
   * sections of versions after the release, if any), then the release's own entry.
   */
  changelog(unreleased: string, newer?: string): void;
  /** Edits generated/openapi.json (the bundle npm run diff compares) and commits the edit. */
  editSpec(message: string, edit: (spec: any) => void): void;
  /** Runs a command of the project (`npm run diff`, `npm version minor`), without throwing. */
  run(command: string, args: string[]): { status: number | null; stdout: string; stderr: string };
  remove(): void;
}

/** Copies the project into a fresh temporary folder and commits it there as the release. */
export function releaseProject(): ReleaseProject {
  const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-release-"));
  for (const source of sources) cpSync(join(root, source), join(dir, source), { recursive: true });
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  const write = (file: string, text: string) => writeFileSync(join(dir, file), text);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...identity } });

  // The scratch project starts at the released version, whatever the working copy is at.
  const released: string = JSON.parse(read("released/version.json")).packageVersion;
  write("package.json", JSON.stringify({ ...JSON.parse(read("package.json")), version: released }, null, 2) + "\n");
  execFileSync(process.execPath, ["scripts/build-spec-values.mjs"], { cwd: dir, stdio: "pipe" });
  const changelog = (unreleased: string, newer = "") =>
    write("CHANGELOG.md", `# Changelog\n\n## Unreleased\n${unreleased && `\n${unreleased}`}\n${newer}## ${released} - 2026-11-23\n\n### Added\n\n- The first release.\n`);
  changelog("");
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", `release ${released}`);

  return {
    dir,
    released,
    read,
    write,
    git,
    changelog(unreleased, newer) {
      changelog(unreleased, newer);
      git("commit", "-qam", "changelog");
    },
    editSpec(message, edit) {
      const spec = JSON.parse(read("generated/openapi.json"));
      edit(spec);
      write("generated/openapi.json", JSON.stringify(spec, null, 2));
      git("commit", "-qam", message);
    },
    run(command, args) {
      const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", env: { ...process.env, ...identity, REDOCLY_TELEMETRY: "off" } });
      return { status: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
