import { WorkCalendar } from '../../src/infra/calendar.js';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { Lifecycle } from '../../src/infra/lifecycle.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createRedis } from '../../src/infra/redis.js';
import { QUEUE_PREFIX } from '../../src/infra/ticker.js';
import { loadCatalogue } from '../../src/morning/catalogue.js';
import { registerMorningJobs } from '../../src/morning/jobs.js';
import { MorningService } from '../../src/morning/service.js';
import type { Poster } from '../../src/infra/poster.js';
import { morningStores } from '../../src/morning/store.js';
import { useRedis } from '../helpers/redis.js';

const catalogue = loadCatalogue();

describe('the daily job on BullMQ (job scheduler + start-up catch-up)', () => {
  const r = useRedis();
  const running: { lifecycle: Lifecycle; conns: Redis[] }[] = [];
  const posts: { channel: string; instance: string }[] = [];

  afterEach(async () => {
    for (const x of running.splice(0)) {
      await x.lifecycle.stop();
      for (const c of x.conns) c.disconnect();
    }
    posts.length = 0;
  });

  /** One "replica": its own connections, service, poster and job runner on the shared Redis. */
  async function replica(name: string, at: string) {
    const conns: Redis[] = [];
    const conn = () => {
      const c = createRedis(r.url, 'queues');
      conns.push(c);
      return c;
    };
    const redis = createRedis(r.url);
    conns.push(redis);
    const clock = fixedClock(at);
    const poster: Poster = {
      post: async (channel) => {
        posts.push({ channel, instance: name });
        return { ts: `${Date.now()}.000001` };
      },
    };
    const morning = new MorningService({ store: morningStores(redis), clock, logger: silentLogger, poster, calendar: new WorkCalendar(redis), render: (p) => ({ text: p.prompt.id }), defaultTime: '08:45', catalogue });
    const lifecycle = new Lifecycle();
    const ticker = registerMorningJobs({ lifecycle, queueConnection: conn, logger: silentLogger, clock, morning });
    running.push({ lifecycle, conns });
    await lifecycle.start();
    return { morning, ticker, lifecycle, clock };
  }

  it('sets up a job scheduler in Asia/Tokyo', async () => {
    await replica('a', '2026-11-24T07:00:00+09:00');
    const conn = createRedis(r.url, 'queues');
    const q = new Queue('morning', { connection: conn, prefix: QUEUE_PREFIX });
    const s = await q.getJobScheduler('morning-tick');
    expect(s).toMatchObject({ pattern: '* * * * *', tz: 'Asia/Tokyo' });
    await q.close();
    conn.disconnect();
  });

  it('two replicas started together post once', async () => {
    await r.client.hset('morning:channels', 'C0MORNING1', JSON.stringify({ subscribedBy: 'U1', subscribedAt: '2026-11-01T00:00:00Z' }));
    const [a, b] = await Promise.all([replica('a', '2026-11-24T08:45:10+09:00'), replica('b', '2026-11-24T08:45:10+09:00')]);
    await Promise.all([a.ticker.startupRun(), b.ticker.startupRun()]);
    // And more runs from both, as the scheduler would make.
    await Promise.all([a.morning.runDue(), b.morning.runDue()]);
    expect(posts.filter((p) => p.channel === 'C0MORNING1')).toHaveLength(1);
  });

  it('a restart at 09:30 catches up; a restart at 10:30 does not', async () => {
    await r.client.hset('morning:channels', 'C0MORNING1', JSON.stringify({ subscribedBy: 'U1', subscribedAt: '2026-11-01T00:00:00Z' }));
    const a = await replica('a', '2026-11-25T09:30:00+09:00');
    await a.ticker.startupRun();
    expect(posts).toHaveLength(1);
    await a.lifecycle.stop();

    const b = await replica('b', '2026-11-26T10:30:00+09:00');
    await b.ticker.startupRun();
    expect(posts).toHaveLength(1);
    expect(await b.morning.outcome('C0MORNING1', '2026-11-26')).toMatchObject({ status: 'skipped', cause: 'not_running' });
  });
});
