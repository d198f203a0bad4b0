// Listening to a caller's AbortSignal without piling listeners on it. A signal that a caller
// shares among many calls (a shutdown signal, say) gets one listener of ours however many
// calls wait on it, and none once they have all ended: Node.js warns when a signal gathers
// more than ten, and a listener left behind would keep every waiting call's state alive.

interface Listening {
  /** What each waiting call asked to run on abort. */
  calls: Set<() => void>;
  /** Our one listener on the signal. */
  dispatch: () => void;
}

const listening = new WeakMap<AbortSignal, Listening>();

/** Calls `onAbort` once when `signal` aborts; the function returned stops listening. */
export function whenAborted(signal: AbortSignal | undefined, onAbort: () => void): () => void {
  if (!signal) return () => {};
  let entry = listening.get(signal);
  if (!entry) {
    const calls = new Set<() => void>();
    const dispatch = () => {
      listening.delete(signal);
      for (const call of calls) call();
    };
    entry = { calls, dispatch };
    listening.set(signal, entry);
    signal.addEventListener("abort", dispatch, { once: true });
  }
  const { calls, dispatch } = entry;
  const call = () => onAbort();
  calls.add(call);
  return () => {
    if (!calls.delete(call) || calls.size > 0 || listening.get(signal) !== entry) return;
    listening.delete(signal);
    signal.removeEventListener("abort", dispatch);
  };
}
