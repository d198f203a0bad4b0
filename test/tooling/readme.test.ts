// Every command in the README works: every npm or npx command in a shell block exists, and CI
// runs what the README gives; its links lead somewhere, and CONTRIBUTING.md's table names every
// npm script. Its TypeScript blocks are type-checked by docs-typescript.test.ts.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tested } from "../runtimes/support/versions.js";
import { requiredFiles } from "../../scripts/check-package.mjs";
import { codeBlocks, readmePath, readPage, recipesPath } from "../support/docs-code.js";

const root = new URL("../..", import.meta.url).pathname;
const readme = readPage(readmePath);
const contributing = readFileSync(join(root, "CONTRIBUTING.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));

const blocks = codeBlocks(readme);
const shellCommands = blocks
  .filter((block) => ["sh", "bash", "shell"].includes(block.language))
  .flatMap((block) => block.code.split("\n").flatMap((line) => line.split(/&&|\|\|/)))
  .map((command) => command.trim())
  .filter((command) => command !== "" && !command.startsWith("#"));

// npm's own commands that the README may use; everything else must be one of our scripts.
const npmBuiltins = new Set(["ci", "install", "pack", "version"]);

function checkNpmCommand(command: string): string | undefined {
  const [, verb, name] = /^npm\s+(\S+)\s*(\S*)/.exec(command) ?? [];
  if (verb === "run") return name in pkg.scripts ? undefined : `no npm script "${name}"`;
  if (verb === "test" || verb === "start") return verb in pkg.scripts ? undefined : `no npm script "${verb}"`;
  return npmBuiltins.has(verb) ? undefined : `unexpected npm command "${verb}"`;
}

function checkNpxCommand(command: string): string | undefined {
  const [, spec] = /^npx\s+(?:--\S+\s+)*(\S+)/.exec(command) ?? [];
  // Our own commands, which a user's `npx` finds in the installed package.
  if (spec in pkg.bin) return existsSync(join(root, pkg.bin[spec])) ? undefined : `our bin "${spec}" names a missing file`;
  const versioned = /^(@?[^@]+)@(.+)$/.exec(spec);
  if (versioned) {
    const [, name, version] = versioned;
    return pkg.devDependencies[name] === version ? undefined : `${name}@${version} is not the version we pin`;
  }
  return existsSync(join(root, "node_modules/.bin", spec)) ? undefined : `no installed binary "${spec}"`;
}

describe("README", () => {
  it("gives only npm commands that exist", () => {
    const npmCommands = shellCommands.filter((command) => /^(npm|npx)\s/.test(command));
    expect(npmCommands.length).toBeGreaterThan(5);
    const problems = npmCommands
      .map((command) => [command, command.startsWith("npx") ? checkNpxCommand(command) : checkNpmCommand(command)])
      .filter(([, problem]) => problem !== undefined);
    expect(problems).toEqual([]);
  });

  it("links only to files and headings that exist", () => {
    const pages = { "README.md": readme, "CONTRIBUTING.md": contributing, [recipesPath]: readPage(recipesPath) };
    const anchor = (heading: string) => heading.toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
    const broken = Object.entries(pages).flatMap(([page, text]) =>
      [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((match) => match[1])
        .filter((target) => !/^[a-z]+:/.test(target))
        .filter((target) => {
          const [file, fragment] = target.split("#");
          const path = file === "" ? page : join(page, "..", file);
          if (!existsSync(join(root, path))) return true;
          if (fragment === undefined || !path.endsWith(".md")) return false;
          const headings = [...readFileSync(join(root, path), "utf8").matchAll(/^#+ (.+)$/gm)].map((heading) => anchor(heading[1]));
          return !headings.includes(fragment);
        })
        .map((target) => `${page}: ${target}`),
    );
    expect(broken).toEqual([]);
  });

  it("links only to documents that ship in the package, so that the links work from node_modules too", () => {
    const linked = [...readme.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)].map((match) => match[1]).filter((target) => !/^[a-z]+:/.test(target));
    expect(linked.length).toBeGreaterThan(0);
    // CONTRIBUTING.md is for working on wwt-rcs, which happens in a checkout of the repository.
    expect(linked.filter((target) => !requiredFiles.includes(target) && target !== "CONTRIBUTING.md")).toEqual([]);
  });

  it("names the tarball `npm pack` writes for this version", () => {
    const tarballs = [...readme.matchAll(/wwt-rcs-(\d[^\s`"]*)\.tgz/g)].map((match) => match[1]);
    expect(tarballs.length).toBeGreaterThan(0);
    expect(new Set(tarballs)).toEqual(new Set([pkg.version]));
  });

  it("documents every npm script in CONTRIBUTING.md's scripts table", () => {
    const table = contributing.slice(contributing.indexOf("| Script |"));
    const undocumented = Object.keys(pkg.scripts).filter((name) => {
      const command = name === "test" || name === "start" ? `npm ${name}` : name === "version" ? "npm version" : `npm run ${name}`;
      return !table.includes(`\`${command}\``);
    });
    expect(undocumented.filter((name) => name !== "prepack")).toEqual([]);
  });

  it("lists every runtime version npm run test:runtimes tries", () => {
    const runtimes = readme.slice(readme.indexOf("### Runtimes"), readme.indexOf("\n## ", readme.indexOf("### Runtimes")));
    const { node, ...others } = tested;
    for (const version of [...node.admitted, ...node.excluded, ...Object.values(others)]) expect(runtimes, version).toContain(version);
    expect(runtimes).toContain(pkg.engines.node);
  });

  it("gives every command CI runs", () => {
    const ci = readFileSync(join(root, ".ci/run"), "utf8");
    const ciCommands = [...ci.matchAll(/^(npm (?:run \S+|test|start))\s*$/gm)].map((match) => match[1]);
    expect(ciCommands.length).toBeGreaterThanOrEqual(7);
    for (const command of ciCommands) expect(readme, command).toContain(command);
  });
});
