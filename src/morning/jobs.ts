import type { Clock } from '../infra/clock.js';
import type { Lifecycle } from '../infra/lifecycle.js';
import type { Logger } from '../infra/logger.js';
import type { Redis } from '../infra/redis.js';
import { registerTicker, type Ticker } from '../infra/ticker.js';
import { checkHolidayData } from '../infra/calendar.js';
import type { MorningService } from './service.js';

/**
 * The daily morning job: a BullMQ job scheduler (every minute, Asia/Tokyo) runs
 * MorningService.runDue on one replica; each channel's post is guarded by a per channel+date
 * key, so several replicas and restarts still give one post per channel per working day.
 * At start: the holiday-data check, and one run (the catch-up after a restart).
 */
export function registerMorningJobs(input: {
  lifecycle: Lifecycle;
  queueConnection: () => Redis;
  logger: Logger;
  clock: Clock;
  morning: MorningService;
}): Ticker {
  input.lifecycle.onStart(() => {
    checkHolidayData(input.clock.now(), input.logger);
  });
  return registerTicker(input.lifecycle, {
    name: 'morning',
    connection: input.queueConnection,
    logger: input.logger,
    run: () => input.morning.runDue(),
  });
}
