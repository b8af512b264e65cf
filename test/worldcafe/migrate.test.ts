import { describe, expect, it } from 'vitest';
import { useRedis } from '../helpers/redis.js';
import { createSession, makeService, user } from './fixtures.js';

/** Data kept before per-session hash tags is moved at start, with nothing lost. */
describe('World Café: moving data from the single-tag layout', () => {
  const r = useRedis();

  it('sessions, seats, the waitlist, queued notices and people’s lists survive, once', async () => {
    const { sessions, clock } = makeService(r.client, '{wc-old}');
    const s = await createSession(sessions, clock.now(), { capacity: '2' });
    for (let i = 1; i <= 3; i++) await sessions.join(s.id, user(i));
    const before = await sessions.attendees(s.id);
    const notices = (await sessions.pendingNotices()).map((n) => n.member).sort();
    expect(notices.length).toBeGreaterThan(0);

    // Put it back the way the older version kept it: one tag, one queue for every session.
    const c = r.client;
    await c.rename(`{wc-old:${s.id}}:s`, `{wc-old}:s:${s.id}`);
    await c.rename(`{wc-old:${s.id}}:c`, `{wc-old}:s:${s.id}:c`);
    await c.rename(`{wc-old:${s.id}}:w`, `{wc-old}:s:${s.id}:w`);
    await c.rename(`{wc-old:${s.id}}:due`, '{wc-old}:due');
    for (let i = 1; i <= 3; i++) await c.del(`{wc-old:u:${user(i)}}`);
    await c.del('{wc-old}:active');
    expect(await sessions.get(s.id)).toBeUndefined();

    const again = makeService(r.client, '{wc-old}');
    expect(await again.sessions.prepare()).toBe(1);
    expect(await again.sessions.prepare()).toBe(0);
    expect(await again.sessions.get(s.id)).toMatchObject({ id: s.id, capacity: 2 });
    expect(await again.sessions.attendees(s.id)).toEqual(before);
    expect((await again.sessions.pendingNotices()).map((n) => n.member).sort()).toEqual(notices);
    expect((await again.sessions.mine(user(3))).map((x) => x.state)).toEqual(['waiting']);
    expect(await c.exists(`{wc-old}:s:${s.id}`, '{wc-old}:due')).toBe(0);
    // And it keeps working: leaving promotes the first waiting.
    expect(await again.sessions.leave(s.id, user(1))).toMatchObject({ outcome: 'left_seat', promoted: [user(3)] });
  });
});
