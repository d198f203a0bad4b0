// A CommonJS TypeScript user's file: `require` of the ESM-only package, which Node.js allows
// from 20.19 and 22.12 on and TypeScript models under `module: nodenext`.
import wwtRcs = require("wwt-rcs");

const rcs = wwtRcs.createRcsClient({ apiKey: "test_consumer" });
export const message: Promise<wwtRcs.RcsMessage> = rcs.sendRcsMessage({
  phone: { number: "380501234567" },
  sender: "Acme Shop",
  options: { text: "Hi!" },
});
