import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../helpers/app.js';
import { startCluster, type TestCluster } from '../helpers/redis-topology.js';
import { openProposalForm, sharedStateFlows, submitProposal, useTwoReplicas } from '../helpers/shared-state-flows.js';
import { startSlackFake } from '../helpers/slack-fake.js';

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

  it('/healthz is 200 on both replicas', async () => {
    for (const app of [r.a, r.b]) expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('killing the master that holds the proposals loses no acknowledged proposal and repeats no number', async () => {
    const victim = await cluster.masterFor('{proposals}:recent');
    const acknowledged = new Map<string, string>();
    const users = Array.from({ length: 24 }, (_, i) => `U0CLFAIL${String(i).padStart(2, '0')}`);
    const forms = await Promise.all(users.map((u, i) => openProposalForm(r, i % 2 ? r.a : r.b, u)));
    const submitAll = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const title = `障害中の提案 ${i}`;
        const id = await submitProposal(i % 2 ? r.b : r.a, users[i]!, forms[i]!, title).catch(() => undefined);
        if (id) acknowledged.set(id, title);
        await new Promise((res) => setTimeout(res, 100));
      }
    };
    await submitAll(0, 4);
    const killing = (async () => {
      await victim.kill();
      await cluster.settled().catch(() => undefined);
    })();
    await submitAll(4, 20);
    await killing;
    await victim.start(); // comes back (empty) and rejoins as the new master's replica
    await cluster.settled();
    await submitAll(20, 24);

    expect(acknowledged.size).toBeGreaterThanOrEqual(8);
    const stored = await r.a.bot.services.proposals.listRecent(100);
    for (const [id, title] of acknowledged) expect(stored.find((p) => p.id === id)?.title, id).toBe(title);
    expect(new Set(stored.map((p) => p.id)).size).toBe(stored.length);
    expect(new Set(stored.map((p) => p.title)).size).toBe(stored.length);
    for (const app of [r.a, r.b]) await expect.poll(async () => (await fetch(`${app.baseUrl}/healthz`)).status, { timeout: 10_000 }).toBe(200);
  }, 90_000);
});

describe('/healthz on a Cluster that cannot take writes', () => {
  it('is 503 while the cluster is down, 200 again once it is back', async () => {
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
    } finally {
      await t.stop();
      await slack.stop();
    }
  }, 90_000);
});
