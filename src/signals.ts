// Listening to a caller's AbortSignal without piling listeners on it. A signal that a caller
// shares among many calls (a shutdown signal, say) gets one listener of ours however many
// calls wait on it, and none once they have all ended: Node.js warns when a signal gathers
// more than ten, and a listener left behind would keep every waiting call's state alive.

/** What each call waiting on a signal asked to run on abort. */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** Our one listener, the same function on every signal: it holds no call's state. */
function dispatch(event: Event): void {
  const signal = event.target as AbortSignal;
  const calls = waiting.get(signal);
  waiting.delete(signal);
  for (const call of calls ?? []) call();
}

/** Calls `onAbort` once when `signal` aborts; the function returned stops listening. */
export function whenAborted(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => {};
  let calls = waiting.get(signal);
  if (!calls) {
    waiting.set(signal, (calls = new Set()));
    signal.addEventListener("abort", dispatch, { once: true });
  }
  // A function of its own, so that two waits with the same `onAbort` are two entries.
  const call = () => onAbort();
  calls.add(call);
  return () => {
    // The last wait to end takes our listener off, unless the signal aborted since (then it is gone).
    if (!calls.delete(call) || calls.size > 0 || waiting.get(signal) !== calls) return;
    waiting.delete(signal);
    signal.removeEventListener("abort", dispatch);
  };
}
