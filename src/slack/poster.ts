import type { webApi } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Logger } from '../infra/logger.js';
import { PostError, type Poster } from '../infra/poster.js';
import { RateLimiter } from '../infra/rate-limit.js';
import type { Redis } from '../infra/redis.js';
import { slackErrorOf } from './slack-errors.js';
import { NO_UNFURL } from './safe-text.js';

/**
 * The Slack side of the posting port (src/infra/poster.ts) that background jobs (morning prompts,
 * announcements) use, so the domain never sees Bolt. Built from its own WebClient with bounded
 * retries (a job must not hang for Slack's default 30 minutes of retries).
 *
 *  - Respects Slack's chat.postMessage limit of about one message per second per channel,
 *    across replicas (a 1-per-1.1 s sliding window per channel in Redis).
 *  - A 429 is waited out and retried by the WebClient (Retry-After honoured).
 *  - Errors come back as PostError { code, permanent }: permanent means retrying will not help
 *    (src/slack/slack-errors.ts: the bot is not in the channel, the channel is gone, the message is invalid).
 */

export const CHANNEL_PACE = { prefix: 'rl:slack-post', limit: 1, windowMs: 1_100 } as const;

export function toPostError(err: unknown): PostError {
  const { code, permanent } = slackErrorOf(err);
  return new PostError(code, permanent);
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
          ...NO_UNFURL,
        });
        return { ts: res.ts ?? '' };
      } catch (err) {
        throw toPostError(err);
      }
    },
  };
}
