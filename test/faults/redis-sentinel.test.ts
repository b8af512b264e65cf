import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createRedis, readyWithin } from '../../src/infra/redis.js';
import { connectStorage, RedisAuthError, RedisMasterUnknownError } from '../../src/infra/storage.js';
import { startSentinelSet, type TestSentinelSet } from '../helpers/redis-sentinel.js';
import { writesThroughFault, sharedStateFlows } from '../helpers/shared-state-flows.js';
import { useTwoReplicas } from '../helpers/two-replicas.js';

/**
 * A real Sentinel set: one master, one replica and three Sentinels (redis-server --sentinel,
 * quorum 2) with their own requirepass, and an ACL user for the bot whose password needs
 * percent-encoding. The shared-state flows run through two bots on it; then a planned SENTINEL
 * FAILOVER and a crash of the master, each while proposals keep coming: no proposal a user was
 * shown is lost, and no number is shown twice.
 */

let set: TestSentinelSet;

beforeAll(async () => {
  set = await startSentinelSet({ password: 'redis-secret', sentinelPassword: 's3nt!nel', user: { name: 'navi', password: 'p@ss:1' } });
  expect(set.url).toMatch(/^redis\+sentinel:\/\/navi:p%40ss%3A1@127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+\/mymaster\?sentinelPassword=s3nt!nel$/);
}, 60_000);
afterAll(async () => {
  await set?.stop();
});

sharedStateFlows('a Sentinel set (1 master, 1 replica, 3 sentinels)', () => set.url);

describe('Sentinel failovers', () => {
  const r = useTwoReplicas(() => set.url, '2026-10-01T10:00:00+09:00');

  it('acknowledged writes were confirmed on the replica (WAIT ran on the master)', async () => {
    const stats = String(await (await set.master()).call('INFO', 'commandstats'));
    expect(Number(/cmdstat_wait:calls=(\d+)/.exec(stats)?.[1] ?? 0)).toBeGreaterThan(10);
  });

  it('/healthz is 200 on both replicas', async () => {
    for (const app of [r.a, r.b]) expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('a planned SENTINEL FAILOVER loses no acknowledged proposal or seat and repeats no proposal number', async () => {
    let moved = { from: 0, to: 0 };
    const { proposals, joins } = await writesThroughFault(r, 'SNPLAN', async () => {
      const { from, to } = await set.failover();
      moved = { from: from.port, to: to.port };
    });
    expect(moved.to).not.toBe(moved.from);
    expect(proposals).toBeGreaterThanOrEqual(12);
    expect(joins).toBeGreaterThanOrEqual(12);
    for (const app of [r.a, r.b]) await expect.poll(async () => (await fetch(`${app.baseUrl}/healthz`)).status, { timeout: 10_000 }).toBe(200);
  }, 120_000);

  it('a crash of the master (SIGKILL) loses no acknowledged proposal or seat and repeats no proposal number', async () => {
    const { proposals, joins } = await writesThroughFault(r, 'SNKILL', async () => {
      await set.crashMaster();
    });
    expect(proposals).toBeGreaterThanOrEqual(12);
    expect(joins).toBeGreaterThanOrEqual(12);
    for (const app of [r.a, r.b]) await expect.poll(async () => (await fetch(`${app.baseUrl}/healthz`)).status, { timeout: 10_000 }).toBe(200);
  }, 120_000);
});

describe('the failover detector\'s connections to the Sentinels', () => {
  // ioredis gives them no 'error' listener: one cut short (a TLS handshake when `npm run morning` ends at once, a
  // Sentinel restarting) printed "[ioredis] Unhandled error event" and a stack on the console (a CI run, TLS).
  it('each have an error listener, so a broken one prints nothing', async () => {
    const redis = createRedis(set.url);
    redis.on('error', () => undefined);
    try {
      await readyWithin(redis, 5_000);
      type Detector = { sentinels: { client: { listenerCount(e: string): number } }[] };
      const detector = () => (redis as unknown as { connector: { failoverDetector?: Detector } }).connector.failoverDetector;
      await expect.poll(() => detector()?.sentinels.length ?? 0, { timeout: 5_000 }).toBeGreaterThan(0);
      for (const s of detector()!.sentinels) expect(s.client.listenerCount('error')).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
    }
  }, 30_000);
});

describe('a wrong Sentinel password', () => {
  it('is a fatal error that says which password to check, once (not a retry loop)', async () => {
    const fatal: Error[] = [];
    const url = set.url.replace(/sentinelPassword=[^&]*/, 'sentinelPassword=wrong');
    const storage = await connectStorage(loadConfig({ REDIS_URL: url }), silentLogger, { onFatal: (e) => fatal.push(e) });
    try {
      await expect.poll(() => fatal.length, { timeout: 10_000 }).toBe(1);
      expect(fatal[0]).toBeInstanceOf(RedisAuthError);
      expect(fatal[0]!.message).toMatch(/^Redis の Sentinel がユーザー名またはパスワードを受け付けませんでした（WRONGPASS.*sentinelPassword/);
      expect(fatal[0]!.message).not.toContain('wrong');
      await new Promise((r) => setTimeout(r, 1_500));
      expect(fatal).toHaveLength(1);
    } finally {
      await storage.stop();
    }
  }, 30_000);
});

describe('a master name the Sentinels do not watch', () => {
  it('is a fatal error at start that names the master to check, once (not a retry loop)', async () => {
    const fatal: Error[] = [];
    const url = set.url.replace('/mymaster', '/mymastr');
    const storage = await connectStorage(loadConfig({ REDIS_URL: url }), silentLogger, { onFatal: (e) => fatal.push(e) });
    try {
      await expect.poll(() => fatal.length, { timeout: 10_000 }).toBe(1);
      expect(fatal[0]).toBeInstanceOf(RedisMasterUnknownError);
      expect(fatal[0]!.message).toMatch(/^Redis の Sentinel は REDIS_URL のマスター名「mymastr」を監視していません/);
      await new Promise((r) => setTimeout(r, 1_500));
      expect(fatal).toHaveLength(1);
    } finally {
      await storage.stop();
    }
  }, 30_000);
});
