import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { HomePublisher } from '../../slack/app-home.js';
import type { WorldcafeService } from '../service.js';
import type { SurveyStore } from '../survey.js';

/** What the World Café handlers need. */
export interface WorldcafeDeps {
  sessions: WorldcafeService;
  /** The post-session survey's answers. */
  surveys: SurveyStore;
  /** Seats changed: bring the session's channel message up to date soon (coalesced). */
  board: { kick(): void };
  /** Notices were queued: send the DMs now rather than at the next poll. */
  notifier: { kick(): void };
  clock: Clock;
  logger: Logger;
  isAdmin(userId: string): boolean;
  /** EVENTS_CHANNEL; unset: the channel `/worldcafe new` was run in. */
  channel?: string;
  home: HomePublisher;
}
