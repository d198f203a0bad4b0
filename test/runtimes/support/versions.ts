// The runtimes and versions `npm run test:runtimes` tries, kept in one place with the script
// that fetches them ahead of a CI run (scripts/fetch-runtimes.mjs).
export { tested } from "../../../scripts/lib/runtime-versions.mjs";
