import { webApi } from '@slack/bolt';

/**
 * What a failed Web API call means for whoever retries it: Slack's error code, whether the same
 * request will only meet the same error again (permanent: give up, tell someone), and, for a
 * 429, how long Slack asked us to wait. The one list of permanent errors, for posts, DMs and
 * chat.update alike.
 */

const PERMANENT = new Set([
  // The channel or message is gone, archived, or not ours to write in.
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
  'message_not_found',
  'cant_update_message',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  // The message itself is refused.
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'invalid_arguments',
  // The person cannot be written to.
  'user_not_found',
  'user_disabled',
  'cannot_dm_bot',
  // The token.
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
]);

export interface SlackFailure {
  code: string;
  permanent: boolean;
  /** Slack's Retry-After, for a 429. */
  retryAfterMs?: number;
}

export function slackErrorOf(err: unknown): SlackFailure {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number } | undefined;
  if (e?.code === webApi.ErrorCode.RateLimitedError) return { code: 'ratelimited', permanent: false, retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  if (e?.code === webApi.ErrorCode.PlatformError && e.data?.error) return { code: e.data.error, permanent: PERMANENT.has(e.data.error) };
  if (e?.code === webApi.ErrorCode.HTTPError) return { code: `http_${e.statusCode ?? 'error'}`, permanent: false };
  if (e?.code === webApi.ErrorCode.RequestError) return { code: 'request_error', permanent: false };
  return { code: err instanceof Error ? err.message.slice(0, 80) : 'unknown_error', permanent: false };
}
