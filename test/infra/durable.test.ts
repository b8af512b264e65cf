import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDurability, NotDurableError } from '../../src/infra/durable.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createRedis, readyWithin, type Redis } from '../../src/infra/redis.js';
import { parseRedisUrl } from '../../src/infra/redis-url.js';
import type { TopologyNode } from '../helpers/redis-node.js';
import { startSentinelSet, type TestSentinelSet } from '../helpers/redis-sentinel.js';
import { waitUntil } from '../helpers/wait.js';

/**
 * src/infra/durable.ts on a real Sentinel set (1 master, 1 replica, 3 Sentinels). The replica
 * counts it caps WAIT with are cached; here the cache is held for a minute, so the zero it saw
 * while the replica was down is still there once the replica is back (in the bot that lasts up to
 * a second, e.g. right after a failover, when the demoted old master has just caught up). A write
 * then must wait for that replica: hung (SIGSTOP), it confirms nothing, and the write is not
 * acknowledged; going on again, it confirms the write and holds it.
 */

let set: TestSentinelSet;
let redis: Redis;
let replica: TopologyNode;

beforeAll(async () => {
  set = await startSentinelSet();
  const master = await set.master();
  replica = set.redisNodes.find((n) => n !== master)!;
  // A replica that comes back syncs at once (not after the default 5 s), to keep the test short.
  await master.call('CONFIG', 'SET', 'repl-diskless-sync-delay', '0');
  redis = createRedis(set.url);
  redis.on('error', () => undefined);
  await readyWithin(redis, 5_000);
}, 60_000);
afterAll(async () => {
  replica?.resume();
  redis?.disconnect();
  await set?.stop();
});

describe('a replica count of zero seen before the replica came back', () => {
  it('is asked again after the write: the write waits for that replica and is not acknowledged before it confirms', async () => {
    const durable = createDurability(redis, parseRedisUrl(set.url), silentLogger, 1_500, 60_000);
    try {
      await replica.stop();
      // With the only replica gone nothing can take over: writes are acknowledged alone (and the
      // zero replicas the Sentinels and ROLE report now are cached).
      await waitUntil(() => durable.confirm('{t}:k').then(() => true, () => false), 'a write confirmed with no replica', 15_000, 100);

      await replica.start();
      await set.settled();
      replica.pause();
      await redis.set('{t}:k', 'while the replica hangs');
      await expect(durable.confirm('{t}:k')).rejects.toBeInstanceOf(NotDurableError);

      replica.resume();
      await durable.write('{t}:k', () => redis.set('{t}:k', 'confirmed'));
      expect(await replica.call('GET', '{t}:k')).toBe('confirmed');
    } finally {
      replica.resume();
      durable.close();
    }
  }, 60_000);
});
