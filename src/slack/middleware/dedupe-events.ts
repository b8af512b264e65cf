import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../infra/logger.js';
import { claimOnce } from '../../infra/once.js';
import type { Redis } from '../../infra/redis.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * Handles each Events API delivery once across all replicas: Slack retries an event (same
 * event_id, x-slack-retry-num 1, 2, 3 over about an hour) when an ack was slow or lost, and a
 * load balancer may hand the retry to another replica. The first replica to claim the event_id
 * (Redis SET NX, kept longer than Slack's retry schedule) handles it; every other delivery is
 * dropped after the ack Bolt already sent.
 *
 * Commands and interactivity carry no event_id and pass straight through (they are never touched
 * by Redis here, so their ack is not delayed). If Redis cannot be reached the event is handled
 * anyway: the listener then tells the user the bot is temporarily unavailable.
 */

/** Slack retries up to 3 times within about an hour; keep the claim a bit longer than that. */
export const EVENT_CLAIM_TTL_SECONDS = 2 * 60 * 60;

export function dedupeEvents(redis: Redis, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const b = body as { type?: string; event_id?: unknown };
    if (b.type !== 'event_callback' || typeof b.event_id !== 'string' || b.event_id === '') {
      await next();
      return;
    }
    let first = true;
    try {
      first = await claimOnce(redis, `slack:event:${b.event_id}`, EVENT_CLAIM_TTL_SECONDS);
    } catch (err) {
      logger.warn({ eventId: b.event_id, err: errorMessage(err) }, 'event dedupe unavailable (redis); handling the event');
    }
    if (!first) {
      logger.info({ eventId: b.event_id, retryNum: context.retryNum }, 'duplicate Slack event dropped');
      return;
    }
    await next();
  };
}
