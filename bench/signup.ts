import { Redis } from 'ioredis';
import { fixedClock } from '../src/infra/clock.js';
import { startRedisServer } from '../src/infra/redis-server.js';
import { validateSessionForm } from '../src/worldcafe/schema.js';
import { WorkCalendar } from '../src/infra/calendar.js';
import { createWorldcafeService } from '../src/worldcafe/service.js';
import { createWorldcafeStore } from '../src/worldcafe/store.js';
import { percentile, round } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * World Café sign-ups under a burst: 500 people click 参加する at the same moment for a session
 * with 20 seats, against a private redis-server, through 16 connections (as if from 16 replicas).
 *
 *   signup_overbooked    confirmed seats beyond the capacity (must be 0), also counting anyone
 *                        told "confirmed" who is not in the stored list, and duplicate holders
 *   signup_join_p99_ms   p99 latency of one join (the Lua script round trip), in ms
 */

const PEOPLE = 500;
const SEATS = 20;
const CONNECTIONS = 16;

const bench: Bench = async (): Promise<Figure[]> => {
  const server = await startRedisServer();
  const conns = Array.from({ length: CONNECTIONS }, () => new Redis(server.url, { maxRetriesPerRequest: 1 }));
  try {
    const clock = fixedClock('2026-07-01T10:00:00+09:00');
    const services = conns.map((redis) => createWorldcafeService({ store: createWorldcafeStore(redis, '{wc-bench}'), clock, calendar: new WorkCalendar(redis) }));
    const form = { theme: 'ベンチマーク', kind: 'worldcafe', date: '2026-07-10', start: '18:30', end: '20:00', place: '会議室', capacity: String(SEATS) };
    const draft = validateSessionForm(form, clock.now());
    if (!draft.ok) throw new Error(`bench fixture: ${JSON.stringify(draft.errors)}`);
    const session = await services[0]!.create(draft.value, 'U0ADMIN01');
    const warmup = await services[0]!.create(draft.value, 'U0ADMIN01');
    // Connections up and scripts loaded, as in a running bot (src/worldcafe/module.ts does this at start).
    await Promise.all(conns.map((c) => c.ping()));
    await services[0]!.prepare();

    const user = (i: number) => `U${String(i).padStart(9, '0')}`;
    // Warm the code path (as in a bot that has been running), on another session.
    await Promise.all(Array.from({ length: 100 }, (_, i) => services[i % CONNECTIONS]!.join(warmup.id, user(PEOPLE + i))));
    const latencies: number[] = [];
    const results = await Promise.all(
      Array.from({ length: PEOPLE }, async (_, i) => {
        const t0 = performance.now();
        const r = await services[i % CONNECTIONS]!.join(session.id, user(i));
        latencies.push(performance.now() - t0);
        return { user: user(i), r };
      }),
    );

    const stored = await services[0]!.attendees(session.id);
    const told = results.filter((x) => x.r.outcome === 'confirmed').map((x) => x.user);
    const storedSet = new Set(stored.confirmed);
    const toldButMissing = told.filter((u) => !storedSet.has(u)).length;
    const duplicates = stored.confirmed.length - storedSet.size;
    const overbooked = Math.max(0, stored.confirmed.length - SEATS) + Math.max(0, told.length - SEATS) + toldButMissing + duplicates;
    if (stored.confirmed.length + stored.waiting.length !== PEOPLE) throw new Error('signup bench: someone was lost');
    return [
      { name: 'signup_overbooked', value: overbooked, unit: 'seats' },
      { name: 'signup_join_p99_ms', value: round(percentile(latencies, 99)), unit: 'ms' },
    ];
  } finally {
    conns.forEach((c) => c.disconnect());
    await server.stop();
  }
};

export default bench;
