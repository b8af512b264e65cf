import type { WebClient } from '@slack/web-api';
import type { Config } from './config.js';
import type { WorkCalendar } from './infra/calendar.js';
import type { Clock } from './infra/clock.js';
import type { Lifecycle } from './infra/lifecycle.js';
import type { Logger } from './infra/logger.js';
import type { Poster } from './infra/poster.js';
import type { Durability } from './infra/durable.js';
import type { Redis } from './infra/redis.js';
import type { HomePublisher, HomeSectionProvider } from './slack/app-home.js';
import type { RouteTable } from './slack/routes.js';

/**
 * The shared infrastructure, built once by the composition root (src/app.ts) and handed to each
 * feature's module. A module takes what it needs from it and gives its handlers only their own
 * small deps; no handler sees this object.
 */
export interface Infra {
  config: Config;
  redis: Redis;
  /** Confirms on the replicas a write the bot is about to acknowledge to a user (src/infra/durable.ts). */
  durable: Durability;
  logger: Logger;
  clock: Clock;
  /** Background work registers its start/stop here (job workers, timers). */
  lifecycle: Lifecycle;
  /** A new Redis connection for BullMQ queues/workers (blocking commands, no per-command timeout). */
  queueConnection(): Redis;
  /** The one working calendar: weekends, holidays, 12/29–1/3 and admin-added closed days. */
  calendar: WorkCalendar;
  isAdmin(userId: string | undefined): boolean;
  /** Web API clients with bounded retries for work after an ack (src/slack/web-client.ts), and the paced poster. */
  slack: { followUp: WebClient; background: WebClient; poster: Poster };
  /** Re-publishes a person's App Home. */
  home: HomePublisher;
}

/** What a feature's module gives the composition root. */
export interface FeatureModule {
  routes: RouteTable;
  homeSection?: HomeSectionProvider;
}
