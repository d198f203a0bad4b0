// The `wwt-rcs/node` entry: what only Node.js can run, kept apart so that the main entry
// imports no `node:` module and bundles as it is for browsers and the edge.
export { toNodeListener } from "./node-listener.js";
export type { NodeCallbackListener, NodeCallbackRequest } from "./node-listener.js";
