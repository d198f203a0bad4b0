// `wwt-rcs/mock` (Node.js only): the WWT.world RCS API mock, Prism behind a layer that answers
// in the platform's dialect. Needs the optional peer dependency @stoplight/prism-cli.
export { startMock } from "./start.js";
export type { MockOptions, RunningMock } from "./start.js";
export type { CallbackHosts } from "./callback-hosts.js";
export { whenStarterEnds } from "./starter.js";
