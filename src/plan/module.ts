import type { FeatureModule, Infra } from '../deps.js';
import { PLAN_QUESTION_LIMIT, RateLimiter } from '../infra/rate-limit.js';
import { createPlanAnswerer } from './answerer.js';
import { FeedbackStore } from './feedback.js';
import { createModelClient } from './model-client.js';
import type { QaDeps } from './slack/deps.js';
import { planRoutes } from './slack/routes.js';
import { ThreadHistory } from './thread-history.js';
import type { QaActivity } from './types.js';

/** Grounded Q&A about the plan: the answerer (model or extractive) and its Redis-backed helpers. */
export function planModule(infra: Infra, o: { activity?: QaActivity } = {}): FeatureModule & { qa: QaDeps } {
  const { config, redis, durable, clock, logger } = infra;
  const qa: QaDeps = {
    plan: createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger }),
    history: new ThreadHistory(redis),
    feedback: new FeedbackStore(redis, durable),
    limiter: new RateLimiter(redis, PLAN_QUESTION_LIMIT),
    redis,
    clock,
    logger,
    activity: o.activity,
  };
  return { qa, routes: planRoutes(qa) };
}
