import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { WorkCalendar } from '../../../src/infra/calendar.js';
import { fromTokyo } from '../../../src/infra/clock.js';
import { Notifier } from '../../../src/worldcafe/slack/notifier.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { createSession, makeService, user } from '../fixtures.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';

describe('the DM notifier (real Redis, loopback Slack)', () => {
  const r = useRedis();
  let slack: SlackFake;
  let n = 0;
  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterAll(async () => {
    await slack.stop();
  });

  function setup() {
    const svc = makeService(r.client, `{wc-m${++n}}`);
    const client = createWebClient(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl }), silentLogger, 'background');
    const notifier = (leaseMs = 60_000) => new Notifier({ ...svc, client, logger: silentLogger, leaseMs });
    return { ...svc, notifier };
  }
  const dms = (to: string, text: string) => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === to && String(c.args.text).includes(text));

  it('sends the day-before reminder once across three replicas, and never to someone who left', async () => {
    const { sessions, clock, notifier } = setup();
    slack.reset();
    const s = await createSession(sessions, clock.now(), { capacity: '3' });
    for (let i = 1; i <= 3; i++) await sessions.join(s.id, user(i));
    await sessions.leave(s.id, user(3));
    clock.set('2026-07-09T12:00:00+09:00');
    const replicas = [notifier(), notifier(), notifier()];
    await Promise.all(replicas.map((x) => x.runOnce()));
    await Promise.all(replicas.map((x) => x.runOnce()));
    expect(dms(user(1), 'リマインド')).toHaveLength(1);
    expect(dms(user(2), 'リマインド')).toHaveLength(1);
    expect(dms(user(3), 'リマインド')).toHaveLength(0);
    // The reminder carries the calendar and cancel buttons.
    expect(JSON.stringify(dms(user(1), 'リマインド')[0]!.args.blocks)).toContain('worldcafe_calendar');
  });

  it('a failed send is retried after its lease (a restart loses nothing); a permanent error is dropped', async () => {
    const { sessions, clock, notifier } = setup();
    slack.reset();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    await sessions.join(s.id, user(3));
    let fail = true;
    slack.on('chat.postMessage', (c) =>
      c.args.channel === user(9) ? { body: { ok: false, error: 'user_not_found' } } : fail ? { status: 500, body: { ok: false, error: 'internal_error' } } : undefined,
    );
    await sessions.leave(s.id, user(1)); // promotes user 2
    const a = notifier(5_000);
    expect(await a.runOnce()).toBe(1);
    const failedAttempts = dms(user(2), '参加が確定').length;
    expect(failedAttempts).toBeGreaterThanOrEqual(1); // tried (and Slack failed)
    // "Restart": a new notifier sees nothing until the lease runs out…
    const b = notifier(5_000);
    expect(await b.runOnce()).toBe(0);
    clock.advance(5_001);
    fail = false;
    expect(await b.runOnce()).toBe(1);
    expect(dms(user(2), '参加が確定')).toHaveLength(failedAttempts + 1);
    expect(await b.runOnce()).toBe(0);
    expect((await sessions.pendingNotices()).filter((p) => p.member.startsWith('promoted'))).toEqual([]);

    // A permanent error (the user is gone) is dropped, not retried forever.
    const s2 = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s2.id, user(8));
    await sessions.join(s2.id, user(9));
    await sessions.leave(s2.id, user(8));
    expect(await b.runOnce()).toBe(1);
    expect(dms(user(9), '参加が確定')).toHaveLength(1);
    clock.advance(60_000);
    expect(await b.runOnce()).toBe(0);
    expect((await sessions.pendingNotices()).filter((p) => p.member.startsWith('promoted'))).toEqual([]);
  });

  it('a cancelled session tells everyone, confirmed and waiting, once; their reminders are gone', async () => {
    const { sessions, clock, notifier } = setup();
    slack.reset();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    await sessions.cancelSession(s.id);
    const x = notifier();
    await x.runOnce();
    expect(dms(user(1), '中止')).toHaveLength(1);
    expect(dms(user(2), '中止')).toHaveLength(1);
    clock.set('2026-07-10T18:00:00+09:00');
    await x.runOnce();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('a reschedule tells confirmed and waiting people the new time; the old reminder time sends nothing', async () => {
    const { sessions, clock, notifier } = setup();
    slack.reset();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2));
    const { validateScheduleForm } = await import('../../../src/worldcafe/schema.js');
    const v = validateScheduleForm({ date: '2026-07-17', start: '18:00', end: '19:00' }, clock.now());
    if (!v.ok) throw new Error('fixture');
    await sessions.reschedule(s.id, v.value);
    const x = notifier();
    await x.runOnce();
    expect(String(dms(user(1), '変更')[0]!.args.text)).toContain('7月17日（金）18:00〜19:00');
    expect(String(dms(user(2), '変更')[0]!.args.text)).toContain('キャンセル待ち 1 番目');
    clock.set('2026-07-09T12:00:00+09:00'); // the old day-before time
    await x.runOnce();
    expect(dms(user(1), 'リマインド')).toHaveLength(0);
    clock.set('2026-07-16T12:00:00+09:00');
    await x.runOnce();
    expect(dms(user(1), 'リマインド')).toHaveLength(1);
  });

  it('sends the survey once to each confirmed attendee after the end, across replicas; none for a cancelled session', async () => {
    const { sessions, clock, notifier } = setup();
    slack.reset();
    const s = await createSession(sessions, clock.now(), { capacity: '2' });
    const gone = await createSession(sessions, clock.now(), { capacity: '2', theme: '中止になる回' });
    for (let i = 1; i <= 3; i++) await sessions.join(s.id, user(i)); // user 3 waits
    await sessions.join(gone.id, user(4));
    await sessions.cancelSession(gone.id);
    clock.set('2026-07-10T19:59:00+09:00');
    const replicas = [notifier(), notifier()];
    await Promise.all(replicas.map((x) => x.runOnce()));
    expect(dms(user(1), 'アンケート')).toHaveLength(0);
    clock.set('2026-07-10T20:00:00+09:00');
    await Promise.all(replicas.map((x) => x.runOnce()));
    await Promise.all(replicas.map((x) => x.runOnce()));
    expect(dms(user(1), 'アンケート')).toHaveLength(1);
    expect(dms(user(2), 'アンケート')).toHaveLength(1);
    expect(dms(user(3), 'アンケート')).toHaveLength(0);
    expect(dms(user(4), 'アンケート')).toHaveLength(0);
    expect(JSON.stringify(dms(user(1), 'アンケート')[0]!.args.blocks)).toContain('worldcafe_survey');
    clock.advance(24 * 3600_000);
    await Promise.all(replicas.map((x) => x.runOnce()));
    expect(dms(user(1), 'アンケート')).toHaveLength(1);
  });

  it('a survey falling due on a day closed after the session was planned waits for 10:00 on the next working day', async () => {
    const { sessions, clock } = setup();
    slack.reset();
    const calendar = new WorkCalendar(r.client);
    const client = createWebClient(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl }), silentLogger, 'background');
    const notifier = new Notifier({ sessions, clock, client, logger: silentLogger, calendar });
    const s = await createSession(sessions, clock.now(), { date: '2026-07-08', start: '15:00', end: '17:00' }); // Wednesday
    await sessions.join(s.id, user(1));
    await calendar.addClosedDay({ date: '2026-07-08', reason: '庁舎点検', addedBy: 'U0ADMIN01' }, clock.now());
    clock.set('2026-07-08T17:00:00+09:00');
    await notifier.runOnce();
    expect(dms(user(1), 'アンケート')).toHaveLength(0);
    expect((await sessions.pendingNotices()).find((p) => p.member.startsWith('survey|'))?.at).toBe(fromTokyo('2026-07-09', '10:00').getTime());
    clock.set('2026-07-09T10:00:00+09:00');
    await notifier.runOnce();
    expect(dms(user(1), 'アンケート')).toHaveLength(1);
    await calendar.removeClosedDay('2026-07-08');
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
