import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { AnnounceService } from '../service.js';

/** What the /announce handlers need. */
export interface AnnounceDeps {
  announce: AnnounceService;
  clock: Clock;
  logger: Logger;
  isAdmin(userId: string): boolean;
}
