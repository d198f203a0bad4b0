// What the mock keeps (src/mock/state.ts), on its own: the limits hold for all accounts
// together, a reset of one account frees what it held and nothing else, and ids go on.
import { describe, expect, it } from "vitest";
import { createStore, type ListedMessage } from "../../src/mock/state.js";

const listed = (id: number, referenceId: string | null = null): ListedMessage => ({
  id,
  reference_id: referenceId,
  type: "rcs",
  source: "rest",
  phone: 380661231231,
  status: "accepted",
  amount: { value: "0.85", currency: "UAH" },
  sender: "Acme Shop",
  created_at: "2026-12-01 09:30:00",
  sent_at: null,
  delivered_at: null,
});

describe("the store", () => {
  const size = (messages: number, contentBytes = 0) => ({ messages, campaigns: 0, contentBytes });

  it("holds at most its limits, counting every account together", () => {
    const store = createStore({ firstIds: { message: 1, campaign: 1 }, limits: { messages: 2, campaigns: 1, contentBytes: 100 } });
    expect(store.refusal("a", [], size(2))).toBeUndefined();
    store.keep("a", { messages: [listed(1), listed(2)], contentBytes: 60 });
    expect(store.refusal("b", [], size(1))).toBe("full");
    expect(store.refusal("b", [], { messages: 0, campaigns: 1, contentBytes: 40 })).toBeUndefined();
    expect(store.refusal("b", [], { messages: 0, campaigns: 1, contentBytes: 41 })).toBe("full");
  });

  it("frees what one account held when that account is reset, and keeps the others' and the ids going", () => {
    const store = createStore({ firstIds: { message: 10, campaign: 1 }, limits: { messages: 2, campaigns: 1, contentBytes: 100 } });
    store.keep("a", { messages: [listed(store.nextId("message"), "one1")], contentBytes: 0 });
    store.keep("b", { messages: [listed(store.nextId("message"), "two2")], contentBytes: 0 });
    expect(store.refusal("c", [], size(1))).toBe("full");
    store.reset("a");
    expect(store.refusal("c", [], size(1))).toBeUndefined();
    expect(store.refusal("a", ["one1"], size(1))).toBeUndefined();
    expect(store.refusal("b", ["two2"], size(1))).toBe("duplicate");
    expect(store.messages("b", {}).data.map((message) => message.id)).toEqual([11]);
    expect(store.nextId("message")).toBe(12);
    store.reset();
    expect(store.nextId("message")).toBe(10);
    expect(store.messages("b", {}).meta.page.total).toBe(0);
  });

  it("refuses a reference id given twice in one send as a duplicate", () => {
    const store = createStore({ firstIds: { message: 1, campaign: 1 } });
    expect(store.refusal("a", ["same1", "same1"], size(2))).toBe("duplicate");
  });
});
