import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { fromTokyo } from '../../src/infra/clock.js';
import { validateScheduleForm } from '../../src/worldcafe/schema.js';
import { useRedis } from '../helpers/redis.js';
import { createSession, makeService, user } from './fixtures.js';

const at = (d: string, t: string) => fromTokyo(d, t).getTime();

describe('the due-queue of reminders and notices (real Redis, injected clock)', () => {
  const r = useRedis();
  let n = 0;
  const setup = () => makeService(r.client, `{wc-n${++n}}`);

  it('a confirmed seat schedules both reminders and the survey at the end; the waitlist none; leaving removes them; promotion adds them and a DM', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    expect(await sessions.pendingNotices()).toEqual([
      { member: `day_before|${s.id}|${user(1)}`, at: at('2026-07-09', '12:00') },
      { member: `soon|${s.id}|${user(1)}`, at: at('2026-07-10', '18:00') },
      { member: `survey|${s.id}|${user(1)}`, at: at('2026-07-10', '20:00') },
    ]);
    await sessions.leave(s.id, user(1));
    const now = clock.now().getTime();
    expect(await sessions.pendingNotices()).toEqual([
      { member: `promoted|${s.id}|${user(2)}`, at: now },
      { member: `day_before|${s.id}|${user(2)}`, at: at('2026-07-09', '12:00') },
      { member: `soon|${s.id}|${user(2)}`, at: at('2026-07-10', '18:00') },
      { member: `survey|${s.id}|${user(2)}`, at: at('2026-07-10', '20:00') },
    ]);
  });

  it('a session ending on a closed day sends its survey at 10:00 on the next working day', async () => {
    const { sessions, clock } = setup();
    // Saturday 2026-07-11; Monday 07-13 is a working day. 2026-07-20 is 海の日 (Monday), so a Sunday 07-19 session waits for Tuesday.
    const sat = await createSession(sessions, clock.now(), { date: '2026-07-11', start: '10:00', end: '12:00' });
    const sun = await createSession(sessions, clock.now(), { date: '2026-07-19', start: '10:00', end: '12:00' });
    expect(sat.surveyAt).toBe(at('2026-07-13', '10:00'));
    expect(sun.surveyAt).toBe(at('2026-07-21', '10:00'));
    await sessions.join(sat.id, user(1));
    expect((await sessions.pendingNotices()).find((p) => p.member.startsWith('survey|'))).toEqual({ member: `survey|${sat.id}|${user(1)}`, at: at('2026-07-13', '10:00') });
  });

  it('joining after the day-before noon schedules only the 30-minute reminder', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { deadline_date: '2026-07-10', deadline_time: '17:00' });
    clock.set('2026-07-09T13:00:00+09:00');
    await sessions.join(s.id, user(1));
    expect((await sessions.pendingNotices()).map((p) => p.member)).toEqual([`soon|${s.id}|${user(1)}`, `survey|${s.id}|${user(1)}`]);
  });

  it('each notice is claimed by one replica only; an unfinished one comes back after its lease; a finished one never', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '30' });
    for (let i = 1; i <= 30; i++) await sessions.join(s.id, user(i));
    clock.set('2026-07-09T12:00:00+09:00');
    // Three "replicas" with their own connections claim at once.
    const conns = Array.from({ length: 3 }, () => new Redis(r.url));
    try {
      const replicas = conns.map((c) => makeService(c, sessions.keys.prefix, '2026-07-09T12:00:00+09:00').sessions);
      const claims = await Promise.all(replicas.flatMap((rep) => [rep.claimNotices(7, 60_000), rep.claimNotices(7, 60_000)]));
      const members = claims.flat().map((c) => c.member);
      expect(members).toHaveLength(30);
      expect(new Set(members).size).toBe(30);
      expect(members.every((m) => m.startsWith('day_before|'))).toBe(true);
      // Nothing more is due right now.
      expect(await sessions.claimNotices(100, 60_000)).toEqual([]);
      // Finish all but one; the unfinished one is claimable again after its lease, with tries = 2.
      const flat = claims.flat();
      for (const c of flat.slice(1)) await sessions.completeNotice(c);
      clock.advance(61_000);
      const again = await sessions.claimNotices(100, 60_000);
      expect(again.map((c) => [c.member, c.tries])).toEqual([[flat[0]!.member, 2]]);
      await sessions.completeNotice(again[0]!);
      clock.set('2026-07-10T00:00:00+09:00');
      expect(await sessions.claimNotices(100, 60_000)).toEqual([]);
    } finally {
      conns.forEach((c) => c.disconnect());
    }
  });

  it('a reschedule moves the reminders, tells everyone, and a stale lease cannot delete the new reminder', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    clock.set('2026-07-09T12:00:00+09:00');
    const [claimed] = await sessions.claimNotices(10, 60_000);
    expect(claimed?.kind).toBe('day_before');
    const sched = validateScheduleForm({ date: '2026-07-17', start: '18:00', end: '19:30' }, clock.now());
    if (!sched.ok) throw new Error('fixture');
    const res = await sessions.reschedule(s.id, sched.value);
    expect(res).toMatchObject({ outcome: 'rescheduled', notify: { confirmed: [user(1)], waiting: [user(2)] } });
    if (res.outcome === 'rescheduled') expect(res.session).toMatchObject({ version: 2, startAt: at('2026-07-17', '18:00') });
    // The old lease finishes late: the new reminder must survive.
    await sessions.completeNotice(claimed!);
    const pending = await sessions.pendingNotices();
    expect(pending).toEqual(
      expect.arrayContaining([
        { member: `moved|${s.id}|${user(1)}`, at: clock.now().getTime() },
        { member: `moved|${s.id}|${user(2)}`, at: clock.now().getTime() },
        { member: `day_before|${s.id}|${user(1)}`, at: at('2026-07-16', '12:00') },
        { member: `soon|${s.id}|${user(1)}`, at: at('2026-07-17', '17:30') },
        { member: `survey|${s.id}|${user(1)}`, at: at('2026-07-17', '19:30') },
      ]),
    );
    expect(pending).toHaveLength(5);
  });

  it('cancelling the session tells everyone and drops their reminders', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    const res = await sessions.cancelSession(s.id);
    expect(res).toMatchObject({ outcome: 'cancelled', notify: { confirmed: [user(1)], waiting: [user(2)] } });
    const t = clock.now().getTime();
    expect(await sessions.pendingNotices()).toEqual([
      { member: `cancelled|${s.id}|${user(1)}`, at: t },
      { member: `cancelled|${s.id}|${user(2)}`, at: t },
    ]);
    expect(await sessions.cancelSession(s.id)).toEqual({ outcome: 'refused', reason: 'cancelled' });
  });

  it('seat changes mark the session dirty; a flush is taken at most once per lock period across replicas', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '3' });
    await sessions.join(s.id, user(1));
    const other = makeService(r.client, sessions.keys.prefix).sessions;
    const [a, b] = await Promise.all([sessions.takeDirty(300), other.takeDirty(300)]);
    expect([...a, ...b]).toEqual([s.id]);
    await sessions.join(s.id, user(2));
    expect(await sessions.takeDirty(300)).toEqual([]); // still dirty, but the lock holds
    await new Promise((res) => setTimeout(res, 350));
    expect(await other.takeDirty(300)).toEqual([s.id]);
    expect(await sessions.takeDirty(300)).toEqual([]);
  });
});
