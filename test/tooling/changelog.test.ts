// CHANGELOG.md against the spec: `npm run diff` fails when the spec's changes since the last
// release need a breaking bump and the entry for the version being prepared lists nothing
// under `### Breaking`, and `npm version` moves `## Unreleased` under the new version. The
// rules are checked one row each on text; the two commands run for real in a scratch git
// repository (test/support/release-project.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { changelogProblems, parseChangelog, releaseChangelog } from "../../scripts/lib/changelog.mjs";
import { releaseProject, type ReleaseProject } from "../support/release-project.js";

// semver ships no types; these are the functions used.
const semver = createRequire(import.meta.url)("semver") as { inc(version: string, bump: string): string };

const header = "# Changelog\n\nWhat changed.\n\n";
const released010 = "## 0.1.0 - 2026-11-23\n\n### Added\n\n- The first release.\n";
/** A changelog: `unreleased` under Unreleased, then `rest` (by default the 0.1.0 release). */
const log = (unreleased: string, rest = released010) => `${header}## Unreleased\n\n${unreleased}\n${rest}`;

const breaking = "### Breaking\n\n- `callback_url` is gone; send without it.\n";
const addedOnly = "### Added\n\n- A new option.\n";

describe("the changelog check of npm run diff", () => {
  const at = { current: "0.1.0", released: "0.1.0" };

  it.each([
    ["a breaking spec change listed under ### Breaking", log(breaking), "major", []],
    ["a breaking spec change with only other items", log(addedOnly), "major", [/lists nothing under "### Breaking"/]],
    ["a breaking spec change with an empty ### Breaking", log("### Breaking\n\n### Added\n\n- A new option.\n"), "major", [/lists nothing under "### Breaking"/]],
    ["a breaking spec change with Breaking only in an item's words", log("### Changed\n\n- Breaking: the sender is shorter.\n"), "major", [/"### Breaking"/]],
    ["an addition to the spec listed anywhere", log(addedOnly), "minor", []],
    ["an addition to the spec and an empty entry", log(""), "minor", [/the spec changed since 0\.1\.0 \(a minor bump\), but "## Unreleased" lists no change/]],
    ["no spec change and an empty entry", log(""), "none", []],
  ])("%s", (_, text, required, problems) => {
    const result = changelogProblems(text, { ...at, required });
    expect(result.problems).toHaveLength(problems.length);
    problems.forEach((problem, index) => expect(result.problems[index]).toMatch(problem));
  });

  it("checks the section of package.json's version while it is ahead of the release, and Unreleased otherwise", () => {
    const prepared = log(addedOnly, `## 0.2.0\n\n${breaking}\n${released010}`);
    expect(changelogProblems(prepared, { current: "0.2.0", released: "0.1.0", required: "major" })).toMatchObject({ entry: { name: "0.2.0" }, problems: [] });
    // Bumped by hand without a section of its own: the notes are still under Unreleased.
    expect(changelogProblems(log(breaking), { current: "0.2.0", released: "0.1.0", required: "major" })).toMatchObject({ entry: { name: "Unreleased" }, problems: [] });
    expect(changelogProblems(log(addedOnly), { current: "0.2.0", released: "0.1.0", required: "major" }).problems).toHaveLength(1);
  });

  it.each([
    ["no Unreleased section", `${header}${released010}`, /the first section must be "## Unreleased"/],
    ["Unreleased after a version", `${header}${released010}\n## Unreleased\n`, /the first section must be "## Unreleased"/],
    ["a heading that is no version", log("", `## Next\n\n${released010}`), /line \d+: "## Next" is neither/],
    ["a dated Unreleased", `${header}## Unreleased - 2026-11-30\n\n${released010}`, /is neither/],
    ["versions oldest first", log("", `${released010}\n## 0.2.0 - 2026-11-30\n\n- More.\n`), /0\.2\.0 comes after 0\.1\.0/],
    ["a version twice", log("", `${released010}\n${released010}`), /0\.1\.0 comes after 0\.1\.0/],
    ["no entry for the last release", log("", "## 0.0.9 - 2026-11-01\n\n- Earlier.\n"), /no "## 0\.1\.0 - <date>" entry for the last release/],
    ["an undated entry for the last release", log("", "## 0.1.0\n\n- The first release.\n"), /the last release, 0\.1\.0, has no date/],
  ])("refuses a changelog with %s", (_, text, problem) => {
    expect(changelogProblems(text, { ...at, required: "none" }).problems).toEqual([expect.stringMatching(problem)]);
  });

  it("reads the repository's own CHANGELOG.md, which has an entry for package.json's version", () => {
    const text = readFileSync(new URL("../../CHANGELOG.md", import.meta.url), "utf8");
    const { sections } = parseChangelog(text);
    expect(sections[0]).toMatchObject({ name: "Unreleased" });
    expect(sections.map((section) => section.name)).toContain(JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version);
  });
});

describe("the changelog step of npm version", () => {
  const release = (text: string, required = "major") => releaseChangelog(text, { version: "0.2.0", released: "0.1.0", required, date: "2026-12-24" });

  it("moves the Unreleased items under the new version, dated, and opens an empty Unreleased above them", () => {
    expect(release(log(breaking))).toEqual({ problems: [], text: `${header}## Unreleased\n\n## 0.2.0 - 2026-12-24\n\n${breaking}\n${released010}` });
  });

  it("dates a section written ahead for the new version, leaving Unreleased empty", () => {
    const prepared = log("", `## 0.2.0\n\n${breaking}\n${released010}`);
    expect(release(prepared)).toEqual({ problems: [], text: log("", `## 0.2.0 - 2026-12-24\n\n${breaking}\n${released010}`) });
  });

  it.each([
    ["a breaking change not listed under ### Breaking", log(addedOnly), "major", /lists nothing under "### Breaking"/],
    ["an entry that lists nothing", log(""), "none", /"## Unreleased" lists no change; write what 0\.2\.0 changes/],
    ["changes both under Unreleased and under the new version", log(addedOnly, `## 0.2.0\n\n${breaking}\n${released010}`), "major", /both under "## Unreleased" and under "## 0\.2\.0"/],
  ])("refuses %s", (_, text, required, problem) => {
    expect(release(text, required)).toEqual({ problems: [expect.stringMatching(problem)] });
  });
});

describe("in a scratch repository", () => {
  const projects: ReleaseProject[] = [];
  afterEach(() => {
    for (const project of projects.splice(0)) project.remove();
  });

  /** A scratch project whose spec lost a request field since the release: a breaking change. */
  function withBreakingChange() {
    const project = releaseProject();
    projects.push(project);
    project.editSpec("drop callback_url", (spec) => delete spec.components.schemas.SendRcsMessageRequest.properties.callback_url);
    return project;
  }

  it("npm run diff fails while the prepared version's entry does not say it is breaking, and passes once it does", () => {
    const project = withBreakingChange();
    const next = semver.inc(project.released, "minor");
    project.write("package.json", project.read("package.json").replace(`"version": "${project.released}"`, `"version": "${next}"`));
    project.changelog(addedOnly);

    const unannounced = project.run("npm", ["run", "diff"]);
    expect(unannounced.status).toBe(1);
    expect(unannounced.stdout).toContain(`package.json is at ${next}.`);
    expect(unannounced.stderr).toContain(`npm run diff: CHANGELOG.md: the spec's changes since ${project.released} are breaking, but "## Unreleased" lists nothing under "### Breaking"`);

    project.changelog("", `## ${next}\n\n${breaking}\n`);
    const announced = project.run("npm", ["run", "diff"]);
    expect(announced.status, announced.stderr).toBe(0);
    expect(announced.stdout).toContain(`CHANGELOG.md: "## ${next}" lists 1 change, 1 of them breaking; the spec's changes need a major bump.`);
  }, 60_000);

  it("npm version refuses a breaking release whose notes do not say so, or whose bump is too small, and writes nothing; with both right, it moves Unreleased under the new version and refreshes the released snapshot", () => {
    const project = withBreakingChange();
    const next = semver.inc(project.released, "minor");
    const releasedVersion = () => JSON.parse(project.read("released/version.json")).packageVersion;
    project.changelog(addedOnly);
    const before = project.read("CHANGELOG.md");

    const unannounced = project.run("npm", ["version", "minor", "--no-git-tag-version"]);
    expect(unannounced.status).not.toBe(0);
    expect(unannounced.stderr).toContain('npm version: CHANGELOG.md: the spec\'s changes since');
    expect(project.read("CHANGELOG.md")).toBe(before);
    expect(releasedVersion()).toBe(project.released);

    project.git("checkout", "-q", "package.json");
    project.changelog(`${breaking}\n${addedOnly}`);
    const tooSmall = project.run("npm", ["version", "patch", "--no-git-tag-version"]);
    expect(tooSmall.status).not.toBe(0);
    expect(tooSmall.stderr).toContain(`need a major bump: version ${next} or later`);
    expect(releasedVersion()).toBe(project.released);

    project.git("checkout", "-q", "package.json");
    const today = () => new Date().toISOString().slice(0, 10);
    const dayBefore = today();
    const accepted = project.run("npm", ["version", "minor", "--no-git-tag-version"]);
    expect(accepted.status, accepted.stderr).toBe(0);
    const [, afterRelease] = project.read("CHANGELOG.md").split(/^## Unreleased\n\n/m);
    const date = /^## \S+ - (\S+)/.exec(afterRelease)?.[1];
    expect([dayBefore, today()]).toContain(date); // the day the release was made, in UTC
    expect(afterRelease).toBe(`## ${next} - ${date}\n\n${breaking}\n${addedOnly}\n## ${project.released} - 2026-11-23\n\n### Added\n\n- The first release.\n`);
    // The snapshot is the spec released, the client's User-Agent names the new version, and
    // every change is staged for the release commit.
    expect(releasedVersion()).toBe(next);
    expect(project.read("released/openapi.json")).toBe(project.read("generated/openapi.json"));
    expect(project.read("generated/spec-values.js")).toContain(`export const packageVersion = "${next}";`);
    expect(project.git("diff", "--cached", "--name-only").split("\n")).toEqual(
      expect.arrayContaining(["released/openapi.json", "released/version.json", "generated/spec-values.js", "CHANGELOG.md"]),
    );

    // Released: the spec matches its snapshot, Unreleased is empty, and the gate passes.
    const afterwards = project.run("npm", ["run", "diff"]);
    expect(afterwards.status, afterwards.stderr).toBe(0);
    expect(afterwards.stdout).toContain('CHANGELOG.md: "## Unreleased" lists 0 changes; the spec has not changed.');
  }, 60_000);
});
