// @ts-check
// Loaded with `node --import` into the Prism process the mock starts: Prism ends when the mock
// that started it ends, even when that one was killed with SIGKILL and could not stop it.
// Plain JavaScript that imports nothing, because it runs inside Prism's own Node.js process,
// from src/mock/ when the tests run the mock from its sources and from dist/mock/ once built.

const parent = Number(process.env.WWT_RCS_MOCK_PARENT);
const timer = setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 250);
timer.unref();
