import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis } from '../helpers/redis.js';
import { BOT_USER_ID, startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { writeForm } from '../../src/worldcafe/slack/modals.js';

/**
 * Two complete app instances on one Redis, as behind a load balancer: requests land on either.
 * A retried event is answered once, seats are exact, and the morning post and each reminder go
 * out once.
 */

const ADMIN = 'U0ADMIN01';
const EVENTS_CHANNEL = 'C0EVENTS';
const STAFF = (i: number) => `U0TWIN${String(i).padStart(3, '0')}`;
const content = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? '', c.args.chunks ?? '']);
const settle = (ms = 2_500) => new Promise((r) => setTimeout(r, ms));

describe('two replicas on one Redis', () => {
  const redis = useRedis();
  // Replicas share a (synchronised) clock: a Wednesday morning, before the 08:45 post.
  const clock = fixedClock('2026-07-01T08:00:00+09:00');
  let slack: SlackFake;
  let a: TestApp;
  let b: TestApp;
  let sessionId = '';
  let messageTs = '';
  const replica = (i: number) => (i % 2 === 0 ? a : b);

  beforeAll(async () => {
    slack = await startSlackFake();
    const env = { redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL } };
    [a, b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await slack?.stop();
  });

  it('a retried Slack event, delivered once to each replica, is answered once', async () => {
    const event = { type: 'app_mention', user: STAFF(1), channel: 'C0TWIN', ts: '1782860000.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` };
    const [r1, r2] = await Promise.all([
      post(a.eventsUrl, signedEvent(event, { eventId: 'EvTWIN0001' })),
      post(b.eventsUrl, signedEvent(event, { eventId: 'EvTWIN0001', retryNum: 1 })),
    ]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    await slack.waitFor('chat.stopStream', (c) => c.args.channel === 'C0TWIN').catch(() => slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0TWIN'));
    await settle();
    const started = slack.calls.filter((c) => c.args.channel === 'C0TWIN' && (c.method === 'chat.startStream' || c.method === 'chat.postMessage'));
    expect(started).toHaveLength(1);
  });

  it('the morning prompt goes out once when both replicas run the daily job', async () => {
    await post(a.eventsUrl, signedCommand({ command: '/morning', text: 'subscribe', channel_id: 'C0MORNING', user_id: STAFF(2), response_url: slack.responseUrl('sub') }));
    await expect.poll(async () => (await b.bot.services.morning.status('C0MORNING')).subscribed, { timeout: 5_000 }).toBe(true);
    clock.set('2026-07-01T08:45:10+09:00');
    // What each replica's job worker does on a tick (several ticks, both replicas, at once).
    await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue(), a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
    await settle(500);
    await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0MORNING');
    expect(posts).toHaveLength(1);
  });

  it('seats are exact when 40 people join a 10-seat session through both replicas at once', async () => {
    clock.set('2026-07-01T10:00:00+09:00');
    await post(a.eventsUrl, signedCommand({ command: '/worldcafe', text: 'new', user_id: ADMIN, response_url: slack.responseUrl('new') }));
    const [open] = await slack.waitFor('views.open', (c) => c.args.view?.callback_id === 'worldcafe_new');
    const created = await post(
      b.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: ADMIN,
          callbackId: 'worldcafe_new',
          privateMetadata: open!.args.view.private_metadata,
          values: writeForm({ theme: '区民目線を語ろう', kind: 'worldcafe', date: '2026-07-10', start: '18:30', end: '20:00', deadline_date: null, deadline_time: null, place: '区役所 5階 会議室', capacity: '10' }),
        }),
      ),
    );
    expect(created.status).toBe(200);
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === EVENTS_CHANNEL);
    const session = (await a.bot.services.worldcafe.listUpcoming())[0]!;
    sessionId = session.id;
    messageTs = session.messageTs!;

    const joins = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        post(
          replica(i).eventsUrl,
          signedInteraction(blockActionPayload({ userId: STAFF(100 + i), actionId: 'worldcafe_join', value: sessionId, channelId: EVENTS_CHANNEL, messageTs, responseUrl: slack.responseUrl(`j${i}`) })),
        ),
      ),
    );
    expect(joins.every((r) => r.status === 200)).toBe(true);
    // Some people click twice, on the other replica.
    await Promise.all([0, 1, 2].map((i) => post(replica(i + 1).eventsUrl, signedInteraction(blockActionPayload({ userId: STAFF(100 + i), actionId: 'worldcafe_join', value: sessionId, channelId: EVENTS_CHANNEL, messageTs, responseUrl: slack.responseUrl(`again${i}`) })))));
    // Acks come first; the seat work follows them. Wait until every click has been worked.
    await expect
      .poll(async () => {
        const r = await a.bot.services.worldcafe.attendees(sessionId);
        return r.confirmed.length + r.waiting.length;
      }, { timeout: 10_000 })
      .toBe(40);
    await new Promise((r) => setTimeout(r, 300)); // the repeated clicks, too
    const { confirmed, waiting } = await b.bot.services.worldcafe.attendees(sessionId);
    expect(confirmed).toHaveLength(10);
    expect(waiting).toHaveLength(30);
    expect(new Set([...confirmed, ...waiting]).size).toBe(40);
    await slack.waitFor('chat.update', (c) => c.args.ts === messageTs && content(c).includes('10/10') && content(c).includes('キャンセル待ち 30 名'), 1, 15_000);
  });

  it('each reminder goes once, from whichever replica claims it', async () => {
    const { confirmed } = await a.bot.services.worldcafe.attendees(sessionId);
    const dms = (marker: string) => slack.callsTo('chat.postMessage').filter((c) => content(c).includes(marker));

    clock.set('2026-07-09T12:00:30+09:00'); // 12:00 on the working day before
    await expect.poll(() => dms('【リマインド】').length, { timeout: 15_000, interval: 100 }).toBe(confirmed.length);
    await settle();
    expect(dms('【リマインド】')).toHaveLength(confirmed.length);
    expect(new Set(dms('【リマインド】').map((c) => c.args.channel)).size).toBe(confirmed.length);

    clock.set('2026-07-10T18:00:30+09:00'); // 30 minutes before the start
    await expect.poll(() => dms('【まもなく開始】').length, { timeout: 15_000, interval: 100 }).toBe(confirmed.length);
    await settle();
    expect(dms('【まもなく開始】')).toHaveLength(confirmed.length);
    expect(dms('【リマインド】')).toHaveLength(confirmed.length);
  });
});
