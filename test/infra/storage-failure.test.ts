import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { DeadlineError, withDeadline } from '../../src/infra/deadline.js';
import { isStorageFailure } from '../../src/infra/storage-failure.js';
import { useRedis } from '../helpers/redis.js';

describe('isStorageFailure: a Redis outage told apart from everything else', () => {
  const redis = useRedis();

  it('is true for what ioredis rejects with when Redis is down, slow or refuses', async () => {
    const down = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 1, retryStrategy: () => null, lazyConnect: true });
    down.on('error', () => undefined);
    const offline = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, lazyConnect: true });
    offline.on('error', () => undefined);
    const errors = await Promise.all([
      down.get('k').catch((e: unknown) => e),
      offline.get('k').catch((e: unknown) => e),
      redis.client.eval('return redis.error_reply("ERR boom")', 0).catch((e: unknown) => e),
      withDeadline(new Promise(() => undefined), 5).catch((e: unknown) => e),
    ]);
    down.disconnect();
    offline.disconnect();
    for (const err of errors) expect(isStorageFailure(err), String(err)).toBe(true);
    expect(errors[3]).toBeInstanceOf(DeadlineError);
  });

  it('is false for an input the domain refused, a bug, or something thrown that is not an Error', () => {
    for (const err of [new Error('submit: not a Slack user id'), new TypeError("Cannot read properties of undefined (reading 'id')"), new RangeError('Invalid time value'), 'Connection is closed.', undefined]) {
      expect(isStorageFailure(err), String(err)).toBe(false);
    }
  });
});
