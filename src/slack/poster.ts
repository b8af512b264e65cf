import { webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../infra/logger.js';
import { RateLimiter } from '../infra/rate-limit.js';
import type { Redis } from '../infra/redis.js';

/**
 * The small posting port that background jobs (morning prompts, announcements) use, so the
 * domain never sees Bolt. Built from its own WebClient with bounded retries (a job must not hang
 * for Slack's default 30 minutes of retries).
 *
 *  - Respects Slack's chat.postMessage limit of about one message per second per channel,
 *    across replicas (a 1-per-1.1 s sliding window per channel in Redis).
 *  - A 429 is waited out and retried by the WebClient (Retry-After honoured).
 *  - Errors come back as PostError { code, permanent }: permanent means retrying will not help
 *    (the bot is not in the channel, the channel is gone or archived, the message is invalid).
 */

export interface Poster {
  post(channel: string, text: string, blocks?: unknown[]): Promise<{ ts: string }>;
}

export class PostError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`chat.postMessage failed: ${code}`);
    this.name = 'PostError';
  }
}

/** Slack errors that the same request will meet again. */
const PERMANENT = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'channel_is_archived',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'no_text',
  'too_many_attachments',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'missing_scope',
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'user_not_found',
  'cannot_dm_bot',
  'invalid_arguments',
]);

export const CHANNEL_PACE = { prefix: 'rl:slack-post', limit: 1, windowMs: 1_100 } as const;

export function toPostError(err: unknown): PostError {
  const e = err as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) return new PostError(e.data.error, PERMANENT.has(e.data.error));
  if (e.code === webApi.ErrorCode.RateLimitedError) return new PostError('ratelimited', false);
  if (e.code === webApi.ErrorCode.HTTPError) return new PostError(`http_${e.statusCode ?? 'error'}`, false);
  if (e.code === webApi.ErrorCode.RequestError) return new PostError('request_error', false);
  return new PostError(err instanceof Error ? err.message.slice(0, 80) : 'unknown_error', false);
}

export function createSlackPoster(o: {
  /** A `poster` profile client (src/slack/web-client.ts). */
  client: webApi.WebClient;
  redis: Redis;
  logger: Logger;
  /** Longest wait for a channel's turn before posting anyway (Slack then answers 429, which is retried). */
  maxPaceWaitMs?: number;
}): Poster {
  const client = o.client;
  const pace = new RateLimiter(o.redis, CHANNEL_PACE);
  const maxWait = o.maxPaceWaitMs ?? 15_000;

  const waitTurn = async (channel: string): Promise<void> => {
    const deadline = Date.now() + maxWait;
    for (;;) {
      let r;
      try {
        r = await pace.hit(channel, Date.now());
      } catch {
        return; // Redis trouble: post anyway; Slack's own 429 still protects the channel.
      }
      if (r.allowed || Date.now() >= deadline) return;
      await new Promise((res) => setTimeout(res, Math.min(r.retryAfterMs, Math.max(1, deadline - Date.now()))));
    }
  };

  return {
    post: async (channel, text, blocks) => {
      await waitTurn(channel);
      try {
        const res = await client.chat.postMessage({
          channel,
          text,
          blocks: blocks as KnownBlock[] | undefined,
          unfurl_links: false,
          unfurl_media: false,
        });
        return { ts: res.ts ?? '' };
      } catch (err) {
        throw toPostError(err);
      }
    },
  };
}
