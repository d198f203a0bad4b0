// Vitest global setup of the tooling project: builds dist/ once, before any test runs, when
// it is stale (see scripts/lib/build.mjs). The commands the tests run (`npm run mock`,
// `npm start`, `npm pack`) would build it themselves, several at once; built first, they
// find it up to date and the tests only read it.
import { ensureBuilt } from "../../scripts/lib/build.mjs";

export default function setup() {
  ensureBuilt("tooling tests");
}
