// Slack Web API failures sorted by what a retry can do: membership and payload problems are permanent, the rest not.
import { UpstreamError } from "../util/index.js";

/** Someone in the workspace must act (invite the bot, unarchive): retrying changes nothing. */
const MEMBERSHIP = new Set([
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "user_not_in_channel",
  "restricted_action",
  "restricted_action_read_only_channel",
  "restricted_action_thread_only_channel",
  "restricted_action_non_threadable_channel",
  "team_access_not_granted",
  "ekm_access_denied",
]);

/** The install itself is wrong (token, scopes): the operator must act. */
const INSTALL = new Set([
  "not_authed",
  "invalid_auth",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "not_allowed_token_type",
  "method_deprecated",
]);

/** Slack refused what we sent: a bug on our side, the same payload fails again. */
const PAYLOAD = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "msg_blocks_too_long",
  "invalid_arguments",
  "invalid_attachments",
  "too_many_attachments",
  "no_text",
  "invalid_trigger_id",
  "expired_trigger_id",
  "file_not_found",
  "message_not_found",
  "cant_update_message",
  "thread_not_found",
]);

export type SlackFailureKind = "membership" | "install" | "payload" | "transient";

export interface SlackFailure {
  /** Slack's error code (`not_in_channel`), or the client's for transport failures. */
  code: string;
  kind: SlackFailureKind;
  permanent: boolean;
}

/** What a thrown Web API error means; null when it is not a Slack error at all. */
export function slackFailure(error: unknown): SlackFailure | null {
  if (error instanceof SlackPlatformError) return error.failure;
  if (!error || typeof error !== "object" || !("code" in error)) return null;
  const clientCode = String((error as { code: unknown }).code);
  if (!clientCode.startsWith("slack_webapi_")) return null;
  const data = (error as { data?: { error?: unknown } }).data;
  const code = clientCode === "slack_webapi_platform_error" && data?.error ? String(data.error) : clientCode;
  const kind: SlackFailureKind = MEMBERSHIP.has(code)
    ? "membership"
    : INSTALL.has(code)
      ? "install"
      : PAYLOAD.has(code)
        ? "payload"
        : "transient";
  return { code, kind, permanent: kind !== "transient" };
}

/** A Slack failure, classified; `retryable` says whether a later try can succeed. */
export class SlackPlatformError extends UpstreamError {
  readonly failure: SlackFailure;
  readonly retryable: boolean;

  constructor(failure: SlackFailure, method: string, options: { cause?: unknown } = {}) {
    super(`slack_${failure.code}`, `Slack refused ${method}: ${failure.code}`, options);
    this.failure = failure;
    this.retryable = !failure.permanent;
  }
}
