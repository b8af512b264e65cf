import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../src/report/month.js';
import type { TestApp } from './app.js';
import { BOT_USER_ID } from './slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from './slack-requests.js';
import { ADMIN, clickSession, content, createSession, openProposalForm, PROPOSALS_CHANNEL, submitProposal, useTwoReplicas, type Replicas } from './two-replicas.js';

/**
 * The flows that two replicas share through Redis, run against whatever REDIS_URL the caller
 * gives (one server, a Cluster, a Sentinel set): requests land on either replica as behind a load
 * balancer; a retried event is answered once, feedback and proposal numbers are exact, seats and
 * the waitlist are exact with promotion in order, and the morning post, each reminder and a
 * scheduled announcement go out once.
 */

const STAFF = (i: number) => `U0TWIN${String(i).padStart(3, '0')}`;
const settle = (ms = 2_000) => new Promise((r) => setTimeout(r, ms));

/** The whole shared-state suite, against `redisUrl()`. */
export function sharedStateFlows(label: string, redisUrl: () => string): void {
  describe(`two replicas on ${label}`, () => {
    const r = useTwoReplicas(redisUrl);
    const replica = (i: number) => (i % 2 === 0 ? r.a : r.b);
    let session = { id: '', messageTs: '' };

    it('a retried Slack event, delivered once to each replica, is answered once; 👍/👎 are counted per person', async () => {
      const { a, b, slack } = r;
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

      const answerId = /"action_id":"plan_feedback_up","value":"([^"]+)"/.exec(JSON.stringify(slack.calls.filter((c) => c.args.channel === 'C0TWIN').map((c) => c.args)))?.[1];
      expect(answerId).toBeTruthy();
      const vote = (app: TestApp, user: string, actionId: string) =>
        post(app.eventsUrl, signedInteraction(blockActionPayload({ userId: user, actionId, value: answerId!, channelId: 'C0TWIN', messageTs: '1782860000.000100', responseUrl: slack.responseUrl(`fb-${user}`) })));
      await vote(a, STAFF(1), 'plan_feedback_up');
      await vote(b, STAFF(1), 'plan_feedback_down'); // the same person changes their mind on the other replica
      await vote(b, STAFF(2), 'plan_feedback_up');
      await expect.poll(() => a.bot.services.qa.feedback.tally(answerId!), { timeout: 5_000 }).toEqual({ up: 1, down: 1 });
    });

    it('proposal numbers are consecutive and never repeated when 12 people submit through both replicas at once', async () => {
      const forms = await Promise.all(Array.from({ length: 12 }, (_, i) => openProposalForm(r, replica(i), STAFF(20 + i))));
      const ids = await Promise.all(forms.map((f, i) => submitProposal(replica(i + 1), STAFF(20 + i), f, `提案 ${i}`)));
      expect(ids.every(Boolean)).toBe(true);
      expect([...ids].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `提案-2026-${String(i + 1).padStart(4, '0')}`));
      // The same form sent again (a double click) is the same proposal, not a new number.
      expect(await submitProposal(r.a, STAFF(20), forms[0]!, '提案 0')).toBe(ids[0]);
      expect((await r.b.bot.services.proposals.listRecent(50)).length).toBe(12);
      await r.slack.waitFor('chat.postMessage', (c) => c.args.channel === PROPOSALS_CHANNEL, 12);
    });

    it('the morning prompt goes out once when both replicas run the daily job', async () => {
      const { a, b, slack, clock } = r;
      await post(a.eventsUrl, signedCommand({ command: '/morning', text: 'subscribe', channel_id: 'C0MORNING', user_id: STAFF(2), response_url: slack.responseUrl('sub') }));
      await expect.poll(async () => (await b.bot.services.morning.status('C0MORNING')).subscribed, { timeout: 5_000 }).toBe(true);
      clock.set('2026-07-01T08:45:10+09:00');
      await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue(), a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
      await settle(500);
      await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0MORNING')).toHaveLength(1);
    });

    it('seats are exact when 40 people join a 10-seat session through both replicas, and leaving promotes in order', async () => {
      const { a, b, slack, clock } = r;
      clock.set('2026-07-01T10:00:00+09:00');
      session = await createSession(r, { theme: '区民目線を語ろう', date: '2026-07-10', capacity: 10 });
      const joins = await Promise.all(Array.from({ length: 40 }, (_, i) => clickSession(r, replica(i), STAFF(100 + i), 'worldcafe_join', session, `j${i}`)));
      expect(joins.every((res) => res.status === 200)).toBe(true);
      // Some people click twice, on the other replica.
      await Promise.all([0, 1, 2].map((i) => clickSession(r, replica(i + 1), STAFF(100 + i), 'worldcafe_join', session, `again${i}`)));
      await expect
        .poll(async () => {
          const s = await a.bot.services.worldcafe.attendees(session.id);
          return s.confirmed.length + s.waiting.length;
        }, { timeout: 10_000 })
        .toBe(40);
      await settle(300);
      const before = await b.bot.services.worldcafe.attendees(session.id);
      expect(before.confirmed).toHaveLength(10);
      expect(before.waiting).toHaveLength(30);
      expect(new Set([...before.confirmed, ...before.waiting]).size).toBe(40);

      // Three confirmed people leave, on either replica: the first three waiting move up, in order.
      await Promise.all(before.confirmed.slice(0, 3).map((u, i) => clickSession(r, replica(i), u, 'worldcafe_leave', session, `leave${i}`)));
      await expect.poll(async () => (await a.bot.services.worldcafe.attendees(session.id)).waiting.length, { timeout: 10_000 }).toBe(27);
      const after = await a.bot.services.worldcafe.attendees(session.id);
      expect(after.confirmed).toHaveLength(10);
      expect(after.confirmed).toEqual(expect.arrayContaining(before.waiting.slice(0, 3)));
      expect(after.waiting).toEqual(before.waiting.slice(3));
      await expect.poll(() => slack.callsTo('chat.postMessage').filter((c) => content(c).includes('キャンセル待ちから繰り上がり')).length, { timeout: 10_000 }).toBe(3);
      await slack.waitFor('chat.update', (c) => c.args.ts === session.messageTs && content(c).includes('10/10') && content(c).includes('キャンセル待ち 27 名'), 1, 15_000);
      await settle(500);
      const promotedDms = slack.callsTo('chat.postMessage').filter((c) => content(c).includes('キャンセル待ちから繰り上がり'));
      expect(new Set(promotedDms.map((c) => c.args.channel))).toEqual(new Set(before.waiting.slice(0, 3)));
    });

    it('each reminder goes once, from whichever replica claims it', async () => {
      const { a, slack, clock } = r;
      const { confirmed } = await a.bot.services.worldcafe.attendees(session.id);
      const dms = (marker: string) => slack.callsTo('chat.postMessage').filter((c) => content(c).includes(marker));
      clock.set('2026-07-09T12:00:30+09:00'); // 12:00 on the working day before
      await expect.poll(() => dms('【リマインド】').length, { timeout: 15_000, interval: 100 }).toBe(confirmed.length);
      clock.set('2026-07-10T18:00:30+09:00'); // 30 minutes before the start
      await expect.poll(() => dms('【まもなく開始】').length, { timeout: 15_000, interval: 100 }).toBe(confirmed.length);
      await settle();
      expect(dms('【リマインド】')).toHaveLength(confirmed.length);
      expect(dms('【まもなく開始】')).toHaveLength(confirmed.length);
      expect(new Set(dms('【リマインド】').map((c) => c.args.channel)).size).toBe(confirmed.length);
    });

    it('the post-session survey goes once to each attendee; an answer through either replica is in the month’s report', async () => {
      const { a, b, slack, clock } = r;
      const { confirmed } = await a.bot.services.worldcafe.attendees(session.id);
      const surveys = () => slack.callsTo('chat.postMessage').filter((c) => content(c).includes('worldcafe_survey'));
      clock.set('2026-07-10T20:00:30+09:00'); // the session has ended (a Friday, a working day)
      await expect.poll(() => surveys().length, { timeout: 15_000, interval: 100 }).toBe(confirmed.length);
      await settle();
      expect(new Set(surveys().map((c) => c.args.channel)).size).toBe(confirmed.length);
      const who = confirmed[0]!;
      const trigger = `trig.survey.${Math.random().toString(36).slice(2)}`;
      await post(b.eventsUrl, signedInteraction(blockActionPayload({ userId: who, actionId: 'worldcafe_survey', value: session.id, triggerId: trigger, responseUrl: slack.responseUrl('survey') })));
      const [open] = await slack.waitFor('views.open', (c) => c.args.trigger_id === trigger);
      const values = {
        satisfaction: { value: { type: 'radio_buttons', selected_option: { value: '4' } } },
        usefulness: { value: { type: 'radio_buttons', selected_option: { value: '5' } } },
        comment: { value: { type: 'plain_text_input', value: '話しやすい場でした' } },
      };
      const saved = await post(a.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: who, callbackId: 'worldcafe_survey_submit', privateMetadata: open!.args.view.private_metadata, values })));
      expect(saved.text).toContain('ありがとうございました');
      const report = await b.bot.services.report.build(parseMonth('2026-07')!);
      expect(report.worldcafe.sessions.find((x) => x.id === session.id)).toMatchObject({ answers: 1, satisfactionAvg: 4, usefulnessAvg: 5, comments: ['話しやすい場でした'] });
      expect(report.qa.asked).toBeGreaterThan(0);
    });

    it('a scheduled announcement goes out once when both replicas run the job', async () => {
      const { a, b, slack, clock } = r;
      clock.set('2026-07-11T09:00:00+09:00');
      const compose = await post(
        a.eventsUrl,
        signedInteraction(
          viewSubmissionPayload({
            userId: ADMIN,
            callbackId: 'announce_compose',
            privateMetadata: '',
            values: {
              initiative: { value: { type: 'static_select', selected_option: { value: 'training' } } },
              title: { value: { type: 'plain_text_input', value: '接遇研修のご案内' } },
              body: { value: { type: 'plain_text_input', value: '窓口対応の研修を行います。' } },
              channels: { value: { type: 'multi_conversations_select', selected_conversations: ['C0ANNOUNCE'] } },
              when: { value: { type: 'radio_buttons', selected_option: { value: 'at' } } },
              date: { value: { type: 'datepicker', selected_date: '2026-07-13' } },
              time: { value: { type: 'timepicker', selected_time: '10:00' } },
              link: { value: { type: 'url_text_input', value: null } },
              options: { value: { type: 'checkboxes', selected_options: [] } },
            },
          }),
        ),
      );
      const pushed = JSON.parse(compose.text) as { response_action: string; view: { private_metadata: string } };
      expect(pushed.response_action).toBe('push');
      const done = await post(b.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: 'announce_preview', values: {}, privateMetadata: pushed.view.private_metadata })));
      expect(JSON.parse(done.text)).toMatchObject({ response_action: 'clear' });
      await slack.waitFor('chat.postMessage', (c) => c.args.channel === ADMIN && /予約しました/.test(String(c.args.text)));

      clock.set('2026-07-13T10:00:30+09:00');
      await Promise.all([a.bot.services.announce.runDue(), b.bot.services.announce.runDue(), a.bot.services.announce.runDue()]);
      await Promise.all([a.bot.services.announce.runDue(), b.bot.services.announce.runDue()]);
      const posts = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0ANNOUNCE');
      expect(posts).toHaveLength(1);
      expect(String(posts[0]!.args.text)).toMatch(/接遇研修のご案内/);
    });
  });
}

/**
 * Proposals submitted and World Café joins clicked, one after another through both replicas,
 * while `fault` runs (started after the first few). Checks that every proposal a user was shown a
 * number for is stored under that number, that no number was shown or posted twice, and that
 * everyone told they have a seat or a waitlist place is on the session.
 */
export async function writesThroughFault(r: Replicas, tag: string, fault: () => Promise<void>, count = 24): Promise<{ proposals: number; joins: number }> {
  const users = Array.from({ length: count }, (_, i) => `U0${tag}${String(i).padStart(3, '0')}`);
  const forms = await Promise.all(users.map((u, i) => openProposalForm(r, i % 2 ? r.a : r.b, u)));
  const date = new Date(r.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
  const session = await createSession(r, { theme: `${tag} の回`, date, capacity: 8 });
  const shown: { id: string; title: string }[] = [];
  const joined: string[] = [];
  const submit = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const title = `${tag} の提案 ${i}`;
      const app = i % 2 ? r.b : r.a;
      const reply = `${tag}-join-${i}`;
      const [id] = await Promise.all([
        submitProposal(app, users[i]!, forms[i]!, title).catch(() => undefined),
        clickSession(r, app, users[i]!, 'worldcafe_join', session, reply).catch(() => undefined),
      ]);
      if (id) shown.push({ id, title });
      const told = await r.slack.waitFor('response_url', (c) => c.path.endsWith(`/${reply}`), 1, 15_000).catch(() => []);
      if (told[0] && /参加を受け付けました|キャンセル待ち \d+ 番目\* で受け付けました/.test(content(told[0])) && !/一時的/.test(content(told[0]))) joined.push(users[i]!);
      await new Promise((res) => setTimeout(res, 60));
    }
  };
  await submit(0, 4);
  const faulting = fault();
  let done = false;
  void faulting.finally(() => (done = true));
  let i = 4;
  // Keep going while the fault lasts (at most count - 4 more), then the rest afterwards.
  while (!done && i < count - 4) await submit(i, ++i);
  await faulting;
  await submit(i, count);

  // What was kept is the question, not whether one read right after a failover gets through.
  const stored = await eventually(() => r.a.bot.services.proposals.listRecent(500));
  for (const { id, title } of shown) expect(stored.find((p) => p.id === id)?.title, `${id} (${title})`).toBe(title);
  expect(new Set(shown.map((s) => s.id)).size, 'a number was shown twice').toBe(shown.length);
  expect(new Set(stored.map((p) => p.id)).size).toBe(stored.length);
  const posted = r.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === PROPOSALS_CHANNEL).map((c) => /提案-\d{4}-\d{4}/.exec(content(c))?.[0]);
  expect(new Set(posted).size, 'a number was posted twice').toBe(posted.length);
  for (const id of posted) expect(stored.some((p) => p.id === id), `${id} was posted but is not stored`).toBe(true);
  const seats = await eventually(() => r.b.bot.services.worldcafe.attendees(session.id));
  const signedUp = new Set([...seats.confirmed, ...seats.waiting]);
  for (const u of joined) expect(signedUp.has(u), `${u} was told they joined`).toBe(true);
  expect(seats.confirmed.length).toBeLessThanOrEqual(8);
  return { proposals: shown.length, joins: joined.length };
}

/** Retries a read for a few seconds while the client settles after a failover. */
async function eventually<T>(read: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await read();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((res) => setTimeout(res, 200));
    }
  }
}
