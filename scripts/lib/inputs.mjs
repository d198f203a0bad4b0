// Whether something derived (generated/, dist/) was made from the files it is made from now,
// judged by content: a record of the SHA-256 of every input file, written beside the output when
// it is made, and compared with the files as they are. File times would not do: git does not
// keep them, so on a fresh clone every source looks newer than what was derived from it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** The SHA-256 of every file under `paths` (files or folders, relative to `root`), sorted by path. */
export function hashInputs(root, paths) {
  const files = paths.flatMap((path) => filesUnder(root, path)).sort();
  return new Map(files.map((file) => [file, createHash("sha256").update(readFileSync(join(root, file))).digest("hex")]));
}

/** The record of `hashes`: a header line, then `<sha-256>  <path>` per file, as sha256sum writes them. */
export function formatRecord(header, hashes) {
  return [`# ${header}`, ...[...hashes].map(([file, hash]) => `${hash}  ${file}`)].join("\n") + "\n";
}

/** Writes the record in one step, so that a reader sees the old one or the new one. */
export function writeRecord(file, header, hashes) {
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, formatRecord(header, hashes));
  renameSync(partial, file);
}

/**
 * Why the output recorded in `file` no longer matches `hashes`, naming the first input that
 * differs; undefined when it matches.
 */
export function recordMismatch(file, hashes) {
  if (!existsSync(file)) return "no record of what it was made from";
  const recorded = new Map(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => {
        const [hash, ...path] = line.split("  ");
        return [path.join("  "), hash];
      }),
  );
  for (const [path, hash] of hashes) {
    if (!recorded.has(path)) return `${path} is new`;
    if (recorded.get(path) !== hash) return `${path} has changed`;
  }
  const gone = [...recorded.keys()].find((path) => !hashes.has(path));
  return gone && `${gone} is gone`;
}

/** The files under `path` (relative to `root`), as relative paths with forward slashes. */
function filesUnder(root, path) {
  const absolute = join(root, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"));
}
