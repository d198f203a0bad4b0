// The app in a browser page: the test calls it directly through window.runtimeApp.
import { createRuntimeApp } from "./app.mjs";

globalThis.runtimeApp = createRuntimeApp();
