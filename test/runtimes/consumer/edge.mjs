// The app as an edge function in Vercel's edge runtime, which dispatches requests as fetch events.
import { createRuntimeApp } from "./app.mjs";

const app = createRuntimeApp();

addEventListener("fetch", (event) => event.respondWith(app(event.request)));
