import type { FeatureModule, Infra } from '../deps.js';
import { createWorldcafeService, type WorldcafeService } from './service.js';
import { createWorldcafeStore } from './store.js';
import { createSurveyStore, type SurveyStore } from './survey.js';
import { BoardUpdater } from './slack/board.js';
import type { WorldcafeDeps } from './slack/deps.js';
import { worldcafeHome } from './slack/home.js';
import { Notifier } from './slack/notifier.js';
import { worldcafeRoutes } from './slack/routes.js';

/**
 * World Café / off-site / walking sign-ups (/worldcafe), plan 4(2)③, with their background work:
 * the coalesced channel-message updater and the DM notifier, started and stopped with the app.
 */
export function worldcafeModule(infra: Infra): FeatureModule & { service: WorldcafeService; surveys: SurveyStore; board: BoardUpdater; notifier: Notifier } {
  const { redis, clock, calendar } = infra;
  const logger = infra.logger.child({ component: 'worldcafe' });
  const store = createWorldcafeStore(redis, undefined, infra.durable);
  const service = createWorldcafeService({ store, clock, logger: infra.logger, calendar });
  const surveys = createSurveyStore({ store, clock });
  const client = infra.slack.background;
  const board = new BoardUpdater({ sessions: service, client, clock, logger });
  const notifier = new Notifier({ sessions: service, client, clock, logger, calendar });
  infra.lifecycle.onStart(async () => {
    await service
      .prepare()
      .then((moved) => moved > 0 && logger.info({ moved }, 'worldcafe: sessions moved to per-session keys'))
      .catch((err: Error) => logger.warn({ err: err.message }, 'worldcafe: could not preload Lua scripts or move older data'));
    board.poller.start();
    notifier.poller.start();
  });
  infra.lifecycle.onStop(async () => {
    await Promise.all([board.poller.stop(), notifier.poller.stop()]);
  });
  const deps: WorldcafeDeps = {
    sessions: service,
    surveys,
    board: board.poller,
    notifier: notifier.poller,
    clock,
    logger: infra.logger,
    isAdmin: infra.isAdmin,
    channel: infra.config.EVENTS_CHANNEL,
    home: infra.home,
  };
  return { service, surveys, board, notifier, routes: worldcafeRoutes(deps), homeSection: worldcafeHome(deps) };
}
