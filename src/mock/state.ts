// What the mock keeps, as the platform keeps it: per account (the Authorization header, the
// mock's stand-in for the account a token belongs to), the messages it accepted, which
// `listMessages` finds, the campaigns it created, which `getCampaign` and `stopCampaign` find,
// and so the `phone.reference_id`s it used, which it refuses to take twice. Kept until reset.
// Any token is an account, so the limits hold for all accounts together: whoever can reach the
// mock cannot make it hold more than they allow, whatever tokens they send.
import type { components, operations } from "../../generated/schema.js";

type Schemas = components["schemas"];
export type ListedMessage = Schemas["ListedMessage"];
export type Campaign = Schemas["RcsCampaign"];
export type MessageQuery = NonNullable<operations["listMessages"]["parameters"]["query"]>;
export type MessageList = Schemas["MessageListResponse"];

/** The most the mock holds, in all accounts together. */
export interface Limits {
  messages: number;
  campaigns: number;
  /** The messages' content (`rcs_options`) as JSON text, each send's counted once. */
  contentBytes: number;
}

export const defaultLimits: Limits = { messages: 100_000, campaigns: 10_000, contentBytes: 64 * 1024 * 1024 };

/** What a send would add to an account. */
export interface Addition {
  messages: ListedMessage[];
  campaign?: Campaign;
  contentBytes: number;
}

/** Why a send cannot be kept: a `phone.reference_id` used before or twice in it, or no room left. */
export type Refusal = "duplicate" | "full";

export interface Store {
  /** Forgets everything and restarts the ids; given an account, forgets only its messages and campaigns (the ids go on). */
  reset(account?: string): void;
  /** An id never given before: the first one of its kind, then the next, … */
  nextId(kind: "message" | "campaign"): number;
  /** Why the account cannot take a send with these reference ids and this size, or undefined when it can. */
  refusal(account: string, references: string[], size: { messages: number; campaigns: number; contentBytes: number }): Refusal | undefined;
  /** Keeps what a send added; call once `refusal` said it may. */
  keep(account: string, addition: Addition): void;
  /** The account's messages that match `query`, one page of them, as `listMessages` answers. */
  messages(account: string, query: MessageQuery): MessageList;
  campaign(account: string, id: number): Campaign | undefined;
  /** Stops the account's campaign when its status allows: the stopped campaign, or why not. */
  stop(account: string, id: number): Campaign | "not found" | "invalid status";
}

interface Account {
  /** In the order kept, which is the order of their ids. */
  messages: ListedMessage[];
  references: Set<string>;
  campaigns: Map<number, Campaign>;
  contentBytes: number;
}

const stoppable = new Set(["scheduled", "sending", "paused", "moderation"]);

export function createStore({ firstIds, limits = defaultLimits }: { firstIds: { message: number; campaign: number }; limits?: Limits }): Store {
  let accounts = new Map<string, Account>();
  let given = { message: 0, campaign: 0 };
  const held = { messages: 0, campaigns: 0, contentBytes: 0 };

  const forget = (account: Account) => {
    held.messages -= account.messages.length;
    held.campaigns -= account.campaigns.size;
    held.contentBytes -= account.contentBytes;
  };

  return {
    reset(key) {
      if (key === undefined) {
        accounts = new Map();
        given = { message: 0, campaign: 0 };
        Object.assign(held, { messages: 0, campaigns: 0, contentBytes: 0 });
        return;
      }
      const account = accounts.get(key);
      if (account) forget(account);
      accounts.delete(key);
    },
    nextId(kind) {
      return firstIds[kind] + given[kind]++;
    },
    refusal(key, references, size) {
      const known = accounts.get(key)?.references;
      if (new Set(references).size < references.length || references.some((reference) => known?.has(reference))) return "duplicate";
      const over =
        held.messages + size.messages > limits.messages || held.campaigns + size.campaigns > limits.campaigns || held.contentBytes + size.contentBytes > limits.contentBytes;
      return over ? "full" : undefined;
    },
    keep(key, { messages, campaign, contentBytes }) {
      // An account is made only to keep something: asking about one costs nothing.
      let account = accounts.get(key);
      if (!account) accounts.set(key, (account = { messages: [], references: new Set(), campaigns: new Map(), contentBytes: 0 }));
      for (const message of messages) {
        account.messages.push(message);
        if (message.reference_id !== null) account.references.add(message.reference_id);
      }
      if (campaign) account.campaigns.set(campaign.id, campaign);
      account.contentBytes += contentBytes;
      held.messages += messages.length;
      held.campaigns += campaign ? 1 : 0;
      held.contentBytes += contentBytes;
    },
    messages(key, { filter = {}, page = {}, sort = "id", way = "asc" }) {
      const { limit = 50, offset = 0 } = page;
      const matching = (accounts.get(key)?.messages ?? []).filter(
        (message) =>
          (filter.id === undefined || message.id === filter.id) &&
          (filter.campaign_id === undefined || message.campaign_id === filter.campaign_id) &&
          (filter.reference_id === undefined || message.reference_id === filter.reference_id) &&
          (filter.from === undefined || message.created_at >= filter.from) &&
          (filter.to === undefined || message.created_at <= filter.to),
      );
      // Kept in id order already; ties of the other orders are settled by id, the same way.
      const direction = way === "desc" ? -1 : 1;
      const sorted = sort === "id" ? (direction === 1 ? matching : matching.reverse()) : matching.sort((a, b) => direction * (compareBy(sort, a, b) || a.id - b.id));
      return { data: sorted.slice(offset, offset + limit), meta: { page: { limit, offset, total: matching.length } } };
    },
    campaign(key, id) {
      return accounts.get(key)?.campaigns.get(id);
    },
    stop(key, id) {
      const campaign = accounts.get(key)?.campaigns.get(id);
      if (!campaign) return "not found";
      if (!stoppable.has(campaign.status)) return "invalid status";
      campaign.status = "stopped";
      return campaign;
    },
  };
}

/**
 * How two messages compare by `phone` (as numbers) or `delivered` (`delivered_at`, a message
 * not delivered first, as SQL sorts a null), before their ids settle a tie.
 */
function compareBy(sort: "phone" | "delivered", a: ListedMessage, b: ListedMessage): number {
  if (sort === "phone") return Number(a.phone) - Number(b.phone);
  if (a.delivered_at === b.delivered_at) return 0;
  if (a.delivered_at === null) return -1;
  if (b.delivered_at === null) return 1;
  return a.delivered_at < b.delivered_at ? -1 : 1;
}
