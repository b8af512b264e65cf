import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { useRedis } from '../helpers/redis.js';
import { createSession, makeService, user } from './fixtures.js';

describe('seats (atomic join / leave / capacity in Lua, real Redis)', () => {
  const r = useRedis();
  let n = 0;
  const setup = () => makeService(r.client, `{wc-t${++n}}`);

  it('confirms up to the capacity, then puts people on a first-come waitlist with their position', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '2' });
    expect(await sessions.join(s.id, user(1))).toMatchObject({ outcome: 'confirmed', confirmed: 1, capacity: 2, waiting: 0 });
    expect(await sessions.join(s.id, user(2))).toMatchObject({ outcome: 'confirmed', confirmed: 2 });
    expect(await sessions.join(s.id, user(3))).toMatchObject({ outcome: 'waiting', position: 1, waiting: 1 });
    expect(await sessions.join(s.id, user(4))).toMatchObject({ outcome: 'waiting', position: 2, waiting: 2 });
    expect(await sessions.attendees(s.id)).toEqual({ confirmed: [user(1), user(2)], waiting: [user(3), user(4)] });
  });

  it('the same person joining twice holds one seat (or one waitlist place)', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    expect(await sessions.join(s.id, user(1))).toMatchObject({ outcome: 'already_confirmed', confirmed: 1 });
    await sessions.join(s.id, user(2));
    expect(await sessions.join(s.id, user(2))).toMatchObject({ outcome: 'already_waiting', position: 1, waiting: 1 });
    expect(await sessions.view(s.id)).toMatchObject({ confirmed: 1, waiting: 1 });
  });

  it('200 parallel joins for 20 seats (separate connections): exactly 20 confirmed, 180 waiting in arrival order', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '20' });
    // Several real connections, so the joins truly interleave at the server.
    const conns = Array.from({ length: 8 }, () => new Redis(r.url));
    try {
      const services = conns.map((c) => makeService(c, sessions.keys.prefix).sessions);
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => services[i % services.length]!.join(s.id, user(i + 1))));
      expect(results.filter((x) => x.outcome === 'confirmed')).toHaveLength(20);
      expect(results.filter((x) => x.outcome === 'waiting')).toHaveLength(180);
      const positions = results.flatMap((x) => (x.outcome === 'waiting' ? [x.position] : [])).sort((a, b) => a - b);
      expect(positions).toEqual(Array.from({ length: 180 }, (_, i) => i + 1));
      const { confirmed, waiting } = await sessions.attendees(s.id);
      expect(confirmed).toHaveLength(20);
      expect(waiting).toHaveLength(180);
      // Everyone's reported position matches their place in the stored order.
      for (const [i, res] of results.entries()) {
        if (res.outcome === 'waiting') expect(waiting[res.position - 1]).toBe(user(i + 1));
        else expect(confirmed).toContain(user(i + 1));
      }
    } finally {
      conns.forEach((c) => c.disconnect());
    }
  });

  it('cancelling frees the seat and promotes the first person waiting', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '2' });
    for (let i = 1; i <= 5; i++) await sessions.join(s.id, user(i));
    const res = await sessions.leave(s.id, user(1));
    expect(res).toEqual({ outcome: 'left_seat', promoted: [user(3)], confirmed: 2, capacity: 2, waiting: 2 });
    expect(await sessions.seatOf(s.id, user(3))).toEqual({ state: 'confirmed' });
    expect(await sessions.seatOf(s.id, user(4))).toEqual({ state: 'waiting', position: 1 });
    expect(await sessions.leave(s.id, user(5))).toMatchObject({ outcome: 'left_waitlist', waiting: 1 });
    expect(await sessions.leave(s.id, user(5))).toEqual({ outcome: 'not_signed_up' });
    expect(await sessions.attendees(s.id)).toEqual({ confirmed: [user(2), user(3)], waiting: [user(4)] });
  });

  it('raising the capacity promotes in order; lowering it removes nobody', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '2' });
    for (let i = 1; i <= 6; i++) await sessions.join(s.id, user(i));
    expect(await sessions.setCapacity(s.id, 4)).toEqual({ outcome: 'changed', promoted: [user(3), user(4)], confirmed: 4, capacity: 4, waiting: 2 });
    expect(await sessions.setCapacity(s.id, 1)).toEqual({ outcome: 'changed', promoted: [], confirmed: 4, capacity: 1, waiting: 2 });
    // Over capacity: a leaver frees no seat for the waitlist until the count is under the new capacity.
    expect(await sessions.leave(s.id, user(1))).toMatchObject({ outcome: 'left_seat', promoted: [], confirmed: 3 });
    expect(await sessions.join(s.id, user(7))).toMatchObject({ outcome: 'waiting', position: 3 });
  });

  it('refuses joining after the deadline, and after the start; a repeated click still says where you stand', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '5' });
    await sessions.join(s.id, user(1));
    clock.set('2026-07-10T00:00:00+09:00'); // the default deadline: the end of the day before
    expect(await sessions.join(s.id, user(2))).toEqual({ outcome: 'refused', reason: 'closed' });
    expect(await sessions.join(s.id, user(1))).toMatchObject({ outcome: 'already_confirmed' });
    clock.set('2026-07-10T18:30:00+09:00');
    expect(await sessions.join(s.id, user(3))).toEqual({ outcome: 'refused', reason: 'started' });
    expect(await sessions.leave(s.id, user(1))).toEqual({ outcome: 'refused', reason: 'started' });
    expect(await sessions.view(s.id)).toMatchObject({ confirmed: 1, waiting: 0 });
  });

  it('a deleted session, a cancelled one and forged ids change nothing', async () => {
    const { sessions, clock } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '5' });
    const gone = await createSession(sessions, clock.now());
    await r.client.del(sessions.keys.session(gone.id));
    expect(await sessions.join(gone.id, user(1))).toEqual({ outcome: 'refused', reason: 'missing' });
    expect(await r.client.exists(sessions.keys.confirmed(gone.id))).toBe(0);
    expect(await sessions.join('../../etc', user(1))).toEqual({ outcome: 'refused', reason: 'missing' });
    expect(await sessions.join(s.id, 'not-a-user')).toEqual({ outcome: 'refused', reason: 'missing' });
    expect(await sessions.cancelSession(s.id)).toMatchObject({ outcome: 'cancelled' });
    expect(await sessions.join(s.id, user(2))).toEqual({ outcome: 'refused', reason: 'cancelled' });
    expect(await sessions.setCapacity(s.id, 9)).toEqual({ outcome: 'refused', reason: 'cancelled' });
    expect(await sessions.view(s.id)).toMatchObject({ confirmed: 0, capacity: 5, status: 'cancelled' });
  });

  it('lists upcoming sessions and the user’s own sign-ups with their state', async () => {
    const { sessions, clock } = setup();
    const a = await createSession(sessions, clock.now(), { date: '2026-07-20', capacity: '1' });
    const b = await createSession(sessions, clock.now(), { date: '2026-07-10', capacity: '1' });
    const c = await createSession(sessions, clock.now(), { date: '2026-07-15' });
    await sessions.cancelSession(c.id);
    await sessions.join(a.id, user(9));
    await sessions.join(a.id, user(1));
    await sessions.join(b.id, user(1));
    expect((await sessions.listUpcoming()).map((s) => s.id)).toEqual([b.id, a.id]);
    const mine = await sessions.mine(user(1));
    expect(mine.map((m) => [m.session.id, m.state, m.position])).toEqual([
      [b.id, 'confirmed', undefined],
      [a.id, 'waiting', 1],
    ]);
    clock.set('2026-07-10T21:00:00+09:00');
    expect((await sessions.listUpcoming()).map((s) => s.id)).toEqual([a.id]);
    expect((await sessions.mine(user(1))).map((m) => m.session.id)).toEqual([a.id]);
  });
});
