import { WorkCalendar } from '../src/infra/calendar.js';
import { fixedClock } from '../src/infra/clock.js';
import { createDurability } from '../src/infra/durable.js';
import { silentLogger } from '../src/infra/logger.js';
import { createRedis, readyWithin, type Redis } from '../src/infra/redis.js';
import { parseRedisUrl } from '../src/infra/redis-url.js';
import { startRedisServer } from '../src/infra/redis-server.js';
import { validateSessionForm } from '../src/worldcafe/schema.js';
import { createWorldcafeService } from '../src/worldcafe/service.js';
import { createWorldcafeStore } from '../src/worldcafe/store.js';
import { startCluster } from '../test/helpers/redis-cluster.js';
import { percentile, round } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * World Café sign-ups on a real Redis Cluster (3 masters, one replica each, loopback), measured
 * in the same run as on one redis-server, each through two clients as if from two replicas of the
 * bot, with the bot's own connection options and write confirmation (WAIT on the cluster, where
 * every master has a replica; none on the lone server).
 *
 *   cluster_signup_overbooked          500 concurrent joins for 20 seats: seats beyond the capacity,
 *                                      anyone told "confirmed" who is not stored, duplicates (target 0)
 *   cluster_join_p99_ms                p99 of one join on the cluster
 *   single_join_p99_ms                 p99 of one join on one server, same burst, same run
 *   cluster_join_p99_ratio             cluster / single
 *   cluster_spread_busiest_master_share  commands of 12 sessions × 40 joins: the busiest master's
 *                                      share of all the masters' commands (1/3 = even, 1 = one node)
 *   cluster_spread_masters_used        masters that ran at least a tenth of those commands
 */

const PEOPLE = 500;
const SEATS = 20;
const clock = fixedClock('2026-07-01T10:00:00+09:00');
const user = (i: number) => `U${String(i).padStart(9, '0')}`;
const FORM = { theme: 'ベンチマーク', kind: 'worldcafe', date: '2026-07-10', start: '18:30', end: '20:00', place: '会議室', capacity: String(SEATS) };

function twoReplicas(url: string) {
  const target = parseRedisUrl(url);
  const clients: Redis[] = [createRedis(target), createRedis(target)];
  for (const c of clients) c.on('error', () => undefined);
  const services = clients.map((redis) =>
    createWorldcafeService({ store: createWorldcafeStore(redis, undefined, createDurability(redis, target, silentLogger)), clock, calendar: new WorkCalendar(redis) }),
  );
  return { clients, services, close: () => clients.forEach((c) => c.disconnect()) };
}

type Services = ReturnType<typeof twoReplicas>['services'];

async function newSession(services: Services, theme = FORM.theme) {
  const draft = validateSessionForm({ ...FORM, theme }, clock.now());
  if (!draft.ok) throw new Error(`bench fixture: ${JSON.stringify(draft.errors)}`);
  return services[0]!.create(draft.value, 'U0ADMIN01');
}

/** 500 joins at once for 20 seats, alternating between the two replicas. */
async function burst(services: Services): Promise<{ overbooked: number; p99: number }> {
  await services[0]!.prepare();
  const warmup = await newSession(services);
  await Promise.all(Array.from({ length: 100 }, (_, i) => services[i % 2]!.join(warmup.id, user(PEOPLE + i))));
  const session = await newSession(services);
  const latencies: number[] = [];
  const results = await Promise.all(
    Array.from({ length: PEOPLE }, async (_, i) => {
      const t0 = performance.now();
      const r = await services[i % 2]!.join(session.id, user(i));
      latencies.push(performance.now() - t0);
      return { user: user(i), r };
    }),
  );
  const stored = await services[1]!.attendees(session.id);
  const told = results.filter((x) => x.r.outcome === 'confirmed').map((x) => x.user);
  const storedSet = new Set(stored.confirmed);
  const overbooked =
    Math.max(0, stored.confirmed.length - SEATS) + Math.max(0, told.length - SEATS) + told.filter((u) => !storedSet.has(u)).length + (stored.confirmed.length - storedSet.size);
  if (stored.confirmed.length + stored.waiting.length !== PEOPLE) throw new Error('cluster bench: someone was lost');
  return { overbooked, p99: percentile(latencies, 99) };
}

const bench: Bench = async (): Promise<Figure[]> => {
  const server = await startRedisServer();
  const cluster = await startCluster();
  const single = twoReplicas(server.url);
  const onCluster = twoReplicas(cluster.url);
  try {
    await Promise.all([...single.clients, ...onCluster.clients].map((c) => readyWithin(c, 10_000)));
    const s = await burst(single.services);
    const c = await burst(onCluster.services);

    // Spread: many sessions, as in a ward office with several running at once.
    const masters = async () => {
      const counts = await cluster.commandCounts();
      const roles = await Promise.all(cluster.nodes.map(async (n) => [n.port, ((await n.call('ROLE')) as string[])[0]] as const));
      return new Map([...counts].filter(([port]) => roles.some(([p, role]) => p === port && role === 'master')));
    };
    const sessions = await Promise.all(Array.from({ length: 12 }, (_, i) => newSession(onCluster.services, `分散 ${i}`)));
    const before = await masters();
    await Promise.all(sessions.flatMap((session, j) => Array.from({ length: 40 }, (_, i) => onCluster.services[i % 2]!.join(session.id, user(10_000 + j * 100 + i)))));
    const after = await masters();
    const delta = [...after].map(([port, n]) => n - (before.get(port) ?? 0));
    const total = delta.reduce((a, b) => a + b, 0);
    return [
      { name: 'cluster_signup_overbooked', value: c.overbooked, unit: 'seats' },
      { name: 'cluster_join_p99_ms', value: round(c.p99), unit: 'ms' },
      { name: 'single_join_p99_ms', value: round(s.p99), unit: 'ms' },
      { name: 'cluster_join_p99_ratio', value: round(c.p99 / s.p99), unit: 'x' },
      { name: 'cluster_spread_busiest_master_share', value: round(Math.max(...delta) / total), unit: 'share' },
      { name: 'cluster_spread_masters_used', value: delta.filter((d) => d >= total / 10).length, unit: 'masters' },
    ];
  } finally {
    single.close();
    onCluster.close();
    await cluster.stop();
    await server.stop();
  }
};

export default bench;
