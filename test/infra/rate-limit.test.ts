import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RateLimiter, rateLimitedText } from '../../src/infra/rate-limit.js';
import { useRedis } from '../helpers/redis.js';

describe('RateLimiter (sliding window in Redis)', () => {
  const r = useRedis();
  const rule = { prefix: 'rl:test', limit: 3, windowMs: 60_000 };

  it('allows `limit` hits in the window, then refuses with the time until a slot frees up', async () => {
    const limiter = new RateLimiter(r.client, rule);
    const t0 = 1_700_000_000_000;
    expect((await limiter.hit('U1', t0)).allowed).toBe(true);
    expect((await limiter.hit('U1', t0 + 1_000)).allowed).toBe(true);
    const third = await limiter.hit('U1', t0 + 2_000);
    expect(third).toMatchObject({ allowed: true, count: 3 });
    const fourth = await limiter.hit('U1', t0 + 10_000);
    expect(fourth.allowed).toBe(false);
    expect(fourth.retryAfterMs).toBe(50_000);
    // Another user is not affected.
    expect((await limiter.hit('U2', t0 + 10_000)).allowed).toBe(true);
    // Once the first hit leaves the window, one more is allowed.
    expect((await limiter.hit('U1', t0 + 60_001)).allowed).toBe(true);
    expect((await limiter.hit('U1', t0 + 60_002)).allowed).toBe(false);
  });

  it('is exact under concurrency (one atomic script per hit)', async () => {
    const limiter = new RateLimiter(r.client, { ...rule, prefix: 'rl:burst', limit: 20 });
    const t = 1_700_000_000_000;
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => limiter.hit('U9', t + (i % 5))));
    expect(results.filter((x) => x.allowed)).toHaveLength(20);
  });

  it('expires its key with the window', async () => {
    const limiter = new RateLimiter(r.client, { ...rule, prefix: 'rl:ttl' });
    await limiter.hit('U3', Date.now());
    const pttl = await r.client.pttl('rl:ttl:U3');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
  });

  it('throws when Redis is unreachable (the caller answers 一時的に利用できません)', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    dead.on('error', () => {});
    await expect(new RateLimiter(dead, rule).hit('U1', Date.now())).rejects.toThrow();
    dead.disconnect();
  });

  it('words the refusal politely in minutes', () => {
    expect(rateLimitedText(50_000)).toContain('約1分後');
    expect(rateLimitedText(9 * 60_000 + 1)).toContain('約10分後');
    expect(rateLimitedText(1)).toMatch(/お試しください。$/);
  });
});
