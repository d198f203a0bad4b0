// Every wait of the client is bounded by the client itself, not by the fetch honouring its
// signal: a fetch of yours that ignores the AbortSignal (a wrapper, a test double) still ends
// on time when it never answers, when its answer stalls after the headers, when the caller
// aborts, and when the login or the refresh is never answered; and a wait that ended leaves no
// timer behind and drops whatever the fetch does later. Both ways a send goes out; time is the
// test's fake clock, never the machine's.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createRcsClient, WwtAbortError, WwtLoginError, WwtTimeoutError, type RcsClient } from "../../src/index.js";
import { fakeFetch, freshToken, json, type Recorded } from "../support/fake-fetch.js";
import { acceptedAnswer, plainMessage } from "../support/fault-scenarios.js";
import { afterTurns } from "../support/turns.js";
import { sendingThrough, ways } from "../support/ways.js";

const apiKey = "test_4f1c2a9e0b7d";
const timeoutMs = 1_000;

afterEach(() => {
  vi.useRealTimers();
});

/** A promise that never settles, whatever signal it was given. */
const never = () => new Promise<Response>(() => {});

/** An answer whose headers arrive and whose body never ends, and which ignores being cancelled. */
function stalledAnswer(onCancel: () => void = () => {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"data":'));
    },
    pull: () => new Promise(() => {}),
    cancel: onCancel,
  });
  return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
}

/** Tells whether `promise` has settled, and what it settled with. */
function watch(promise: Promise<unknown>) {
  let settled = false;
  const result: Promise<{ value?: unknown; error?: unknown }> = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  void result.finally(() => (settled = true));
  return { result, settled: () => settled };
}

describe.each(ways)("with a fetch that ignores its signal, sent %s", (_way, throughMiddleware) => {
  function client(answer: (request: Recorded, call: number) => Response | Promise<Response>): { rcs: RcsClient; server: ReturnType<typeof fakeFetch> } {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const server = fakeFetch((request, call) => answer(request, call));
    return { rcs: sendingThrough(createRcsClient({ apiKey, fetch: server.fetch, timeoutMs }), throughMiddleware), server };
  }
  const loginThen = (send: () => Response | Promise<Response>) => (request: Recorded) =>
    request.path === "/api/auth/login" ? json({ bearer: freshToken() }) : send();

  it("a send that is never answered ends at timeoutMs with a WwtTimeoutError, leaving no timer behind", async () => {
    const { rcs, server } = client(loginThen(never));
    const send = watch(rcs.sendRcsMessage(plainMessage));
    await afterTurns(() => server.sends().length === 1);
    await vi.advanceTimersByTimeAsync(timeoutMs - 1);
    expect(send.settled()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await send.result).error).toBeInstanceOf(WwtTimeoutError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an answer that stalls after its headers ends at timeoutMs, and its body is let go", async () => {
    let cancelled = 0;
    const { rcs, server } = client(loginThen(() => stalledAnswer(() => void cancelled++)));
    const send = watch(rcs.sendRcsMessage(plainMessage));
    await afterTurns(() => server.sends().length === 1);
    await vi.advanceTimersByTimeAsync(timeoutMs);
    expect((await send.result).error).toMatchObject({ name: "WwtTimeoutError", outcomeUnknown: true });
    await afterTurns(() => cancelled === 1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the caller's abort ends the wait at once, with a WwtAbortError saying the request may have been processed", async () => {
    const { rcs, server } = client(loginThen(never));
    const caller = new AbortController();
    const send = watch(rcs.sendRcsMessage(plainMessage, { signal: caller.signal }));
    await afterTurns(() => server.sends().length === 1);
    caller.abort();
    const { error } = await send.result;
    expect(error).toBeInstanceOf(WwtAbortError);
    expect(error).toMatchObject({ outcomeUnknown: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an answer that comes after the send timed out is dropped: its body is cancelled unread", async () => {
    let release!: (response: Response) => void;
    let cancelled = 0;
    const { rcs, server } = client(loginThen(() => new Promise<Response>((resolve) => (release = resolve))));
    const send = watch(rcs.sendRcsMessage(plainMessage));
    await afterTurns(() => server.sends().length === 1);
    await vi.advanceTimersByTimeAsync(timeoutMs);
    expect((await send.result).error).toBeInstanceOf(WwtTimeoutError);
    release(stalledAnswer(() => void cancelled++));
    await afterTurns(() => cancelled === 1);
  });

  it("a login that is never answered fails the send with a WwtLoginError at timeoutMs, and the next send logs in afresh", async () => {
    let loginAnswers = false;
    const { rcs, server } = client((request) =>
      request.path === "/api/auth/login" ? (loginAnswers ? json({ bearer: freshToken() }) : never()) : json(acceptedAnswer),
    );
    const first = watch(rcs.sendRcsMessage(plainMessage));
    await afterTurns(() => server.logins().length === 1);
    await vi.advanceTimersByTimeAsync(timeoutMs);
    const { error } = await first.result;
    expect(error).toBeInstanceOf(WwtLoginError);
    expect((error as WwtLoginError).cause).toBeInstanceOf(WwtTimeoutError);
    expect(server.sends()).toEqual([]);
    loginAnswers = true;
    await expect(rcs.sendRcsMessage(plainMessage)).resolves.toEqual(acceptedAnswer.data);
    expect(server.logins()).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a refresh that is never answered gives way, at timeoutMs, to a login, and the send goes out", async () => {
    // A token of 10 minutes is renewed a tenth of its life before it expires.
    const { rcs, server } = client((request) => {
      if (request.path === "/api/auth/login") return json({ bearer: freshToken(600) });
      if (request.path === "/api/auth/refresh") return never();
      return json(acceptedAnswer);
    });
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    await rcs.sendRcsMessage(plainMessage);
    vi.setSystemTime(Date.now() + 550_000);
    const send = watch(rcs.sendRcsMessage(plainMessage));
    await afterTurns(() => server.requests.some((request) => request.path === "/api/auth/refresh"));
    await vi.advanceTimersByTimeAsync(timeoutMs);
    expect(await send.result).toEqual({ value: acceptedAnswer.data });
    expect(server.requests.map((request) => request.path)).toEqual(["/api/auth/login", "/api/messages/rcs/send", "/api/auth/refresh", "/api/auth/login", "/api/messages/rcs/send"]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
