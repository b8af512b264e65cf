import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { writeForm } from '../../src/worldcafe/slack/modals.js';

/**
 * World Café sign-ups end to end: signed requests against the real app (HTTP mode), real Redis,
 * a loopback fake of Slack's Web API recording every call.
 */

const ADMIN = 'U0ADMIN01';
const STAFF = (i: number) => `U0STAFF${String(i).padStart(3, '0')}`;
const EVENTS_CHANNEL = 'C0EVENTS';

/** The create form as Slack would submit it. */
const formValues = (f: { theme: string; kind?: string; date: string; start: string; end: string; place: string; capacity: string }) =>
  writeForm({ kind: 'worldcafe', deadline_date: null, deadline_time: null, ...f });

const textOf = (c: SlackCall) => `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? '')}`;

describe('/worldcafe end to end', () => {
  const redis = useRedis();
  const clock = fixedClock('2026-07-01T10:00:00+09:00'); // a Wednesday
  let slack: SlackFake;
  let t: TestApp;
  let sessionId = '';
  let messageTs = '';

  const click = (userId: string, actionId: string, value: string, responseId: string) =>
    post(
      t.eventsUrl,
      signedInteraction(blockActionPayload({ userId, actionId, value, channelId: EVENTS_CHANNEL, messageTs, responseUrl: slack.responseUrl(responseId) })),
    );

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({
      redisUrl: redis.url,
      slackApiUrl: slack.apiUrl,
      clock,
      extraEnv: { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('an admin opens the form with /worldcafe new and creates a session; it is announced in EVENTS_CHANNEL', async () => {
    const res = await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: 'new', user_id: ADMIN, channel_id: 'C0GENERAL', response_url: slack.responseUrl('new') }));
    expect(res.status).toBe(200);
    const [open] = await slack.waitFor('views.open');
    expect(open!.args.view.callback_id).toBe('worldcafe_new');
    const blockIds = (open!.args.view.blocks as { block_id?: string }[]).map((b) => b.block_id);
    expect(blockIds).toEqual(expect.arrayContaining(['theme', 'kind', 'date', 'start', 'end', 'place', 'capacity', 'deadline_date', 'deadline_time']));

    // A bad submission gets inline errors and stores nothing.
    const bad = await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: ADMIN,
          callbackId: 'worldcafe_new',
          privateMetadata: open!.args.view.private_metadata,
          values: formValues({ theme: '', date: '2026-06-30', start: '18:30', end: '18:00', place: '会議室', capacity: '501' }),
        }),
      ),
    );
    const badBody = JSON.parse(bad.text) as { response_action: string; errors: Record<string, string> };
    expect(badBody.response_action).toBe('errors');
    expect(Object.keys(badBody.errors).sort()).toEqual(['capacity', 'date', 'end', 'theme'].sort());
    expect(await t.bot.services.worldcafe.listUpcoming()).toEqual([]);

    const ok = await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: ADMIN,
          callbackId: 'worldcafe_new',
          viewId: 'V0CREATE1',
          privateMetadata: open!.args.view.private_metadata,
          values: formValues({ theme: '風通しの良い職場を語ろう <!channel>', date: '2026-07-10', start: '18:30', end: '20:00', place: '区役所 5階 会議室', capacity: '3' }),
        }),
      ),
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const [announced] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === EVENTS_CHANNEL);
    messageTs = (await t.bot.services.worldcafe.listUpcoming())[0]!.messageTs!;
    sessionId = (await t.bot.services.worldcafe.listUpcoming())[0]!.id;
    expect(messageTs).toBeTruthy();
    expect(textOf(announced!)).toContain('0/3');
    // The theme cannot ping the channel when re-posted.
    expect(textOf(announced!)).not.toContain('<!channel>');
    const actionIds = JSON.stringify(announced!.args.blocks);
    expect(actionIds).toContain('worldcafe_join');
    expect(actionIds).toContain('worldcafe_leave');
  });

  it('12 people join a 3-seat session at once: exactly 3 confirmed, 9 waiting in order, and the message shows 3/3', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => click(STAFF(i + 1), 'worldcafe_join', sessionId, `join-${i + 1}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);

    // Acked first; each join is done once its private reply has gone out.
    // Everyone hears privately where they stand; the waiting positions are 1…9, each once.
    const replies = await slack.waitFor('response_url', (c) => String(c.args.text ?? '').length > 0, 12);
    const { confirmed, waiting } = await t.bot.services.worldcafe.attendees(sessionId);
    expect(confirmed).toHaveLength(3);
    expect(waiting).toHaveLength(9);
    const positions = replies.flatMap((c) => [...String(c.args.text).matchAll(/キャンセル待ち (\d+) 番目/g)].map((m) => Number(m[1]))).sort((a, b) => a - b);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(replies.filter((c) => String(c.args.text).includes('参加を受け付けました'))).toHaveLength(3);
    expect(replies.every((c) => c.args.response_type === 'ephemeral' && c.args.replace_original === false)).toBe(true);

    // The channel message ends up at 3/3 with 9 waiting, through chat.update, coalesced.
    const [final] = await slack.waitFor('chat.update', (c) => c.args.ts === messageTs && textOf(c).includes('3/3') && textOf(c).includes('キャンセル待ち 9 名'));
    expect(final!.args.channel).toBe(EVENTS_CHANNEL);
    const updates = slack.callsTo('chat.update').filter((c) => c.args.ts === messageTs);
    expect(updates.length).toBeLessThan(12);
  });

  it('a repeated click takes no second seat', async () => {
    const before = await t.bot.services.worldcafe.view(sessionId);
    const first = (await t.bot.services.worldcafe.attendees(sessionId)).confirmed[0]!;
    await click(first, 'worldcafe_join', sessionId, 'again-1');
    await click(first, 'worldcafe_join', sessionId, 'again-2');
    const again = await slack.waitFor('response_url', (c) => String(c.args.text).includes('すでに参加登録済み'), 2);
    expect(again).toHaveLength(2);
    const after = await t.bot.services.worldcafe.view(sessionId);
    expect([after!.confirmed, after!.waiting]).toEqual([before!.confirmed, before!.waiting]);
    const { confirmed } = await t.bot.services.worldcafe.attendees(sessionId);
    expect(confirmed.filter((u) => u === first)).toHaveLength(1);
  });

  it('a cancellation frees the seat, promotes the first person waiting and DMs them; the message follows', async () => {
    const { confirmed, waiting } = await t.bot.services.worldcafe.attendees(sessionId);
    const leaver = confirmed[1]!;
    const firstWaiting = waiting[0]!;
    await click(leaver, 'worldcafe_leave', sessionId, 'leave-1');
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === firstWaiting);
    expect(String(dm!.args.text)).toContain('参加が確定しました');
    const now = await t.bot.services.worldcafe.attendees(sessionId);
    expect(now.confirmed).toEqual([confirmed[0], confirmed[2], firstWaiting]);
    expect(now.waiting).toEqual(waiting.slice(1));
    await slack.waitFor('chat.update', (c) => c.args.ts === messageTs && textOf(c).includes('3/3') && textOf(c).includes('キャンセル待ち 8 名'));
    // Nobody else got a promotion DM.
    expect(slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('繰り上がり'))).toHaveLength(1);
  });

  it('/worldcafe lists the session with its seats and join buttons; /worldcafe mine shows where you stand', async () => {
    await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: '', user_id: STAFF(12), response_url: slack.responseUrl('list') }));
    const [list] = await slack.waitFor('response_url', (c) => JSON.stringify(c.args.blocks ?? '').includes('今後のセッション'));
    expect(JSON.stringify(list!.args.blocks)).toContain('3/3');
    expect(JSON.stringify(list!.args.blocks)).toContain(`"value":"${sessionId}"`);
    expect(JSON.stringify(list!.args.blocks)).not.toContain('worldcafe_admin'); // staff see no admin menu
    const lastWaiting = (await t.bot.services.worldcafe.attendees(sessionId)).waiting.at(-1)!;
    await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: 'mine', user_id: lastWaiting, response_url: slack.responseUrl('mine') }));
    const [mine] = await slack.waitFor('response_url', (c) => JSON.stringify(c.args.blocks ?? '').includes('あなたの申込'));
    expect(JSON.stringify(mine!.args.blocks)).toContain('キャンセル待ち 8 番目');
  });

  it('from App Home: a click answers by DM and re-publishes the Home tab with the new state', async () => {
    const who = STAFF(40);
    const payload = blockActionPayload({ userId: who, actionId: 'worldcafe_join', value: sessionId, view: { id: 'VHOME', type: 'home' } });
    await post(t.eventsUrl, signedInteraction(payload));
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === who);
    expect(String(dm!.args.text)).toContain('キャンセル待ち 9 番目');
    const [home] = await slack.waitFor('views.publish', (c) => c.args.user_id === who);
    expect(JSON.stringify(home!.args.view.blocks)).toContain('キャンセル待ち 9 番目');
    await click(who, 'worldcafe_leave', sessionId, 'home-undo');
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('キャンセル待ちを取り消しました'));
  });

  it('a confirmed attendee gets the .ics in their DM', async () => {
    const who = (await t.bot.services.worldcafe.attendees(sessionId)).confirmed[0]!;
    await click(who, 'worldcafe_calendar', sessionId, 'ics-1');
    const [done] = await slack.waitFor('files.completeUploadExternal');
    expect(String(done!.args.channel_id)).toBe(`D${who}`);
    const [upload] = await slack.waitFor('upload', (c) => String(c.args.body).includes('BEGIN:VCALENDAR'));
    expect(String(upload!.args.body)).toContain(`UID:worldcafe-${sessionId}@minato-navi`);
    expect(String(upload!.args.body)).toContain('DTSTART:20260710T093000Z');
    // Someone on the waitlist cannot.
    const waiter = (await t.bot.services.worldcafe.attendees(sessionId)).waiting[0]!;
    await click(waiter, 'worldcafe_calendar', sessionId, 'ics-2');
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('参加が確定した方のみ'));
  });

  it('a non-admin cannot create a session: neither by the command nor by posting the form by hand', async () => {
    const opens = slack.callsTo('views.open').length;
    await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: 'new', user_id: STAFF(5), response_url: slack.responseUrl('nonadmin') }));
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('管理者のみ'));
    expect(slack.callsTo('views.open')).toHaveLength(opens);

    const posts = slack.callsTo('chat.postMessage').length;
    const res = await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: STAFF(5),
          callbackId: 'worldcafe_new',
          values: formValues({ theme: '勝手な会', date: '2026-07-20', start: '18:00', end: '19:00', place: '屋上', capacity: '10' }),
        }),
      ),
    );
    // An admin route: the router refuses it before the handler runs, replacing the form with a notice.
    const body = JSON.parse(res.text) as { response_action: string; view: unknown };
    expect(body.response_action).toBe('update');
    expect(JSON.stringify(body.view)).toContain('管理者のみ');
    expect((await t.bot.services.worldcafe.listUpcoming()).map((s) => s.id)).toEqual([sessionId]);
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(posts);

    // The admin menu and the admin forms are refused too.
    const adminClick = blockActionPayload({ userId: STAFF(5), actionId: 'worldcafe_admin', channelId: EVENTS_CHANNEL, messageTs, responseUrl: slack.responseUrl('menu') });
    (adminClick.actions as Record<string, unknown>[])[0] = { type: 'overflow', action_id: 'worldcafe_admin', block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'x' }, value: `cancel:${sessionId}` }, action_ts: '1' };
    await post(t.eventsUrl, signedInteraction(adminClick));
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('管理者のみ') && c.raw.includes('管理者のみ'), 2);
    const cancel = await post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId: STAFF(5), callbackId: 'worldcafe_cancel', privateMetadata: JSON.stringify({ id: sessionId }), values: {} })),
    );
    expect(cancel.text).toContain('管理者のみ');
    const cap = await post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId: STAFF(5), callbackId: 'worldcafe_capacity', privateMetadata: JSON.stringify({ id: sessionId }), values: writeForm({ capacity: '100' }) })),
    );
    expect(cap.text).toContain('管理者のみ');
    expect(await t.bot.services.worldcafe.view(sessionId)).toMatchObject({ status: 'open', capacity: 3, confirmed: 3, waiting: 8 });
  });

  it('forged payloads, deleted and past sessions get a clear message and change nothing', async () => {
    const before = await t.bot.services.worldcafe.view(sessionId);
    await click(STAFF(50), 'worldcafe_join', '../../etc/passwd', 'forged');
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('受け付けられませんでした'));
    await click(STAFF(51), 'worldcafe_join', 'abcdefabcdef', 'deleted'); // well-formed, but no such session
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('見つかりませんでした'));
    expect(await t.bot.services.worldcafe.view(sessionId)).toEqual(before);

    // Past: the session has started.
    clock.set('2026-07-10T18:45:00+09:00');
    try {
      await click(STAFF(52), 'worldcafe_join', sessionId, 'past-join');
      await slack.waitFor('response_url', (c) => String(c.args.text).includes('すでに開始'));
      const someone = (await t.bot.services.worldcafe.attendees(sessionId)).confirmed[0]!;
      await click(someone, 'worldcafe_leave', sessionId, 'past-leave');
      await slack.waitFor('response_url', (c) => String(c.args.text).includes('すでに開始'), 2);
      expect(await t.bot.services.worldcafe.view(sessionId)).toEqual(before);
    } finally {
      clock.set('2026-07-01T10:00:00+09:00');
    }
  });

  it('reminders: 12:00 JST on the working day before and 30 minutes before, each exactly once', async () => {
    const { confirmed } = await t.bot.services.worldcafe.attendees(sessionId);
    const reminders = () => slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('リマインド'));
    clock.set('2026-07-09T11:59:00+09:00');
    await t.bot.services.worldcafeNotifier.runOnce();
    expect(reminders()).toHaveLength(0);
    clock.set('2026-07-09T12:00:00+09:00'); // Thursday noon, the working day before Friday 7/10
    await Promise.all([t.bot.services.worldcafeNotifier.runOnce(), t.bot.services.worldcafeNotifier.runOnce()]);
    await slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('リマインド'), 3);
    await t.bot.services.worldcafeNotifier.runOnce();
    await new Promise((r) => setTimeout(r, 300));
    expect(reminders().map((c) => c.args.channel).sort()).toEqual([...confirmed].sort());

    clock.set('2026-07-10T18:00:00+09:00');
    await t.bot.services.worldcafeNotifier.runOnce();
    await t.bot.services.worldcafeNotifier.runOnce();
    const soon = await slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('まもなく開始'), 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('まもなく開始'))).toHaveLength(3);
    expect(soon.map((c) => c.args.channel).sort()).toEqual([...confirmed].sort());
    clock.set('2026-07-01T10:00:00+09:00');
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
