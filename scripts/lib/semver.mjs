// The little semver arithmetic the breaking-change check needs: which part of a version
// changed between two releases, and whether that is enough for a required bump.
const order = ["none", "patch", "minor", "major"];

function parse(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version);
  if (!match) throw new Error(`not a semver version: ${version}`);
  return { parts: match.slice(1, 4).map(Number), prerelease: match[4] ?? "" };
}

/** The bump that took `from` to `to`: "major", "minor", "patch" or "none"; throws when `to` is older. */
export function bumpBetween(from, to) {
  const a = parse(from);
  const b = parse(to);
  for (const [index, level] of ["major", "minor", "patch"].entries()) {
    if (b.parts[index] > a.parts[index]) return level;
    if (b.parts[index] < a.parts[index]) throw new Error(`version ${to} is older than the released ${from}`);
  }
  // Same numbers: only a prerelease tag moved, which carries no compatibility promise.
  return a.prerelease === b.prerelease ? "none" : "patch";
}

/** True when a `made` bump is at least the `required` one. */
export function bumpCovers(made, required) {
  return order.indexOf(made) >= order.indexOf(required);
}
