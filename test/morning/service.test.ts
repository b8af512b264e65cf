import { WorkCalendar } from '../../src/infra/calendar.js';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, fromTokyo } from '../../src/infra/clock.js';
import { silentLogger, type Logger } from '../../src/infra/logger.js';
import { loadCatalogue } from '../../src/morning/catalogue.js';
import { MorningService } from '../../src/morning/service.js';
import { skipReason } from '../../src/morning/slack/texts.js';
import { morningStores } from '../../src/morning/store.js';
import type { MorningPost } from '../../src/morning/types.js';
import { PostError, type Poster } from '../../src/infra/poster.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useRedis } from '../helpers/redis.js';

/** A poster that records what it posts; `fail` makes the next posts reject like Slack would. */
function recordingPoster() {
  const posts: { channel: string; text: string; blocks?: unknown[] }[] = [];
  let fail: { code: string; permanent: boolean } | undefined;
  let n = 0;
  const poster: Poster = {
    post: async (channel, text, blocks) => {
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new PostError(fail.code, fail.permanent);
      posts.push({ channel, text, blocks });
      return { ts: `1700000000.${String(++n).padStart(6, '0')}` };
    },
  };
  return { poster, posts, failWith: (f?: { code: string; permanent: boolean }) => (fail = f) };
}

const catalogue = loadCatalogue();
const render = (p: MorningPost) => ({ text: `${p.prompt.id}|${p.pool}`, blocks: [] });

describe('MorningService (real Redis, injected clock)', () => {
  const r = useRedis();
  beforeEach(() => r.flush());

  function make(at: string, opts: { logger?: Logger } = {}) {
    const clock = fixedClock(at);
    const rec = recordingPoster();
    const svc = new MorningService({ store: morningStores(r.client), clock, logger: opts.logger ?? silentLogger, poster: rec.poster, calendar: new WorkCalendar(r.client), render, defaultTime: '08:45', catalogue });
    return { clock, svc, ...rec };
  }

  /** Subscribes a channel "yesterday" so today's post is due. */
  async function subscribed(channel: string, at = '2026-11-01T09:00:00+09:00') {
    const { svc } = make(at);
    await svc.subscribe(channel, 'U0STAFF01');
  }

  it.each([
    ['2026-11-23', '勤労感謝の日'],
    ['2026-09-22', '国民の休日'],
    ['2026-12-29', '年末年始休業'],
  ])('posts nothing on %s (%s)', async (date, reason) => {
    await subscribed('C0MORNING1', '2026-09-01T09:00:00+09:00');
    const { svc, posts } = make(fromTokyo(date, '09:00').toISOString());
    const res = await svc.runDue();
    expect(res).toMatchObject({ date, workday: false, reason, posted: [] });
    expect(posts).toHaveLength(0);
  });

  it('posts on 2026-11-24 at the post time, once, with the week-start prompt (Monday was a holiday)', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-24T08:44:00+09:00');
    expect((await t.svc.runDue()).posted).toEqual([]);
    t.clock.set('2026-11-24T08:45:00+09:00');
    const res = await t.svc.runDue();
    expect(res.posted).toHaveLength(1);
    expect(t.posts).toHaveLength(1);
    expect(t.posts[0]!.channel).toBe('C0MORNING1');
    expect(t.posts[0]!.text).toMatch(/\|week_start$/);
    t.clock.set('2026-11-24T08:46:00+09:00');
    await t.svc.runDue();
    await t.svc.runDue();
    expect(t.posts).toHaveLength(1);
    expect(await t.svc.outcome('C0MORNING1', '2026-11-24')).toMatchObject({ status: 'posted', late: false });
  });

  it('two instances on one Redis post once per channel', async () => {
    await subscribed('C0MORNING1');
    await subscribed('C0MORNING2');
    const a = make('2026-11-25T08:45:30+09:00');
    const b = make('2026-11-25T08:45:30+09:00');
    await Promise.all([a.svc.runDue(), b.svc.runDue(), a.svc.runDue(), b.svc.runDue()]);
    const all = [...a.posts, ...b.posts];
    expect(all.map((p) => p.channel).sort()).toEqual(['C0MORNING1', 'C0MORNING2']);
  });

  it('catches up when it comes back at 09:30, and skips (and says why) at 10:30', async () => {
    await subscribed('C0MORNING1');
    const late = make('2026-11-25T09:30:00+09:00');
    const res = await late.svc.runDue();
    expect(res.posted).toHaveLength(1);
    expect(await late.svc.outcome('C0MORNING1', '2026-11-25')).toMatchObject({ status: 'posted', late: true });

    const logs = captureLogs('info');
    const tooLate = make('2026-11-26T10:30:00+09:00', { logger: logs.logger });
    const res2 = await tooLate.svc.runDue();
    expect(tooLate.posts).toHaveLength(0);
    expect(res2.skipped).toHaveLength(1);
    expect(res2.skipped[0]).toEqual({ channel: 'C0MORNING1', cause: 'not_running', time: '08:45', deadline: '10:00' });
    expect(skipReason({ date: '2026-11-26', ...res2.skipped[0]! })).toMatch(/08:45 から 10:00 までの間、みなとナビが動いていなかった/);
    expect(logs.lines.some((l) => l.level === 40 && /catch-up window passed/.test(l.msg) && l.channel === 'C0MORNING1')).toBe(true);
    const status = await tooLate.svc.status('C0MORNING1');
    expect(status.today.outcome).toMatchObject({ status: 'skipped' });
    expect(status.next).toMatchObject({ date: '2026-11-27', time: '08:45' });
    // Later runs the same day do nothing more.
    tooLate.clock.set('2026-11-26T11:00:00+09:00');
    expect((await tooLate.svc.runDue()).skipped).toHaveLength(0);
  });

  it('does not repeat a prompt through a whole pool', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-12-01T08:50:00+09:00');
    const ids: string[] = [];
    // Tuesdays–Thursdays draw from the "any" pool.
    let date = '2026-12-01';
    while (ids.length < catalogue.pool('any').length) {
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      const day = await t.svc.calendar.dayStatus(date);
      if (day.workday && dow >= 2 && dow <= 4 && (await t.svc.poolFor(date)) === 'any') {
        t.clock.set(fromTokyo(date, '08:50'));
        const res = await t.svc.runDue();
        ids.push(res.posted[0]!.promptId);
      }
      date = new Date(new Date(`${date}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses week-end prompts on the last working day of the week', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-27T08:45:00+09:00');
    await t.svc.runDue();
    expect(t.posts[0]!.text).toMatch(/\|week_end$/);
  });

  it('retries a transient Slack failure on the next run, and skips a channel the bot is not in', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-25T08:45:00+09:00');
    t.failWith({ code: 'ratelimited', permanent: false });
    expect((await t.svc.runDue()).failed).toEqual([{ channel: 'C0MORNING1', code: 'ratelimited' }]);
    t.failWith(undefined);
    t.clock.set('2026-11-25T08:46:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(1);

    t.clock.set('2026-11-26T08:45:00+09:00');
    t.failWith({ code: 'not_in_channel', permanent: true });
    const res = await t.svc.runDue();
    expect(res.skipped[0]).toEqual({ channel: 'C0MORNING1', cause: 'refused', code: 'not_in_channel' });
    expect(skipReason({ date: '2026-11-26', ...res.skipped[0]! })).toMatch(/\/invite @minato-navi/);
    t.failWith(undefined);
    t.clock.set('2026-11-26T08:50:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(0);
  });

  it('after a day of Slack errors, the skip reason names the error', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-25T08:45:00+09:00');
    t.failWith({ code: 'service_unavailable', permanent: false });
    await t.svc.runDue();
    t.clock.set('2026-11-25T10:00:00+09:00');
    const res = await t.svc.runDue();
    expect(res.skipped[0]).toEqual({ channel: 'C0MORNING1', cause: 'post_failed', deadline: '10:00', code: 'service_unavailable' });
    expect(skipReason({ date: '2026-11-25', ...res.skipped[0]! })).toMatch(/Slack への投稿が成功しなかったため（service_unavailable）/);
  });

  it('a channel subscribed after today’s post time starts on the next working day', async () => {
    const t = make('2026-11-25T09:00:00+09:00');
    await t.svc.subscribe('C0MORNING1', 'U0STAFF01');
    expect((await t.svc.runDue()).posted).toHaveLength(0);
    expect((await t.svc.status('C0MORNING1')).next).toMatchObject({ date: '2026-11-26', time: '08:45' });
    t.clock.set('2026-11-26T08:45:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(1);
  });

  it('per-channel time: posts at the channel’s own time; a bad time changes nothing', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-24T18:00:00+09:00');
    expect(await t.svc.setTime('C0MORNING1', '25:00', 'U0STAFF01')).toEqual({ ok: false, code: 'bad_time', input: '25:00' });
    expect(await t.svc.setTime('C0MORNING1', 'あした', 'U0STAFF01')).toMatchObject({ ok: false, code: 'bad_time' });
    expect((await t.svc.subscription('C0MORNING1'))?.time).toBeUndefined();
    expect(await t.svc.setTime('C0NOTSUBSC', '09:00', 'U0STAFF01')).toEqual({ ok: false, code: 'not_subscribed' });
    expect(await r.client.hexists('morning:channels', 'C0NOTSUBSC')).toBe(0);
    expect(await t.svc.setTime('C0MORNING1', '９：１５', 'U0STAFF01')).toEqual({ ok: true, time: '09:15', previous: '08:45' });
    t.clock.set('2026-11-25T09:00:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(0);
    t.clock.set('2026-11-25T09:15:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(1);
  });

  it('an extra closed day added by an admin posts nothing, with its reason', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-20T09:00:00+09:00');
    await t.svc.calendar.addClosedDay({ date: '2026-11-25', reason: '停電のため閉庁', addedBy: 'U0ADMIN01' }, t.clock.now());
    t.clock.set('2026-11-25T08:45:00+09:00');
    expect(await t.svc.runDue()).toMatchObject({ workday: false, reason: '停電のため閉庁', posted: [] });
    expect((await t.svc.status('C0MORNING1')).next).toMatchObject({ date: '2026-11-26' });
  });

  it('preview shows the next prompt without using it up', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-25T07:00:00+09:00');
    const p1 = await t.svc.preview('C0MORNING1');
    const p2 = await t.svc.preview('C0MORNING1');
    expect(p1.post?.prompt.id).toBe(p2.post?.prompt.id);
    t.clock.set('2026-11-25T08:45:00+09:00');
    const res = await t.svc.runDue();
    expect(res.posted[0]!.promptId).toBe(p1.post!.prompt.id);
    // On a holiday, preview looks ahead to the next working day.
    const h = make('2026-11-23T10:00:00+09:00');
    const ph = await h.svc.preview('C0MORNING2');
    expect(ph.day).toMatchObject({ workday: false, reason: '勤労感謝の日' });
    expect(ph.post).toMatchObject({ date: '2026-11-24', pool: 'week_start' });
  });

  it('unsubscribe stops posts; subscribing again continues the rotation', async () => {
    await subscribed('C0MORNING1');
    const t = make('2026-11-25T08:45:00+09:00');
    const first = (await t.svc.runDue()).posted[0]!.promptId;
    expect(await t.svc.unsubscribe('C0MORNING1', 'U0STAFF01')).toEqual({ wasSubscribed: true });
    t.clock.set('2026-11-26T08:45:00+09:00');
    expect((await t.svc.runDue()).posted).toHaveLength(0);
    await t.svc.subscribe('C0MORNING1', 'U0STAFF01');
    t.clock.set('2026-12-01T08:45:00+09:00');
    const next = (await t.svc.runDue()).posted[0]!.promptId;
    expect(next).not.toBe(first);
  });

  it('a tick during a long run makes the job look again when the run ends: a channel due meanwhile is posted on time', async () => {
    // 1,500 channels post at 08:44 and one at 08:45. Posting the 1,500 takes the 08:44 run past
    // 08:45 (each post moves the clock on 60 ms). The 08:45 tick arrives during that run; it
    // must not just join it (the run read the clock at 08:44 and skipped the 08:45 channel as not
    // yet due), or that channel would wait for the 08:46 tick and be posted a minute late.
    const clock = fixedClock('2026-11-25T08:44:00+09:00');
    const stores = morningStores(r.client);
    const subscribedAt = '2026-11-01T00:00:00.000Z';
    const channels = Array.from({ length: 1_500 }, (_, i) => `C0EARLY${String(i).padStart(4, '0')}`);
    for (let i = 0; i < channels.length; i += 100) {
      await Promise.all(channels.slice(i, i + 100).map((channel) => stores.subscriptions.save({ channel, time: '08:44', subscribedBy: 'U0STAFF01', subscribedAt })));
    }
    await stores.subscriptions.save({ channel: 'C0LATER', time: '08:45', subscribedBy: 'U0STAFF01', subscribedAt });
    const postedAt = new Map<string, string>();
    let tick: Promise<Awaited<ReturnType<MorningService['runDue']>>> | undefined;
    const poster: Poster = {
      post: async (channel) => {
        clock.advance(60);
        postedAt.set(channel, clock.now().toISOString());
        if (!tick && clock.now() >= fromTokyo('2026-11-25', '08:45')) tick = svc.runDue(); // the 08:45 tick
        return { ts: `1700000000.${String(postedAt.size).padStart(6, '0')}` };
      },
    };
    const svc = new MorningService({ store: stores, clock, logger: silentLogger, poster, calendar: new WorkCalendar(r.client), render, defaultTime: '08:45', catalogue });

    const first = await svc.runDue();
    expect(first.posted).toHaveLength(1_500);
    expect(tick, 'the 08:45 tick came while the 08:44 run was still posting').toBeDefined();
    const second = await tick!;
    expect(second.posted.map((p) => p.channel)).toEqual(['C0LATER']);
    expect(await svc.outcome('C0LATER', '2026-11-25')).toMatchObject({ status: 'posted', late: false });
    expect(postedAt.get('C0LATER')! < fromTokyo('2026-11-25', '08:46').toISOString()).toBe(true);
  });
});
