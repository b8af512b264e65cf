import type { Clock } from '../../infra/clock.js';
import type { Lifecycle } from '../../infra/lifecycle.js';
import type { Logger } from '../../infra/logger.js';
import type { EventsService } from '../service.js';
import { BoardUpdater } from './board.js';
import { Notifier } from './notifier.js';
import type { webApi } from '@slack/bolt';

/** The World Café background work: the coalesced channel-message updater and the DM notifier. */
export interface WorldcafeRuntime {
  board: BoardUpdater;
  notifier: Notifier;
}

export function createWorldcafeRuntime(o: { client: webApi.WebClient; events: EventsService; clock: Clock; logger: Logger; lifecycle: Lifecycle }): WorldcafeRuntime {
  const logger = o.logger.child({ component: 'worldcafe' });
  const board = new BoardUpdater({ events: o.events, client: o.client, clock: o.clock, logger });
  const notifier = new Notifier({ events: o.events, client: o.client, clock: o.clock, logger });
  o.lifecycle.onStart(async () => {
    await o.events.prepare().catch((err: Error) => logger.warn({ err: err.message }, 'worldcafe: could not preload Lua scripts'));
    board.start();
    notifier.start();
  });
  o.lifecycle.onStop(async () => {
    await Promise.all([board.stop(), notifier.stop()]);
  });
  return { board, notifier };
}
