// What a call that must fail rejected with, typed loosely for the assertions that follow; a
// call that resolves fails the test, saying what it resolved to.
export function failureOf(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
