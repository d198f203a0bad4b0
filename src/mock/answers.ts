// How the mock turns Prism's example answer to a send into the platform's answer to this
// send, and what it remembers meanwhile: a fresh id for each message and campaign, and the
// `phone.reference_id`s already accepted, which the platform refuses to send twice.
import type { components } from "../../generated/schema.js";

type Schemas = components["schemas"];
export type Kind = "message" | "campaign";

/** Dates as the platform writes them, `yyyy-mm-dd hh:mm:ss` (UTC here). */
export function platformDate(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

export interface History {
  /** Forgets every reference id and restarts the ids. */
  reset(): void;
  /** Records `referenceId` for `account`; false when the account has sent it before. */
  remember(account: string, referenceId: string): boolean;
  /** An id after `first` never given before: `first`, then `first + 1`, … */
  nextId(kind: Kind, first: number): number;
}

/**
 * The mock's memory, kept until `reset()`. Reference ids are remembered per Authorization
 * header, the mock's stand-in for the account they belong to.
 */
export function createHistory(): History {
  let references = new Map<string, Set<string>>();
  let sent: Record<Kind, number> = { message: 0, campaign: 0 };
  return {
    reset() {
      references = new Map();
      sent = { message: 0, campaign: 0 };
    },
    remember(account, referenceId) {
      const known = references.get(account) ?? new Set();
      references.set(account, known);
      if (known.has(referenceId)) return false;
      known.add(referenceId);
      return true;
    },
    nextId(kind, first) {
      return first + sent[kind]++;
    },
  };
}

/** An accepted message as the mock answers it: `validity_seconds` beside the answer schema's fields. */
export type EchoedMessage = Schemas["RcsMessage"] & { validity_seconds?: number };

/**
 * The accepted message, echoing what the request fixed. `validity` and `validity_seconds` are
 * there as the request gave them, and left out when it gave none or `null` (which the request
 * schema reads as none): the answer schema allows a missing `validity`, not a `null` one, and
 * does not list `validity_seconds`, which its tolerance for added fields lets through.
 */
export function echoMessage(example: Schemas["RcsMessage"], request: Schemas["SendRcsMessageRequest"], { id, now }: { id: number; now: string }): EchoedMessage {
  const { validity: _exampleValidity, ...rest } = example as EchoedMessage;
  return {
    ...rest,
    id,
    reference_id: request.phone.reference_id ?? null,
    phone: Number(request.phone.number),
    sender: request.sender,
    ...(typeof request.validity === "number" && { validity: request.validity }),
    ...(typeof request.validity_seconds === "number" && { validity_seconds: request.validity_seconds }),
    created_at: now,
    sent_at: null,
    delivered_at: null,
  };
}

/** The created campaign, echoing what the request fixed: instant unless it gives `start_at`. */
export function echoCampaign(example: Schemas["RcsCampaign"], request: Schemas["SendRcsCampaignRequest"], { id, now }: { id: number; now: string }): Schemas["RcsCampaign"] {
  return {
    ...example,
    id,
    name: `RCS api campaign / ${now}`,
    sender: request.sender,
    start_at: request.start_at ?? now,
    created_at: now,
  };
}
