import type { FeatureModule, Infra } from '../deps.js';
import { registerMorningJobs } from './jobs.js';
import { MorningService } from './service.js';
import { morningStores } from './store.js';
import { morningMessage } from './slack/post.js';
import { morningRoutes } from './slack/routes.js';
import type { DayOutcome } from './types.js';

/** Morning-meeting prompts on working days (/morning), plan 4(2)①, and their daily job. */
export function morningModule(infra: Infra, o: { onOutcome?(outcome: DayOutcome): Promise<void> } = {}): FeatureModule & { service: MorningService } {
  const { redis, durable, clock, lifecycle, queueConnection, logger } = infra;
  const service = new MorningService({
    store: morningStores(redis, durable),
    clock,
    logger: logger.child({ component: 'morning' }),
    poster: infra.slack.poster,
    calendar: infra.calendar,
    render: morningMessage,
    defaultTime: infra.config.MORNING_TIME,
    onOutcome: o.onOutcome,
  });
  registerMorningJobs({ lifecycle, queueConnection, logger, clock, morning: service });
  return { service, routes: morningRoutes({ morning: service, clock, logger, isAdmin: infra.isAdmin }) };
}
