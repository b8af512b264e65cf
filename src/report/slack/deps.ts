import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { Month } from '../month.js';
import type { MonthlyReport } from '../types.js';

/** What the report's handlers need. */
export interface ReportDeps {
  /** Builds a month's report (reads only). */
  build(month: Month): Promise<MonthlyReport>;
  clock: Clock;
  logger: Logger;
  isAdmin(userId: string): boolean;
  /** The bounded-retry client for what follows the ack: the DM and the file upload. */
  followUp: WebClient;
}
