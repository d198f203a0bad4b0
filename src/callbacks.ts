// Reading what the platform POSTs to a message's `callback_url`: any JSON object that names a
// message (`id`) is a report, handed on as a fresh object whose fields each have one form,
// whatever form they arrived in. Only what cannot be a report is refused. Hand-written
// rather than a compiled validator, so that a receiver carries none of the request rules.
import { finalRcsMessageStatuses } from "../generated/spec-values.js";
import { copyJson, isObject } from "./copy.js";
import { WwtCallbackValidationError } from "./errors.js";
import type { RcsClickReport, RcsMessageFinalStatus, RcsMessageStatus, RcsStatusReport, UnrecognisedRcsMessageStatus } from "./types.js";

/**
 * A report, normalised. `kind` says which one it is; `payload` holds its fields (and `raw`,
 * the payload as sent), kept apart from `kind` so that no field can clash with it.
 *
 * - `{ kind: "status", payload }`: the message's status changed (see `isFinalStatus`).
 * - `{ kind: "click", payload }`: the recipient pressed a suggestion button; `payload.postback`
 *   is that button's `postback_data`.
 */
export type RcsCallback = { kind: "status"; payload: RcsStatusReport } | { kind: "click"; payload: RcsClickReport };

/** Fields only a click has. A report with `status` is a status change even if it has them. */
const clickFields = ["text", "time_click", "postback"];
/** Keys that could alter JavaScript objects when a payload is copied or merged. */
const prototypeKeys = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Reads a callback body already parsed from JSON. A JSON object with an `id` (a number or a
 * non-empty string) is a report: with a `status` field it is a status change; with `text`,
 * `time_click` or `postback` and no `status`, a click; otherwise a status change whose status
 * is unrecognised (`""`). Throws a `WwtCallbackValidationError` only for what cannot be a report:
 * a body that is not an object, or has no usable `id`.
 *
 * The payload is a fresh object: `__proto__`, `constructor` and `prototype` keys are dropped
 * at any depth, also from `raw`, so it is safe to copy or merge.
 */
export function parseRcsCallback(body: unknown): RcsCallback {
  const raw = copyJson(body, { keep: (key) => !prototypeKeys.has(key) });
  if (!isObject(raw)) throw new WwtCallbackValidationError({ issues: [{ path: "(body)", message: "must be a JSON object" }] });
  const id = textOf(raw.id) || null; // a number, or a string but the empty one
  if (id === null) {
    throw new WwtCallbackValidationError({ issues: [{ path: "id", message: "is required: a number or a non-empty string" }] });
  }
  const msisdn = msisdnOf(raw.msisdn);
  const reference = textOf(raw.reference);
  if (Object.hasOwn(raw, "status") || !clickFields.some((field) => Object.hasOwn(raw, field))) {
    const payload: RcsStatusReport = {
      id,
      status: statusOf(raw.status),
      msisdn,
      reference,
      error: errorOf(raw.error),
      errorDescription: textOf(raw.errorDescription),
      time_in: dateOf(raw.time_in),
      time_sent: dateOf(raw.time_sent),
      time_dr: dateOf(raw.time_dr),
      price: priceOf(raw.price),
      currency: currencyOf(raw.currency),
      raw,
    };
    return { kind: "status", payload };
  }
  const payload: RcsClickReport = {
    id,
    msisdn,
    reference,
    text: textOf(raw.text),
    postback: textOf(raw.postback),
    time_click: dateOf(raw.time_click),
    raw,
  };
  return { kind: "click", payload };
}

const finalStatuses: ReadonlySet<string> = new Set(finalRcsMessageStatuses);

/**
 * True when `status` is final: the message's delivery outcome no longer changes (a
 * `delivered` message may still become `read`). False for pending statuses, unrecognised
 * ones and anything that is not a status. The case does not matter: `DELIVERED` is final.
 * Given a report's status, it narrows it to `RcsMessageFinalStatus`.
 */
export function isFinalStatus(status: RcsMessageStatus | UnrecognisedRcsMessageStatus): status is RcsMessageFinalStatus;
export function isFinalStatus(status: string): boolean;
export function isFinalStatus(status: string): boolean {
  return typeof status === "string" && finalStatuses.has(status.trim().toLowerCase());
}

function statusOf(value: unknown): RcsMessageStatus | UnrecognisedRcsMessageStatus {
  const status = typeof value === "string" ? value.trim().toLowerCase() : typeof value === "number" ? String(value) : "";
  // Known and unrecognised statuses are both strings; the type tells them apart for the caller.
  return status as RcsMessageStatus | UnrecognisedRcsMessageStatus;
}

function msisdnOf(value: unknown): string | null {
  return textOf(value)?.trim().replace(/^\+/, "") || null;
}

function textOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return typeof value === "string" ? value : null;
}

function dateOf(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function errorOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return typeof value === "string" && /^\s*-?\d+\s*$/.test(value) ? Number(value) : null;
}

function priceOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return decimal(value);
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

/** A number as plain decimal digits: `1e-7` becomes `"0.0000001"`. */
function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/\.?0+$/, "") : text;
}

function currencyOf(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim().toUpperCase() : null;
}
