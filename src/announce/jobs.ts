import type { Lifecycle } from '../infra/lifecycle.js';
import type { Logger } from '../infra/logger.js';
import type { Redis } from '../infra/redis.js';
import { registerTicker, type Ticker } from '../infra/ticker.js';
import type { AnnounceService } from './service.js';

/**
 * Scheduled announcements: a BullMQ job scheduler (every minute, Asia/Tokyo) makes one replica
 * send what is due on the Redis due-queue; one run at start-up sends what came due while the
 * bot was down. Exactly-once is the service's job (lease + per-channel claims).
 */
export function registerAnnounceJobs(input: {
  lifecycle: Lifecycle;
  queueConnection: () => Redis;
  logger: Logger;
  announce: AnnounceService;
}): Ticker {
  return registerTicker(input.lifecycle, {
    name: 'announce',
    connection: input.queueConnection,
    logger: input.logger,
    run: () => input.announce.runDue(),
  });
}
