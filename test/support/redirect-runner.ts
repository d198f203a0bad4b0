// Run by another Node.js (bundled with the client by esbuild): sends one message against each
// base URL given as a JSON array in argv[2], and prints how each send ended, as JSON.
import { createRcsClient } from "../../src/index.js";
import { sendAndDescribe } from "./redirect-cases.js";

const baseUrls: string[] = JSON.parse(process.argv[2]);
const outcomes = [];
for (const baseUrl of baseUrls) outcomes.push(await sendAndDescribe(createRcsClient, baseUrl));
process.stdout.write(JSON.stringify(outcomes));
