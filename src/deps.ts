import type { webApi } from '@slack/bolt';
import type { Config } from './config.js';
import type { Clock } from './infra/clock.js';
import type { Lifecycle } from './infra/lifecycle.js';
import type { Logger } from './infra/logger.js';
import type { Redis } from './infra/redis.js';
import type { PlanAnswerer } from './plan/types.js';
import type { FeedbackStore } from './plan/feedback.js';
import type { ThreadHistory } from './plan/thread-history.js';
import type { RateLimiter } from './infra/rate-limit.js';
import type { ProposalService } from './proposals/service.js';
import type { EventsService } from './worldcafe/service.js';
import type { WorldcafeRuntime } from './worldcafe/slack/runtime.js';
import type { MorningService } from './morning/service.js';
import type { AnnounceService } from './announce/service.js';

/**
 * Everything the Slack glue needs, built once by the composition root (src/app.ts).
 * Domain modules never see this object: they take the single pieces they need.
 */
export interface Deps {
  config: Config;
  redis: Redis;
  logger: Logger;
  clock: Clock;
  plan: PlanAnswerer;
  /** Redis-backed pieces of plan Q&A: thread history, 👍/👎 feedback, the per-user question limit. */
  qa: { history: ThreadHistory; feedback: FeedbackStore; limiter: RateLimiter };
  /** Web API client with bounded retries for work after an ack (src/slack/web-client.ts). */
  slack: { followUp: webApi.WebClient };
  /** Background work registers its start/stop here (job workers, timers). */
  lifecycle: Lifecycle;
  /** A new Redis connection for BullMQ queues/workers (blocking commands, no per-command timeout). */
  queueConnection(): Redis;
  /** Improvement proposals (/proposal), plan 4(2)⑦. */
  proposals: ProposalService;
  /** World Café / off-site / walking sign-ups (/worldcafe), plan 4(2)③. */
  events: EventsService;
  /** Their background work: coalesced channel-message updates and the DM notifier. */
  worldcafe: WorldcafeRuntime;
  /** Morning-meeting prompts on the working calendar (/morning), plan 4(2)①. */
  morning: MorningService;
  /** Initiative announcements (/announce), plan 4. */
  announce: AnnounceService;
}
