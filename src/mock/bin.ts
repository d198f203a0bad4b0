#!/usr/bin/env node
// `wwt-rcs-mock [--port 4010] [--host 127.0.0.1] [--allow-callbacks-to-any-host]`: the mock
// for your CI, from the installed package (`npx wwt-rcs-mock`). See serve.ts for what it prints
// and when it stops; callbacks go only to loopback addresses unless the flag says otherwise.
import { parseArgs } from "node:util";
import { serve } from "./serve.js";

const usage = [
  "Usage: wwt-rcs-mock [--port 4010] [--host 127.0.0.1] [--allow-callbacks-to-any-host]",
  "  --port  the port to listen on (0: any free one)",
  "  --host  the address to listen on",
  "  --allow-callbacks-to-any-host  post callbacks to any callback_url, not only to loopback addresses",
].join("\n");
let values: { port: string; host: string; "allow-callbacks-to-any-host"?: boolean; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string", default: "127.0.0.1" },
      "allow-callbacks-to-any-host": { type: "boolean" },
      help: { type: "boolean" },
    },
  }));
} catch (error) {
  console.error(`wwt-rcs-mock: ${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`wwt-rcs-mock: --port must be a port number (0 to 65535), not ${values.port}\n${usage}`);
  process.exit(2);
}
await serve({ port, host: values.host, callbackHosts: values["allow-callbacks-to-any-host"] ? "any" : "loopback", name: "wwt-rcs-mock" });
