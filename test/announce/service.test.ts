import { beforeEach, describe, expect, it } from 'vitest';
import { AnnounceService } from '../../src/announce/service.js';
import type { AnnouncementInput } from '../../src/announce/types.js';
import { PostError, type Poster } from '../../src/infra/poster.js';
import { AnnouncementStore } from '../../src/announce/store.js';
import { fixedClock } from '../../src/infra/clock.js';
import { silentLogger } from '../../src/infra/logger.js';
import { useRedis } from '../helpers/redis.js';

function recordingPoster() {
  const posts: { channel: string; text: string }[] = [];
  const failures = new Map<string, { code: string; permanent: boolean }>();
  const poster: Poster = {
    post: async (channel, text) => {
      await new Promise((r) => setTimeout(r, 5));
      const f = failures.get(channel);
      if (f) throw new PostError(f.code, f.permanent);
      posts.push({ channel, text });
      return { ts: `1700000000.${posts.length}` };
    },
  };
  return { poster, posts, failures };
}

const render = {
  announcement: (a: { id: string; title: string }) => ({ text: `${a.id}:${a.title}` }),
  report: (a: { status: string }) => ({ text: `report:${a.status}` }),
};

const input: AnnouncementInput = {
  initiative: 'training',
  title: '接遇研修のご案内',
  body: '区役所内研修として接遇研修を行います。',
  channels: ['C0CHAN001', 'C0CHAN002'],
  when: 'at',
  date: '2027-06-01',
  time: '10:00',
};

describe('AnnounceService (real Redis, injected clock)', () => {
  const r = useRedis();
  beforeEach(() => r.flush());

  function make(at: string) {
    const clock = fixedClock(at);
    const rec = recordingPoster();
    const svc = new AnnounceService({ store: new AnnouncementStore(r.client), clock, logger: silentLogger, poster: rec.poster, render: render as never });
    return { clock, svc, ...rec };
  }

  async function scheduled(at = '2026-11-24T09:00:00+09:00', over: Partial<AnnouncementInput> = {}) {
    const t = make(at);
    const d = await t.svc.prepare({ ...input, ...over }, 'U0ADMIN01');
    if (!d.ok) throw new Error(JSON.stringify(d.errors));
    const c = await t.svc.commit(d.draftId, 'U0ADMIN01');
    if (!c.ok) throw new Error(c.code);
    return { t, a: c.announcement, draftId: d.draftId };
  }

  it('a scheduled announcement (189 days ahead) survives a restart and goes out once', async () => {
    const { t, a } = await scheduled();
    expect(a.status).toBe('scheduled');
    await t.svc.runDue();
    expect(t.posts).toHaveLength(0);

    // "Restart": new service instances on the same Redis, after the due time; two replicas at once.
    const b = make('2027-06-01T10:00:20+09:00');
    const c = make('2027-06-01T10:00:20+09:00');
    await Promise.all([b.svc.runDue(), c.svc.runDue(), b.svc.runDue()]);
    const all = [...b.posts, ...c.posts];
    expect(all.map((p) => p.channel).sort()).toEqual(['C0CHAN001', 'C0CHAN002', 'U0ADMIN01']);
    expect(all.filter((p) => p.channel === 'U0ADMIN01')[0]!.text).toBe('report:sent');
    expect(await b.svc.get(a.id)).toMatchObject({ status: 'sent', deliveries: { C0CHAN001: { status: 'sent' }, C0CHAN002: { status: 'sent' } } });
    b.clock.set('2027-06-02T10:00:00+09:00');
    await b.svc.runDue();
    expect(b.posts.length + c.posts.length).toBe(3);
  });

  it('bad input stores nothing', async () => {
    const t = make('2026-11-24T09:00:00+09:00');
    const d = await t.svc.prepare({ ...input, date: '2026-11-23' }, 'U0ADMIN01');
    expect(d.ok).toBe(false);
    expect(await r.client.keys('announce:*')).toEqual([]);
  });

  it('pressing 送信 twice makes one announcement; an expired draft is refused', async () => {
    const t = make('2026-11-24T09:00:00+09:00');
    const d = await t.svc.prepare({ ...input, when: 'now' }, 'U0ADMIN01');
    if (!d.ok) throw new Error('draft');
    const [x, y] = await Promise.all([t.svc.commit(d.draftId, 'U0ADMIN01'), t.svc.commit(d.draftId, 'U0ADMIN01')]);
    expect(x.ok && y.ok).toBe(true);
    if (x.ok && y.ok) expect(x.announcement.id).toBe(y.announcement.id);
    expect(await r.client.zcard('announce:index')).toBe(1);
    await t.svc.runDue();
    expect(t.posts.filter((p) => p.channel.startsWith('C'))).toHaveLength(2);
    expect(await t.svc.commit('dnosuchdraft', 'U0ADMIN01')).toEqual({ ok: false, code: 'draft_expired' });
  });

  it('refuses to commit a draft whose time passed while the admin looked at the preview', async () => {
    const t = make('2026-11-24T09:58:00+09:00');
    const d = await t.svc.prepare({ ...input, date: '2026-11-24', time: '10:00' }, 'U0ADMIN01');
    if (!d.ok) throw new Error('draft');
    t.clock.set('2026-11-24T10:01:00+09:00');
    expect(await t.svc.commit(d.draftId, 'U0ADMIN01')).toMatchObject({ ok: false, code: 'time_passed' });
    expect(await r.client.zcard('announce:due')).toBe(0);
  });

  it('lists and cancels scheduled ones; a sent one cannot be cancelled', async () => {
    const { t, a } = await scheduled();
    const list = await t.svc.list();
    expect(list.scheduled.map((x) => x.id)).toEqual([a.id]);
    expect(await t.svc.cancel(a.id, 'U0ADMIN01')).toMatchObject({ ok: true, announcement: { status: 'cancelled' } });
    expect(await t.svc.cancel(a.id, 'U0ADMIN01')).toMatchObject({ ok: false, code: 'already_cancelled' });
    t.clock.set('2027-06-01T10:05:00+09:00');
    await t.svc.runDue();
    expect(t.posts).toHaveLength(0);
    expect((await t.svc.list()).recent.map((x) => x.status)).toEqual(['cancelled']);

    const { t: t2, a: b } = await scheduled('2026-11-24T09:00:00+09:00', { when: 'now' });
    await t2.svc.runDue();
    expect(await t2.svc.cancel(b.id, 'U0ADMIN01')).toMatchObject({ ok: false, code: 'already_sent' });
  });

  it('retries transient failures per channel (no duplicates), and reports a channel the bot is not in', async () => {
    const { a } = await scheduled('2026-11-24T09:00:00+09:00', { channels: ['C0CHAN001', 'C0CHAN002', 'C0NOTIN01'] });
    const t = make('2027-06-01T10:00:00+09:00');
    t.failures.set('C0CHAN002', { code: 'ratelimited', permanent: false });
    t.failures.set('C0NOTIN01', { code: 'not_in_channel', permanent: true });
    await t.svc.runDue();
    expect(t.posts.map((p) => p.channel)).toEqual(['C0CHAN001']);
    expect(await t.svc.get(a.id)).toMatchObject({ status: 'sending', attempts: 1 });
    // The retry waits a minute.
    await t.svc.runDue();
    expect(t.posts).toHaveLength(1);
    t.failures.delete('C0CHAN002');
    t.clock.set('2027-06-01T10:01:10+09:00');
    await t.svc.runDue();
    expect(t.posts.map((p) => p.channel)).toEqual(['C0CHAN001', 'C0CHAN002', 'U0ADMIN01']);
    expect(await t.svc.get(a.id)).toMatchObject({ status: 'partly_failed', deliveries: { C0NOTIN01: { status: 'failed', code: 'not_in_channel' } } });
    expect(t.posts.at(-1)!.text).toBe('report:partly_failed');
  });

  it('records 参加 once per person', async () => {
    const { a } = await scheduled('2026-11-24T09:00:00+09:00', { when: 'now', join: true });
    const t = make('2026-11-24T09:00:05+09:00');
    await t.svc.runDue();
    expect(await t.svc.join(a.id, 'U0STAFF01')).toMatchObject({ ok: true, added: true, count: 1 });
    expect(await t.svc.join(a.id, 'U0STAFF01')).toMatchObject({ ok: true, added: false, count: 1 });
    expect(await t.svc.join(a.id, 'U0STAFF02')).toMatchObject({ ok: true, added: true, count: 2 });
    expect((await t.svc.list()).recent[0]).toMatchObject({ id: a.id, joined: 2 });
    expect(await t.svc.join('anosuch', 'U0STAFF01')).toMatchObject({ ok: false });
  });
});
