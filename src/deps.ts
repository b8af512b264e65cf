import type { Config } from './config.js';
import type { Clock } from './infra/clock.js';
import type { Lifecycle } from './infra/lifecycle.js';
import type { Logger } from './infra/logger.js';
import type { Redis } from './infra/redis.js';
import type { PlanAnswerer } from './plan/types.js';

/**
 * Everything the Slack glue needs, built once by the composition root (src/app.ts).
 * Domain modules never see this object: they take the single pieces they need.
 */
export interface Deps {
  config: Config;
  redis: Redis;
  logger: Logger;
  clock: Clock;
  plan: PlanAnswerer;
  /** Background work registers its start/stop here (job workers, timers). */
  lifecycle: Lifecycle;
  /** A new Redis connection for BullMQ queues/workers (blocking commands, no per-command timeout). */
  queueConnection(): Redis;
}
