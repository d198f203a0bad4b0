// Noticing that our parent process has gone. A signal sent to `npm run …` or `npx …` does
// not always reach us: npm passes it to the `sh -c` it started, which ends without passing
// it on, and we are left re-parented. Checking the parent's pid is how we notice.

const checkEveryMs = 250;

/** Calls `then` once when the parent process (pid `parent`, ours by default) has gone. */
export function whenOrphaned(then: () => void, parent = process.ppid): void {
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    then();
  }, checkEveryMs);
  timer.unref();
}
