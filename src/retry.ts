// The opt-in `retry` of a single send with `phone.reference_id`: after a network failure or a
// timeout, the send is made again, after a delay that doubles each time. The platform refuses a
// second message with the same reference_id, so a repeat cannot deliver twice.
import { WwtAbortError, WwtNetworkError, WwtTimeoutError } from "./errors.js";
import type { RetryOptions } from "./options.js";
import { whenAborted } from "./signals.js";

export async function withRetry<T>(
  operation: string,
  retry: Required<RetryOptions>,
  signal: AbortSignal | undefined,
  send: () => Promise<T>,
): Promise<T> {
  for (let repeat = 0; ; repeat++) {
    try {
      // An earlier attempt may have been processed: an abort now is no longer "nothing sent".
      if (repeat > 0 && signal?.aborted) throw new WwtAbortError({ operation, sent: true });
      return await send();
    } catch (error) {
      const transient = error instanceof WwtNetworkError || error instanceof WwtTimeoutError;
      if (!transient || repeat >= retry.retries) throw error;
    }
    await sleep(Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** repeat), signal, () => new WwtAbortError({ operation, sent: true }));
  }
}

/** Waits before a repeat, unless the caller aborts meanwhile (an earlier attempt may have been processed). */
function sleep(ms: number, signal: AbortSignal | undefined, abortError: () => Error): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError());
  if (ms === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const stopListening = whenAborted(signal, () => {
      clearTimeout(timer);
      reject(abortError());
    });
    const timer = setTimeout(() => {
      stopListening();
      resolve();
    }, ms);
  });
}
