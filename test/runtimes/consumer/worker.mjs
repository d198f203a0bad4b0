// The app as a Cloudflare Worker (ES module syntax), run by workerd.
import { createRuntimeApp } from "./app.mjs";

const app = createRuntimeApp();

export default {
  fetch: (request) => app(request),
};
