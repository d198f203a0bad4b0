// The public API of wwt-rcs.
export { createRcsClient } from "./client.js";
export type { RcsClient, RcsClientOptions, SendOptions } from "./client.js";
export type { RetryOptions } from "./transport.js";
export { parseRcsCallback, isFinalStatus, createRcsCallbackHandler, toNodeListener } from "./callbacks.js";
export type { RcsCallback, RcsCallbackHandler, RcsCallbackHandlerOptions, NodeRequestLike, NodeResponseLike } from "./callbacks.js";
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
  WwtResponseTooLargeError,
  WwtTimeoutError,
  WwtNetworkError,
  WwtAbortError,
  WwtLoginError,
} from "./errors.js";
export type { ApiAnswer, ValidationIssue, FieldError } from "./errors.js";
export type {
  SendRcsMessageRequest,
  RcsMessage,
  SendRcsCampaignRequest,
  RcsCampaign,
  RcsMessageStatus,
  RcsMessagePendingStatus,
  RcsMessageFinalStatus,
  RcsCampaignStatus,
  RcsStatusCallback,
  RcsClickCallback,
} from "./types.js";
export type { paths, components, operations } from "../generated/schema.js";
export type { Client, Middleware } from "openapi-fetch";
