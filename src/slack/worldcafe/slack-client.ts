import { LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { Logger } from '../../infra/logger.js';
import { boltLogger } from '../bolt-logger.js';

/**
 * A Web API client for background work (channel-message updates, reminder DMs) that never
 * sits in a long retry loop: a rate-limited call fails at once with Slack's Retry-After, and the
 * caller reschedules the work through Redis, where every replica can see it.
 */
export function backgroundSlackClient(config: Config, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: config.SLACK_API_URL ? config.SLACK_API_URL.replace(/\/?$/, '/') : undefined,
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
    logLevel: LogLevel.WARN,
  });
}

/** Slack's error code ("not_in_channel" …), the rate-limit wait in ms, or neither. */
export function slackErrorOf(err: unknown): { code?: string; retryAfterMs?: number } {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number };
  if (e?.code === webApi.ErrorCode.RateLimitedError) return { code: 'ratelimited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  if (e?.code === webApi.ErrorCode.PlatformError) return { code: e.data?.error };
  return {};
}
