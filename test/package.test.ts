// The package as a user gets it: packed with npm pack, installed into a fresh project,
// type-checked there, and run against a local server that plays WWT.world.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
let packedFiles: string[];
let server: Server;
let port: number;
const received: string[] = [];

// The consumer needs no @types/node (whose own check would triple the type-check's cost): it
// declares the one Node global it reads, and imports the spec as JSON.
const consumer = `
import { createRcsClient, WwtRequestValidationError, type RcsMessage } from "wwt-rcs";
import spec from "wwt-rcs/openapi.json" with { type: "json" };

declare const process: { env: Record<string, string | undefined> };

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
console.log(JSON.stringify({ id: message.id, status: message.status, refused, title: spec.info.title }));
`;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "wwt-rcs-consumer-"));
  // One pack serves every test: its JSON report lists the files it put in the tarball.
  const packed = execFileSync("npm", ["pack", "--json", "--pack-destination", project], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const [{ filename: tarball, files }] = JSON.parse(packed) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = files.map((file) => file.path).sort();
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", `./${tarball}`], { cwd: project, stdio: "pipe" });
  writeFileSync(join(project, "consumer.ts"), consumer);
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, outDir: "out",
        lib: ["ES2022", "DOM"], types: [], resolveJsonModule: true, skipLibCheck: false, skipDefaultLibCheck: true,
      },
      files: ["consumer.ts"],
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
    const files = packedFiles;
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
