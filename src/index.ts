// The public API of wwt-rcs.
export { createRcsClient } from "./client.js";
export type { RcsClient } from "./client.js";
export type { RcsClientOptions, SendOptions, RetryOptions } from "./options.js";
export { parseRcsCallback, isFinalStatus } from "./callbacks.js";
export type { RcsCallback } from "./callbacks.js";
export { createRcsCallbackHandler, checkCallbackToken } from "./callback-handler.js";
export type { RcsCallbackHandler, RcsCallbackHandlerOptions, CallbackTokenCheck } from "./callback-handler.js";
export {
  WwtError,
  WwtConfigurationError,
  WwtRequestValidationError,
  WwtCallbackValidationError,
  WwtApiError,
  WwtAuthenticationError,
  WwtDuplicateRequestError,
  WwtServerError,
  WwtInvalidResponseError,
  WwtRedirectError,
  WwtUnansweredError,
  WwtResponseTooLargeError,
  WwtTimeoutError,
  WwtNetworkError,
  WwtAbortError,
  WwtLoginError,
} from "./errors.js";
export type { ApiAnswer, ValidationIssue, FieldError, WwtErrorName } from "./errors.js";
export type {
  SendRcsMessageRequest,
  RcsMessage,
  SendRcsCampaignRequest,
  SendRcsCampaignToPhonesRequest,
  RcsCampaign,
  ListMessagesQuery,
  MessageList,
  ListedMessage,
  RcsMessageStatus,
  RcsMessagePendingStatus,
  RcsMessageFinalStatus,
  RcsCampaignStatus,
  RcsStatusCallback,
  RcsClickCallback,
  RcsStatusReport,
  RcsClickReport,
  UnrecognisedRcsMessageStatus,
  RawCallbackPayload,
} from "./types.js";
export type { paths, components, operations } from "../generated/schema.js";
export type { Client, Middleware } from "openapi-fetch";
