import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { MorningService } from '../service.js';

/** What the /morning handler needs. */
export interface MorningDeps {
  morning: MorningService;
  clock: Clock;
  logger: Logger;
  isAdmin(userId: string): boolean;
}
