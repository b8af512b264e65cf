import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { BOT_USER_ID, startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload, type SignedRequest } from '../helpers/slack-requests.js';
import { writeForm } from '../../src/worldcafe/slack/modals.js';
import { writeProposalForm } from '../../src/proposals/slack/form.js';

/**
 * Redis goes away under a running bot and comes back on the same port with its data (append-only
 * file on, as the bot's own redis-server runs). The bot must stay up, say 503 on /healthz, keep
 * acking Slack within 3 s, tell users 「一時的に…できません」, keep typed form text, and recover
 * without a restart, with no stored proposal or sign-up lost.
 */

const ADMIN = 'U0ADMIN01';
const STAFF = 'U0STAFF01';
const EVENTS_CHANNEL = 'C0EVENTS';
const PROPOSALS_CHANNEL = 'C0PROPOSALS';
const UNAVAILABLE = /一時的/;

const proposalValues = (title: string) =>
  writeProposalForm({ title, category: 'service', problem: '待ち時間が分からず、区民の方が不安に感じています。', body: '番号札の発券状況を待合のモニターに表示します。', effect: '待ち時間の不安が減ります。' });
const sessionValues = writeForm({ theme: '風通しの良い職場を語ろう', kind: 'worldcafe', date: '2026-07-10', start: '18:30', end: '20:00', deadline_date: null, deadline_time: null, place: '区役所 5階 会議室', capacity: '10' });
const content = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? '', c.args.view ?? '', c.args.chunks ?? '']);

describe('fault: Redis down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-redis-down-'));
  const clock = fixedClock('2026-07-01T10:00:00+09:00');
  let redis: RedisServerHandle;
  let slack: SlackFake;
  let t: TestApp;
  let proposalId = '';
  let sessionId = '';

  const health = async () => (await fetch(`${t.baseUrl}/healthz`)).status;
  const send = async (req: SignedRequest) => {
    const res = await post(t.eventsUrl, req);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    return res;
  };
  async function openView(command: string, textArg: string, user: string): Promise<Record<string, any>> {
    const before = slack.callsTo('views.open').length;
    await send(signedCommand({ command, text: textArg, user_id: user, response_url: slack.responseUrl(`open-${command}`) }));
    return (await slack.waitFor('views.open', () => true, before + 1)).at(-1)!.args.view as Record<string, any>;
  }

  beforeAll(async () => {
    redis = await startRedisServer({ dir });
    slack = await startSlackFake();
    t = await startTestApp({
      redisUrl: redis.url,
      slackApiUrl: slack.apiUrl,
      clock,
      extraEnv: { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL, PROPOSALS_CHANNEL },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a proposal and a sign-up while Redis is up', async () => {
    expect(await health()).toBe(200);
    const form = await openView('/proposal', '', STAFF);
    const submitted = await send(
      signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: form.callback_id, privateMetadata: form.private_metadata, values: proposalValues('窓口の待ち時間を表示する') })),
    );
    proposalId = /提案-\d{4}-\d{4}/.exec(submitted.text)?.[0] ?? '';
    expect(proposalId).not.toBe('');

    const create = await openView('/worldcafe', 'new', ADMIN);
    await send(signedInteraction(viewSubmissionPayload({ userId: ADMIN, callbackId: create.callback_id, privateMetadata: create.private_metadata, values: sessionValues })));
    sessionId = (await t.bot.services.worldcafe.listUpcoming())[0]!.id;
    await send(signedInteraction(blockActionPayload({ userId: STAFF, actionId: 'worldcafe_join', value: sessionId, channelId: EVENTS_CHANNEL, messageTs: '1.1', responseUrl: slack.responseUrl('join-ok') })));
    // Acked first, then joined: wait for the private reply that follows the join.
    await slack.waitFor('response_url', (c) => String(c.args.text ?? '').includes('参加を受け付けました'));
    expect((await t.bot.services.worldcafe.attendees(sessionId)).confirmed).toEqual([STAFF]);
  });

  describe('while Redis is gone', () => {
    let form: Record<string, any>;
    beforeAll(async () => {
      form = await openView('/proposal', '', STAFF);
      slack.reset();
      await redis.stop();
    });

    it('says 503 on /healthz', async () => {
      await expect.poll(health, { timeout: 5_000, interval: 200 }).toBe(503);
      expect(await (await fetch(`${t.baseUrl}/healthz`)).json()).toEqual({ ok: false });
    });

    it('acks a /plan question within 3 s and tells the asker it is temporarily unavailable', async () => {
      await send(signedCommand({ command: '/plan', text: '元気アップ会議とは？', user_id: STAFF, response_url: slack.responseUrl('plan-down') }));
      const [reply] = await slack.waitFor('response_url', (c) => UNAVAILABLE.test(content(c)));
      expect(String(reply!.args.text).length).toBeLessThan(120);
    });

    it('answers a mention in its thread with the same short message', async () => {
      await send(signedEvent({ type: 'app_mention', user: STAFF, channel: 'C0GENERAL', ts: '1700000500.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
      const [reply] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0GENERAL' && UNAVAILABLE.test(content(c)));
      expect(reply!.args.thread_ts).toBe('1700000500.000100');
    });

    it('keeps a proposal form open with its text (inline error) instead of losing it', async () => {
      const res = await send(
        signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: form.callback_id, privateMetadata: form.private_metadata, values: proposalValues('停電時の窓口対応手順') })),
      );
      const ack = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
      expect(ack.response_action).toBe('errors');
      expect(Object.values(ack.errors).join('')).toMatch(UNAVAILABLE);
    });

    it('tells a person clicking 参加する, and the lists, that they are temporarily unavailable', async () => {
      await send(signedInteraction(blockActionPayload({ userId: 'U0STAFF02', actionId: 'worldcafe_join', value: sessionId, channelId: EVENTS_CHANNEL, messageTs: '1.1', responseUrl: slack.responseUrl('join-down') })));
      // (the /plan reply above is the first such message)
      await slack.waitFor('response_url', (c) => UNAVAILABLE.test(content(c)), 2);
      await send(signedCommand({ command: '/worldcafe', text: '', user_id: STAFF, response_url: slack.responseUrl('wc-list-down') }));
      await send(signedCommand({ command: '/proposal', text: 'list', user_id: STAFF, response_url: slack.responseUrl('p-list-down') }));
      await send(signedCommand({ command: '/morning', text: 'status', user_id: STAFF, channel_id: 'C0GENERAL', response_url: slack.responseUrl('m-status-down') }));
      await expect.poll(() => slack.callsTo('response_url').filter((c) => UNAVAILABLE.test(content(c))).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    });
  });

  describe('when Redis is back on the same port', () => {
    beforeAll(async () => {
      redis = await startRedisServer({ dir, port: redis.port });
    });

    it('recovers without a restart: healthy again, and nothing it had accepted is lost', async () => {
      await expect.poll(health, { timeout: 10_000, interval: 200 }).toBe(200);
      expect((await t.bot.services.proposals.get(proposalId))?.title).toBe('窓口の待ち時間を表示する');
      expect((await t.bot.services.worldcafe.attendees(sessionId)).confirmed).toEqual([STAFF]);
    });

    it('serves requests again', async () => {
      slack.reset();
      await send(signedInteraction(blockActionPayload({ userId: 'U0STAFF02', actionId: 'worldcafe_join', value: sessionId, channelId: EVENTS_CHANNEL, messageTs: '1.1', responseUrl: slack.responseUrl('join-back') })));
      await expect.poll(async () => (await t.bot.services.worldcafe.attendees(sessionId)).confirmed, { timeout: 10_000 }).toEqual([STAFF, 'U0STAFF02']);
      await send(signedCommand({ command: '/plan', text: '元気アップ会議とは？', user_id: 'U0STAFF03', response_url: slack.responseUrl('plan-back') }));
      const [answer] = await slack.waitFor('response_url', (c) => content(c).includes('元気アップ会議'));
      expect(content(answer!)).not.toMatch(UNAVAILABLE);
    });
  });
});
