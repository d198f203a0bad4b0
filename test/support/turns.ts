// Waiting for the client to get somewhere without a clock: turns of the event loop
// (setImmediate, which the tests' fake timers leave real), bounded by a count, so that a test
// never depends on how fast a busy machine is and never advances a fake clock by accident.

/** Resolves once `condition()` holds; rejects after `turns` turns of the event loop without it. */
export async function afterTurns(condition: () => boolean, turns = 10_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the condition did not hold within ${turns} turns of the event loop`);
}
