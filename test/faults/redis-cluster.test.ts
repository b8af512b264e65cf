import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { createRedis, readyWithin } from '../../src/infra/redis.js';
import { startCluster, type TestCluster } from '../helpers/redis-cluster.js';
import { writesThroughFault, sharedStateFlows } from '../helpers/shared-state-flows.js';
import { useTwoReplicas } from '../helpers/two-replicas.js';
import { startSlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand } from '../helpers/slack-requests.js';

/**
 * A real Redis Cluster: 3 masters with one replica each (redis-cli --cluster create
 * --cluster-replicas 1), on loopback ports, with an ACL user whose password needs
 * percent-encoding in REDIS_URL. The shared-state flows run through two bots on it, then a master
 * is killed while proposals keep coming.
 */

const USER = 'navi';
const PASSWORD = 'n@vi:pw/1';
let cluster: TestCluster;
let url = '';

beforeAll(async () => {
  cluster = await startCluster({ password: 'cluster-secret', user: { name: USER, password: PASSWORD } });
  url = cluster.url;
  expect(url).toContain('navi:n%40vi%3Apw%2F1@');
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

sharedStateFlows('a Redis Cluster (3 masters, 1 replica each)', () => url);

describe('a Redis Cluster master fails', () => {
  const r = useTwoReplicas(() => url, '2026-09-01T10:00:00+09:00');

  it('acknowledged writes were confirmed on the replicas (WAIT ran on the masters)', async () => {
    let waits = 0;
    for (const n of cluster.nodes) waits += Number(/cmdstat_wait:calls=(\d+)/.exec(String(await n.call('INFO', 'commandstats')))?.[1] ?? 0);
    expect(waits).toBeGreaterThan(10);
  });

  it('/healthz is 200 on both replicas', async () => {
    for (const app of [r.a, r.b]) expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('killing the master that holds the proposals loses no acknowledged proposal or seat and repeats no proposal number', async () => {
    const victim = await cluster.masterFor('{proposals}:recent');
    const { proposals, joins } = await writesThroughFault(r, 'CLKILL', async () => {
      await victim.kill();
      await cluster.settled(); // its replica has taken over
      await victim.start(); // back (empty), it rejoins as the new master's replica
      await cluster.settled();
    });
    expect(proposals).toBeGreaterThanOrEqual(12);
    expect(joins).toBeGreaterThanOrEqual(12);
    for (const app of [r.a, r.b]) await expect.poll(async () => (await fetch(`${app.baseUrl}/healthz`)).status, { timeout: 10_000 }).toBe(200);
  }, 90_000);
});

describe('/healthz on a Cluster that cannot take writes', () => {
  it('is 503 while the cluster is down or unreachable, 200 again once it is back; people hear back at once meanwhile', async () => {
    const slack = await startSlackFake();
    const t = await startTestApp({ redisUrl: url, slackApiUrl: slack.apiUrl });
    try {
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      // Without a majority of masters the cluster refuses every command (CLUSTERDOWN).
      const masters = [];
      for (const key of ['a', 'b', 'c', '{proposals}', '{wc}', 'x1', 'y2', 'z3']) masters.push(await cluster.masterFor(key));
      const distinct = [...new Set(masters)].slice(0, 2);
      await Promise.all(distinct.map((m) => m.stop()));
      await expect.poll(async () => (await fetch(`${t.baseUrl}/healthz`)).status, { timeout: 15_000 }).toBe(503);
      await Promise.all(distinct.map((m) => m.start()));
      await cluster.settled();
      await expect.poll(async () => (await fetch(`${t.baseUrl}/healthz`)).status, { timeout: 20_000 }).toBe(200);

      // With no node reachable at all, a person still hears back at once, and the bot recovers.
      await Promise.all(cluster.nodes.map((n) => n.stop()));
      await expect.poll(async () => (await fetch(`${t.baseUrl}/healthz`)).status, { timeout: 15_000 }).toBe(503);
      const asked = Date.now();
      const res = await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: '', user_id: 'U0OUTAGE1', response_url: slack.responseUrl('outage') }));
      expect(res.status).toBe(200);
      const [reply] = await slack.waitFor('response_url', (c) => c.path.endsWith('/outage'), 1, 10_000);
      expect(JSON.stringify(reply!.args)).toMatch(/一時的に利用できません/);
      expect(Date.now() - asked).toBeLessThan(5_000);
      await Promise.all(cluster.nodes.map((n) => n.start()));
      await cluster.settled();
      await expect.poll(async () => (await fetch(`${t.baseUrl}/healthz`)).status, { timeout: 30_000 }).toBe(200);
    } finally {
      await t.stop();
      await slack.stop();
    }
  }, 90_000);
});

describe('npm run morning on the Cluster', () => {
  it('reads the admin-added closed days through the redis+cluster:// URL', async () => {
    const redis = createRedis(url);
    try {
      await readyWithin(redis, 10_000);
      await redis.hset('morning:closed', '2026-12-28', JSON.stringify({ reason: '庁舎設備点検', addedBy: 'U0ADMIN01', addedAt: '' }));
    } finally {
      redis.disconnect();
    }
    const r = await runCli('src/cli/morning.ts', ['--date', '2026-12-28', '--json'], { REDIS_URL: url });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ date: '2026-12-28', workday: false, reason: '庁舎設備点検', prompt: null });
  }, 30_000);
});

describe('a Cluster behind NAT (natMap)', () => {
  it('reaches nodes that announce addresses the bot cannot use, through the natMap parameter', async () => {
    // Each node tells clients a port nothing listens on, as behind port forwarding.
    const announced = (port: number) => 20_000 + (port % 10_000);
    const nat = await startCluster({ masters: 3, replicas: 0, announcePort: announced });
    const ports = nat.nodes.map((n) => n.port);
    const natMap = ports.map((p) => `127.0.0.1:${announced(p)}>127.0.0.1:${p}`).join(',');
    const redis = createRedis(`redis+cluster://127.0.0.1:${ports[0]}?natMap=${natMap}`);
    const plain = createRedis(`redis+cluster://127.0.0.1:${ports[0]}`);
    for (const c of [redis, plain]) c.on('error', () => undefined);
    try {
      await readyWithin(redis, 10_000);
      const keys = ['a', 'b', 'c', '{proposals}:x', '{wc}:y'];
      for (const k of keys) await redis.set(k, k);
      expect(await Promise.all(keys.map((k) => redis.get(k)))).toEqual(keys);
      // Without it, the announced addresses lead nowhere.
      const without = await Promise.race([plain.set('c', 'c').then(() => 'stored', () => 'refused'), new Promise((r) => setTimeout(() => r('no answer'), 3_000))]);
      expect(without).not.toBe('stored');
    } finally {
      redis.disconnect();
      plain.disconnect();
      await nat.stop();
    }
  }, 60_000);
});
