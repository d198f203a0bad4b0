// `npm run mock`: serves a Prism mock of generated/openapi.yaml with request validation on.
// PORT (default 4010) and HOST (default 127.0.0.1) change where it listens; Ctrl-C stops it.
import { isMain } from "./lib/project.mjs";
import { startPrism } from "./lib/prism.mjs";

export async function runMock({ port = Number(process.env.PORT ?? 4010), host = process.env.HOST ?? "127.0.0.1" } = {}) {
  const prism = await startPrism({ port, host, onLog: (line) => console.log(`[prism] ${line}`) });
  console.log(`\nMock of the WWT.world RCS API: ${prism.url}`);
  console.log(`Point the client at it: createRcsClient({ apiKey: "test", baseUrl: "${prism.url}" })\n`);
  return prism;
}

if (isMain(import.meta.url)) {
  const prism = await runMock();
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, async () => {
      await prism.stop();
      process.exit(0);
    });
  }
}
