import type { Redis } from 'ioredis';

/**
 * Claims `key` for `ttlSeconds`. Returns true for the first caller only, across replicas:
 * the building block for "handled once" (Slack retries, daily posts, reminders).
 */
export async function claimOnce(redis: Redis, key: string, ttlSeconds: number): Promise<boolean> {
  const res = await redis.set(key, String(Date.now()), 'EX', ttlSeconds, 'NX');
  return res === 'OK';
}

/** Gives a claim back, e.g. when the work it guarded failed and should be retried. */
export async function releaseOnce(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
