// The package as a user gets it: packed with npm pack, installed into a fresh project,
// type-checked there, and run against a local server that plays WWT.world.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshToken } from "./support/fake-fetch.js";
import { responseExamples } from "./support/spec.js";

const root = new URL("..", import.meta.url).pathname;
const tsc = join(root, "node_modules/.bin/tsc");
let project: string;
let server: Server;
let port: number;
const received: string[] = [];

const consumer = `
import { createRcsClient, WwtRequestValidationError, type RcsMessage } from "wwt-rcs";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const rcs = createRcsClient({ apiKey: "test_consumer", baseUrl: process.env.WWT_BASE_URL });
const message: RcsMessage = await rcs.sendRcsMessage({
  phone: { number: "380661231231", reference_id: "consumer1" },
  sender: "Acme Shop",
  options: { text: "Hello from the packed package" },
});
let refused = "";
try {
  await rcs.sendRcsMessage({ phone: { number: "+1" }, sender: "Acme Shop", options: { text: "x" } });
} catch (error) {
  if (error instanceof WwtRequestValidationError) refused = error.issues[0].path;
}
const specPath = createRequire(import.meta.url).resolve("wwt-rcs/openapi.json");
const spec = JSON.parse(readFileSync(specPath, "utf8"));
console.log(JSON.stringify({ id: message.id, status: message.status, refused, title: spec.info.title }));
`;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "wwt-rcs-consumer-"));
  execFileSync("npm", ["pack", "--silent", "--pack-destination", project], { cwd: root, stdio: "pipe" });
  const tarball = readdirSync(project).find((file) => file.endsWith(".tgz"))!;
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`], { cwd: project, stdio: "pipe" });
  writeFileSync(join(project, "consumer.ts"), consumer);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out",
        lib: ["ES2022", "DOM"], types: [], typeRoots: [join(root, "node_modules/@types")], skipLibCheck: false,
      },
      files: ["consumer.ts", join(root, "node_modules/@types/node/index.d.ts")],
    }),
  );

  const accepted = responseExamples("sendRcsMessage", "200").textMessage;
  server = createServer((request, response) => {
    received.push(`${request.method} ${request.url}`);
    request.resume();
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(request.url === "/api/auth/login" ? { bearer: freshToken() } : accepted));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (project) rmSync(project, { recursive: true, force: true });
});

describe("the packed package", () => {
  it("ships only what a user needs", () => {
    const listing = execFileSync("npm", ["pack", "--dry-run", "--json"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const files = (JSON.parse(listing)[0].files as Array<{ path: string }>).map((f) => f.path).sort();
    expect(files.filter((f) => !f.startsWith("dist/"))).toEqual([
      "README.md",
      "generated/openapi.json",
      "generated/openapi.yaml",
      "generated/schema.d.ts",
      "generated/spec-values.d.ts",
      "generated/spec-values.js",
      "generated/validators.d.ts",
      "generated/validators.js",
      "openapi/arazzo/wwt-rcs.arazzo.yaml",
      "package.json",
    ]);
    expect(files).toContain("dist/index.js");
    expect(files).toContain("dist/index.d.ts");
  });

  it("type-checks in a consumer project", () => {
    expect(() => execFileSync(tsc, ["-p", project], { cwd: project, stdio: "pipe" })).not.toThrow();
  });

  // Asynchronous on purpose: the local server lives in this process and must keep answering.
  it("runs in a consumer project against a local server", async () => {
    const { stdout: output } = await promisify(execFile)(process.execPath, ["out/consumer.js"], {
      cwd: project,
      encoding: "utf8",
      env: { ...process.env, WWT_BASE_URL: `http://127.0.0.1:${port}` },
    });
    expect(JSON.parse(output)).toEqual({ id: 918273001, status: "accepted", refused: "phone.number", title: "WWT.world RCS API" });
    expect(received).toEqual(["POST /api/auth/login", "POST /api/messages/rcs/send"]);
  });
});
