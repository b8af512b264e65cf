import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';
import { writeProposalForm } from '../../src/proposals/slack/form.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { allText, CHANNEL, complete, STAFF, useProposalApp } from '../helpers/proposals-e2e.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';

/**
 * Improvement proposals, end to end: real signed requests against the real app (HTTP mode),
 * a real Redis, and a loopback fake of Slack's Web API. When a proposal cannot go where it
 * should: Slack refuses to share it, no PROPOSALS_CHANNEL is set, Redis is unavailable.
 */

describe('/proposal end to end', () => {
  const { slack, submitNew, stored } = useProposalApp();

  it('keeps a proposal that Slack fails to share, and tells the submitter', async () => {
    slack.reset();
    slack.on('chat.postMessage', (c) => (c.args.channel === CHANNEL ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    const id = await submitNew({ ...complete, title: '共有に失敗する提案' });
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}` && allText(c).includes(id));
    expect(allText(dm!)).toContain('共有ができませんでした');
    expect(await stored(id)).toMatchObject({ title: '共有に失敗する提案', status: '受付' });

    // Slack answering 500 (after the client's short retries): the same.
    slack.reset();
    slack.on('chat.postMessage', (c) => (c.args.channel === CHANNEL ? { status: 500, body: 'oops' } : undefined));
    const id2 = await submitNew({ ...complete, title: '500 で失敗する提案' });
    const [dm2] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}` && allText(c).includes(id2), 1, 15_000);
    expect(allText(dm2!)).toContain('共有ができませんでした');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length).toBeGreaterThan(1);
    expect((await stored(id2)).title).toBe('500 で失敗する提案');
    slack.reset();
  });
});

describe('/proposal without PROPOSALS_CHANNEL', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('stores the proposal and tells the submitter it was not shared', async () => {
    await post(t.eventsUrl, signedCommand({ command: '/proposal', user_id: STAFF, response_url: slack.responseUrl('cmd') }));
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    const res = await post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(complete) })),
    );
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('共有されません');
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}`);
    expect(allText(dm!)).toContain('チャンネルには共有していません');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel !== `D${STAFF}`)).toHaveLength(0);
    expect(await redis.client.hget('{proposals}:p:提案-2026-0001', 'title')).toBe(complete.title);
  });
});

describe('/proposal while Redis is unavailable', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  let revived: RedisServerHandle | undefined;
  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, extraEnv: { PROPOSALS_CHANNEL: CHANNEL } });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await revived?.stop();
  });

  it('keeps the modal open with an inline error, so the typed text is not lost; sending again later works', async () => {
    await post(t.eventsUrl, signedCommand({ command: '/proposal', user_id: STAFF, response_url: slack.responseUrl('cmd') }));
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    const send = () =>
      post(
        t.eventsUrl,
        signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(complete) })),
      );
    redis.client.on('error', () => undefined); // the test's own connection will complain too
    const port = redis.server()!.port;
    await redis.server()!.stop();
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.title).toContain('一時的に保存できません');
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

    // Redis is back (same port, empty): the person presses 送信 again with the text still in the modal.
    revived = await startRedisServer({ port });
    let again = await send();
    for (let i = 0; i < 20 && JSON.parse(again.text).response_action !== 'update'; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      again = await send();
    }
    expect(JSON.parse(again.text).response_action).toBe('update');
    expect(again.text).toContain('提案-2026-0001');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
