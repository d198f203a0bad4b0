// Never send twice. A single send with `phone.reference_id` whose outcome is unknown (a
// timeout, a dropped connection, a 5xx, an unreadable answer) is settled by asking the
// platform for the message with that reference: if it has it, the send resolves with it; only
// when it has none is the message sent again. A repeat answered "duplicate" (429) means an
// earlier attempt did get through, so the send resolves with that message too. Each lookup and
// each repeat is a call of its own, with the send's time limit, signal and headers.
import { WwtAbortError, WwtDuplicateRequestError, WwtError, WwtInvalidResponseError, WwtServerError, WwtUnansweredError } from "./errors.js";
import type { RetryOptions } from "./options.js";
import { whenAborted } from "./signals.js";

export interface SendOnce<T> {
  operation: string;
  retry: Required<RetryOptions>;
  signal: AbortSignal | undefined;
  /** One attempt of the send. */
  send(): Promise<T>;
  /** The message the platform holds with the send's reference, or undefined when it holds none. */
  lookUp(): Promise<T | undefined>;
}

export async function sendOnce<T>({ operation, retry, signal, send, lookUp }: SendOnce<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let unknown: WwtError;
    try {
      // An earlier attempt may have been processed: an abort now is no longer "nothing sent".
      if (attempt > 0 && signal?.aborted) throw new WwtAbortError({ operation, sent: true });
      return await send();
    } catch (error) {
      // The first attempt refused as a duplicate was the caller's own repeat; a later one, ours.
      if (attempt > 0 && error instanceof WwtDuplicateRequestError) return (await settled(error)) ?? Promise.reject(error);
      if (!outcomeUnknown(error) || attempt >= retry.retries) throw error;
      unknown = error;
    }
    await pause(Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** attempt), signal, () => new WwtAbortError({ operation, sent: true }));
    const found = await settled(unknown);
    if (found !== undefined) return found;
  }

  /** The message the platform holds; a lookup that fails leaves the outcome as unknown as `error` says. */
  async function settled(error: WwtError): Promise<T | undefined> {
    try {
      return await lookUp();
    } catch (lookupError) {
      throw lookupError instanceof WwtAbortError ? new WwtAbortError({ operation, sent: true }) : error;
    }
  }
}

/** Whether the send may have been processed although it failed. */
function outcomeUnknown(error: unknown): error is WwtError {
  return error instanceof WwtUnansweredError || error instanceof WwtServerError || error instanceof WwtInvalidResponseError;
}

/** Waits between attempts, unless the caller aborts meanwhile. */
function pause(ms: number, signal: AbortSignal | undefined, abortError: () => Error): Promise<void> {
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
