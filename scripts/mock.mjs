// `npm run mock`: the mock users run with `npx wwt-rcs-mock`, from this checkout: the same
// command (package.json's `bin`), run from dist/, which it builds first when src/ changed.
// PORT (default 4010) and HOST (default 127.0.0.1) change where it listens; what follows
// `npm run mock --` goes to the command as it is (`--help` lists it). Ctrl-C or SIGTERM stops
// it and everything it started.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { ensureBuilt } from "./lib/build.mjs";
import { fromRoot } from "./lib/project.mjs";

ensureBuilt("mock");
const command = fromRoot(JSON.parse(readFileSync(fromRoot("package.json"), "utf8")).bin["wwt-rcs-mock"]);
const where = ["--port", process.env.PORT ?? "4010", "--host", process.env.HOST ?? "127.0.0.1"];
process.argv = [process.argv[0], command, ...where, ...process.argv.slice(2)];
await import(pathToFileURL(command).href);
