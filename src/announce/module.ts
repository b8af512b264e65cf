import type { FeatureModule, Infra } from '../deps.js';
import { registerAnnounceJobs } from './jobs.js';
import { AnnounceService } from './service.js';
import { AnnouncementStore } from './store.js';
import { announceRenderer } from './slack/message.js';
import { announceRoutes } from './slack/routes.js';

/** Initiative announcements (/announce), plan 4: now or scheduled, each channel once. */
export function announceModule(infra: Infra): FeatureModule & { service: AnnounceService } {
  const { redis, clock, lifecycle, queueConnection, logger } = infra;
  const service = new AnnounceService({ store: new AnnouncementStore(redis, infra.durable), clock, logger: logger.child({ component: 'announce' }), poster: infra.slack.poster, render: announceRenderer });
  registerAnnounceJobs({ lifecycle, queueConnection, logger, announce: service });
  return { service, routes: announceRoutes({ announce: service, clock, logger, isAdmin: infra.isAdmin }) };
}
