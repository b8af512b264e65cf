import { AnnounceService } from '../../announce/service.js';
import { registerAnnounceJobs } from '../../announce/jobs.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../infra/clock.js';
import type { Lifecycle } from '../../infra/lifecycle.js';
import type { Logger } from '../../infra/logger.js';
import type { Redis } from '../../infra/redis.js';
import type { Ticker } from '../../infra/ticker.js';
import { registerMorningJobs } from '../jobs.js';
import { MorningService } from '../service.js';
import { announceRenderer } from '../../announce/slack/message.js';
import { morningMessage } from './post.js';
import { createSlackPoster } from '../../slack/poster.js';
import { createWebClient } from '../../slack/web-client.js';

/**
 * Builds the morning-prompt and announcement services with their Slack poster, and registers
 * their job schedulers (start/stop) with the lifecycle. Called once by the composition root.
 */
export function createMorningAnnounce(o: {
  config: Config;
  redis: Redis;
  clock: Clock;
  logger: Logger;
  lifecycle: Lifecycle;
  queueConnection: () => Redis;
}): { morning: MorningService; announce: AnnounceService; tickers: { morning: Ticker; announce: Ticker } } {
  const poster = createSlackPoster({ client: createWebClient(o.config, o.logger, 'poster'), redis: o.redis, logger: o.logger });
  const morning = new MorningService({
    redis: o.redis,
    clock: o.clock,
    logger: o.logger.child({ component: 'morning' }),
    poster,
    render: morningMessage,
    defaultTime: o.config.MORNING_TIME,
  });
  const announce = new AnnounceService({
    redis: o.redis,
    clock: o.clock,
    logger: o.logger.child({ component: 'announce' }),
    poster,
    render: announceRenderer,
  });
  const tickers = {
    morning: registerMorningJobs({ lifecycle: o.lifecycle, queueConnection: o.queueConnection, logger: o.logger, clock: o.clock, morning }),
    announce: registerAnnounceJobs({ lifecycle: o.lifecycle, queueConnection: o.queueConnection, logger: o.logger, announce }),
  };
  return { morning, announce, tickers };
}
