import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { validateSessionForm } from '../../../src/worldcafe/schema.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackCall, type SlackFake } from '../../helpers/slack-fake.js';
import { blockActionPayload, post, signedInteraction, viewSubmissionPayload } from '../../helpers/slack-requests.js';
import { goodForm, user } from '../fixtures.js';
import { writeForm } from '../../../src/worldcafe/slack/modals.js';

/** The admin menu end to end: 定員変更 / 日時変更 / 中止 through their modals, with the DMs and the message update. */
describe('/worldcafe admin menu', () => {
  const redis = useRedis();
  const clock = fixedClock('2026-07-01T10:00:00+09:00');
  const ADMIN = 'U0ADMIN01';
  let slack: SlackFake;
  let t: TestApp;
  let id = '';
  const ts = '1700000000.000777';
  const textOf = (c: SlackCall) => `${String(c.args.text ?? '')} ${JSON.stringify(c.args.blocks ?? '')}`;

  const menu = async (what: string, responseId: string) => {
    const p = blockActionPayload({ userId: ADMIN, actionId: 'worldcafe_admin', channelId: 'C0EVENTS', messageTs: ts, responseUrl: slack.responseUrl(responseId) });
    (p.actions as Record<string, unknown>[])[0] = { type: 'overflow', action_id: 'worldcafe_admin', block_id: `wc_actions:${id}`, selected_option: { text: { type: 'plain_text', text: 'x' }, value: `${what}:${id}` }, action_ts: '1' };
    await post(t.eventsUrl, signedInteraction(p));
    const opened = await slack.waitFor('views.open', (c) => c.args.view?.callback_id === `worldcafe_${what}`);
    return opened[0]!.args.view as { callback_id: string; private_metadata: string };
  };

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL: 'C0EVENTS' } });
    const v = validateSessionForm({ ...goodForm, capacity: '2' }, clock.now());
    if (!v.ok) throw new Error('fixture');
    id = (await t.bot.services.worldcafe.create(v.value, ADMIN)).id;
    await t.bot.services.worldcafe.setAnnouncement(id, 'C0EVENTS', ts);
    for (let i = 1; i <= 6; i++) await t.bot.services.worldcafe.join(id, user(i));
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('raising the capacity promotes the first two waiting, DMs them, and the message shows 4/4', async () => {
    const view = await menu('capacity', 'cap');
    const bad = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeForm({ capacity: '0' }) })));
    expect(JSON.parse(bad.text)).toMatchObject({ response_action: 'errors', errors: { capacity: expect.stringContaining('1〜500') } });
    const ok = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeForm({ capacity: '4' }) })));
    expect(ok.text).toBe('');
    await slack.waitFor('chat.postMessage', (c) => (c.args.channel === user(3) || c.args.channel === user(4)) && String(c.args.text).includes('繰り上がり'), 2);
    await slack.waitFor('chat.update', (c) => c.args.ts === ts && textOf(c).includes('4/4') && textOf(c).includes('キャンセル待ち 2 名'));
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === user(5) && String(c.args.text).includes('繰り上がり'))).toHaveLength(0);
  });

  it('lowering it removes nobody', async () => {
    const view = await menu('capacity', 'cap2');
    await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeForm({ capacity: '1' }) })));
    await slack.waitFor('chat.update', (c) => c.args.ts === ts && textOf(c).includes('4/1'));
    expect((await t.bot.services.worldcafe.attendees(id)).confirmed).toEqual([user(1), user(2), user(3), user(4)]);
  });

  it('moving the date tells everyone signed up, with the new time', async () => {
    const view = await menu('reschedule', 'move');
    const values = { date: '2026-07-17', start: '18:00', end: '17:00' };
    const bad = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeForm(values) })));
    expect(JSON.parse(bad.text)).toMatchObject({ response_action: 'errors', errors: { end: expect.any(String) } });
    values.end = '19:30';
    const ok = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeForm(values) })));
    expect(ok.text).toBe('');
    const moved = await slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('日時が変更'), 6);
    expect(new Set(moved.map((c) => c.args.channel))).toEqual(new Set([1, 2, 3, 4, 5, 6].map(user)));
    expect(String(moved[0]!.args.text)).toContain('7月17日（金）18:00〜19:30');
    await slack.waitFor('chat.update', (c) => c.args.ts === ts && textOf(c).includes('7月17日'));
  });

  it('cancelling tells everyone and the message says 中止 with no buttons', async () => {
    const view = await menu('cancel', 'cancel');
    const ok = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: {} })));
    expect(ok.text).toBe('');
    const told = await slack.waitFor('chat.postMessage', (c) => String(c.args.text).includes('中止になりました'), 6);
    expect(new Set(told.map((c) => c.args.channel)).size).toBe(6);
    const [last] = await slack.waitFor('chat.update', (c) => c.args.ts === ts && String(c.args.text).startsWith('【中止】'));
    expect(JSON.stringify(last!.args.blocks)).not.toContain('worldcafe_join');
    // The menu on a cancelled session explains instead of opening a form.
    const p = blockActionPayload({ userId: ADMIN, actionId: 'worldcafe_admin', channelId: 'C0EVENTS', messageTs: ts, responseUrl: slack.responseUrl('after') });
    (p.actions as Record<string, unknown>[])[0] = { type: 'overflow', action_id: 'worldcafe_admin', block_id: 'b', selected_option: { text: { type: 'plain_text', text: 'x' }, value: `capacity:${id}` }, action_ts: '1' };
    await post(t.eventsUrl, signedInteraction(p));
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('中止になりました'));
  });
});
