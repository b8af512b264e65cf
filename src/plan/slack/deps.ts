import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { RateLimiter } from '../../infra/rate-limit.js';
import type { Redis } from '../../infra/redis.js';
import type { FeedbackStore } from '../feedback.js';
import type { ThreadHistory } from '../thread-history.js';
import type { PlanAnswerer, QaActivity } from '../types.js';

/** What the plan's Slack handlers need. `plan` may be swapped (tests script the answers). */
export interface QaDeps {
  plan: PlanAnswerer;
  /** Thread history, 👍/👎 feedback, the per-user question limit. */
  history: ThreadHistory;
  feedback: FeedbackStore;
  limiter: RateLimiter;
  redis: Redis;
  clock: Clock;
  logger: Logger;
  /** The monthly report's notes on questions and votes (none: nothing is noted). */
  activity?: QaActivity;
}
