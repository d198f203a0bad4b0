// `npm run mock`: the mock users run with `npx wwt-rcs-mock`, from this checkout: Prism
// serving generated/openapi.json behind the layer that makes its answers the platform's
// (mock/). PORT (default 4010) and HOST (default 127.0.0.1) change where it listens;
// Ctrl-C or SIGTERM stops it and everything it started.
import { serve } from "../mock/serve.js";

await serve({ port: Number(process.env.PORT ?? 4010), host: process.env.HOST ?? "127.0.0.1", name: "mock" });
