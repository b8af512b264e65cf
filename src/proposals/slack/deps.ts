import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { HomePublisher } from '../../slack/app-home.js';
import type { ProposalService } from '../service.js';

/** What the proposal handlers need. */
export interface ProposalsDeps {
  proposals: ProposalService;
  clock: Clock;
  logger: Logger;
  isAdmin(userId: string): boolean;
  /** PROPOSALS_CHANNEL; unset: proposals are stored but not posted, and the proposer is told. */
  channel?: string;
  /** The bounded-retry client for what follows the ack: sharing, chat.update, DMs, App Home. */
  followUp: WebClient;
  home: HomePublisher;
}
