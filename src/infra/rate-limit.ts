import { randomUUID } from 'node:crypto';
import type { Redis } from './redis.js';

/**
 * A sliding-window rate limit kept in Redis, atomic across replicas (one Lua script per hit).
 * Each key is a sorted set of hit times; hits older than the window fall out of it.
 *
 *   const limiter = new RateLimiter(redis, { prefix: 'rl:plan-question', limit: 20, windowMs: 600_000 });
 *   const r = await limiter.hit(userId, clock.now().getTime());
 *   if (!r.allowed) … r.retryAfterMs …
 */

export interface RateLimitRule {
  /** Key prefix, e.g. "rl:plan-question". */
  prefix: string;
  /** Hits allowed within the window. */
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the window, this one included when allowed. */
  count: number;
  /** When refused: how long until the oldest hit leaves the window. 0 when allowed. */
  retryAfterMs: number;
}

/** Questions about the plan: 20 per user in any 10 minutes. */
export const PLAN_QUESTION_LIMIT: RateLimitRule = { prefix: 'rl:plan-question', limit: 20, windowMs: 10 * 60 * 1000 };

// KEYS[1] = zset; ARGV = now, window, limit, member
// Refused hits are not recorded, so a user who keeps trying is let in again once the window moves on.
const HIT_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, ARGV[4])
  redis.call('PEXPIRE', key, window)
  return {1, count + 1, 0}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
local retry = window
if oldest[2] then retry = tonumber(oldest[2]) + window - now end
if retry < 1 then retry = 1 end
return {0, count, retry}
`;

export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly rule: RateLimitRule = PLAN_QUESTION_LIMIT,
  ) {}

  /** Counts one hit for `subject` at `nowMs` if the limit allows it. Throws when Redis is unreachable. */
  async hit(subject: string, nowMs: number): Promise<RateLimitResult> {
    // randomUUID draws from a cached entropy pool: ~10× cheaper than randomBytes on this hot path.
    const member = `${nowMs}-${randomUUID()}`;
    const res = (await this.redis.eval(
      HIT_SCRIPT,
      1,
      `${this.rule.prefix}:${subject}`,
      String(nowMs),
      String(this.rule.windowMs),
      String(this.rule.limit),
      member,
    )) as [number, number, number];
    return { allowed: res[0] === 1, count: Number(res[1]), retryAfterMs: Number(res[2]) };
  }

  /** Forgets `subject`'s hits (admin relief, tests). */
  async reset(subject: string): Promise<void> {
    await this.redis.del(`${this.rule.prefix}:${subject}`);
  }
}

/** The polite reply when a user has asked too much too quickly. */
export function rateLimitedText(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `短い時間に多くのご質問をいただいたため、いったん受付を休止しています。約${minutes}分後にもう一度お試しください。`;
}
