// CHANGELOG.md as the release tools read it: `## Unreleased` first, then one `## <version>`
// (or `## <version> - <date>` once released) per version, newest first. `npm run diff`
// checks that the entry for the version being prepared says it is breaking (an item under
// `### Breaking`) when the spec's changes need a breaking bump; `npm version` moves
// `## Unreleased` under the new version. CHANGELOG.md's own header explains the convention.
import { readFileSync, writeFileSync } from "node:fs";
import semver from "semver";
import { fromRoot } from "./project.mjs";
import { readReleasedVersion } from "../release-snapshot.mjs";

export const changelogFile = () => fromRoot("CHANGELOG.md");

const unreleased = "Unreleased";
const versionHeading = /^## (\S+)(?: - (\d{4}-\d{2}-\d{2}))?\s*$/;

/**
 * Splits the file into its header and its `## ` sections. Throws on a heading that names
 * neither Unreleased nor a semver version, on a version out of order or twice, and when
 * `## Unreleased` is missing or not first.
 */
export function parseChangelog(text) {
  const lines = text.split("\n");
  const sections = [];
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith("## ")) {
      sections.at(-1)?.body.push(line);
      continue;
    }
    const match = versionHeading.exec(line);
    const name = match?.[1];
    if (!match || (name !== unreleased && !semver.valid(name)) || (name === unreleased && match[2])) {
      throw new Error(`CHANGELOG.md line ${index + 1}: "${line}" is neither "## Unreleased" nor "## <version>" or "## <version> - <YYYY-MM-DD>"`);
    }
    sections.push({ line: index, name, version: name === unreleased ? null : name, date: match[2] ?? null, body: [] });
  }
  if (sections[0]?.name !== unreleased) throw new Error('CHANGELOG.md: the first section must be "## Unreleased"');
  const versions = sections.slice(1);
  for (const [index, section] of versions.entries()) {
    if (section.version === null) throw new Error('CHANGELOG.md: "## Unreleased" appears more than once');
    const previous = versions[index - 1];
    if (previous && !semver.gt(previous.version, section.version)) {
      throw new Error(`CHANGELOG.md: ${section.version} comes after ${previous.version}; versions must be listed newest first, each once`);
    }
  }
  return { lines, sections };
}

/** The list items (`- …`) of a section, by the `### ` subsection they stand under ("" before any). */
function itemsBySubsection(section) {
  const items = new Map();
  let subsection = "";
  for (const line of section.body) {
    if (line.startsWith("### ")) subsection = line.slice(4).trim();
    else if (/^[-*] \S/.test(line)) items.set(subsection, (items.get(subsection) ?? 0) + 1);
  }
  return items;
}

/** How many changes a section lists, and how many of them under `### Breaking`. */
export function countItems(section) {
  const items = itemsBySubsection(section);
  return { all: [...items.values()].reduce((sum, count) => sum + count, 0), breaking: items.get("Breaking") ?? 0 };
}

/**
 * The section for the version being prepared: the one headed `current` while `current` is
 * ahead of the `released` version and has a section, else `## Unreleased`.
 */
export function entryFor({ sections }, { current, released }) {
  if (semver.gt(current, released)) {
    const own = sections.find((section) => section.version === current);
    if (own) return own;
  }
  return sections[0];
}

/**
 * What is wrong with the changelog for a spec change that needs a `required` bump ("none",
 * "patch", "minor" or "major", as `npm run diff` rates it), `current` being package.json's
 * version and `released` the last release's. Returns the entry checked and the problems
 * (none when all is well).
 */
export function changelogProblems(text, { current, released, required }) {
  let parsed;
  try {
    parsed = parseChangelog(text);
  } catch (error) {
    return { entry: undefined, problems: [error.message] };
  }
  const problems = [];
  const releasedSection = parsed.sections.find((section) => section.version === released);
  if (!releasedSection) problems.push(`CHANGELOG.md has no "## ${released} - <date>" entry for the last release, ${released}`);
  else if (!releasedSection.date) problems.push(`CHANGELOG.md: the entry for the last release, ${released}, has no date ("## ${released} - <YYYY-MM-DD>")`);

  const entry = entryFor(parsed, { current, released });
  const { all, breaking } = countItems(entry);
  const title = `"## ${entry.name}"`;
  if (required === "major" && breaking === 0) {
    problems.push(`CHANGELOG.md: the spec's changes since ${released} are breaking, but ${title} lists nothing under "### Breaking"; say there what breaks and what to do instead`);
  } else if (required !== "none" && all === 0) {
    problems.push(`CHANGELOG.md: the spec changed since ${released} (a ${required} bump), but ${title} lists no change`);
  }
  return { entry, problems };
}

/**
 * The changelog for `npm version`, which has just set package.json to `version`: the
 * Unreleased items move under `## <version> - <date>` and an empty Unreleased opens above
 * them; a section for `version` written ahead of time is dated instead (Unreleased must then
 * be empty). The new entry must pass `changelogProblems` for the bump the spec needs.
 */
export function releaseChangelog(text, { version, released, required, date }) {
  const { problems } = changelogProblems(text, { current: version, released, required });
  if (problems.length > 0) return { problems };
  const parsed = parseChangelog(text);
  const { lines, sections } = parsed;
  const [open] = sections;
  const entry = entryFor(parsed, { current: version, released });
  if (countItems(entry).all === 0) return { problems: [`CHANGELOG.md: "## ${entry.name}" lists no change; write what ${version} changes before releasing it`] };
  if (entry !== open && countItems(open).all > 0) {
    return { problems: [`CHANGELOG.md has changes both under "## ${unreleased}" and under "## ${version}"; move them into one before releasing ${version}`] };
  }
  const heading = `## ${version} - ${date}`;
  const next = [...lines];
  if (entry === open) next.splice(open.line, 1, `## ${unreleased}`, "", heading);
  else next.splice(entry.line, 1, heading);
  return { problems: [], text: next.join("\n") };
}

const packageVersion = () => JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).version;

/** `npm run diff`'s changelog step: prints one line, and returns whether all is well. */
export function checkChangelog({ required, current = packageVersion(), released = readReleasedVersion() }) {
  const { entry, problems } = changelogProblems(readFileSync(changelogFile(), "utf8"), { current, released, required });
  for (const problem of problems) console.error(`npm run diff: ${problem}`);
  if (problems.length === 0) {
    const { all, breaking } = countItems(entry);
    const listed = `${all} ${all === 1 ? "change" : "changes"}${all > 0 ? `, ${breaking} of them breaking` : ""}`;
    const spec = required === "none" ? "the spec has not changed" : `the spec's changes need a ${required} bump`;
    console.log(`CHANGELOG.md: "## ${entry.name}" lists ${listed}; ${spec}.`);
  }
  return problems.length === 0;
}

/** `npm version`'s changelog step: returns the problems, or writes the file and returns none. */
export function releaseChangelogFile({ required, version = packageVersion(), released = readReleasedVersion(), date = new Date().toISOString().slice(0, 10) }) {
  const result = releaseChangelog(readFileSync(changelogFile(), "utf8"), { version, released, required, date });
  if (result.problems.length === 0) {
    writeFileSync(changelogFile(), result.text);
    console.log(`CHANGELOG.md: the entry for ${version} is dated ${date}`);
  }
  return result.problems;
}
