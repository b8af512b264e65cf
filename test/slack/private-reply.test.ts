import type { BlockAction, RespondFn } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';
import { proposalNoticeView } from '../../src/proposals/slack/form.js';
import { audienceOf, tellPrivately } from '../../src/slack/private-reply.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { captureLogs } from '../helpers/log-capture.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload } from '../helpers/slack-requests.js';

/** Where tellPrivately answers the person who clicked, surface by surface, in the order it tries. */
describe('tellPrivately', () => {
  let slack: SlackFake;
  const client = () => createWebClient(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }), silentLogger, 'follow-up');
  /** What Bolt's respond() does: POST the message to the action's response_url. */
  const respondTo = (url: string): RespondFn => async (msg) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(typeof msg === 'string' ? { text: msg } : msg) });
  const click = (a: { channelId?: string; responseUrl?: string; home?: boolean; triggerId?: string }) =>
    blockActionPayload({
      userId: 'U0STAFF01',
      actionId: 'x',
      channelId: a.channelId,
      messageTs: a.channelId ? '1.2' : undefined,
      responseUrl: a.responseUrl,
      triggerId: a.triggerId,
      view: a.home ? { id: 'VHOME', type: 'home' } : undefined,
    }) as unknown as BlockAction;
  const methods = () => slack.calls.map((c) => c.method);

  beforeAll(async () => {
    slack = await startSlackFake();
  });
  beforeEach(() => slack.reset());
  afterAll(async () => {
    await slack?.stop();
  });

  it('answers under the message through its response_url, ephemeral and beside the original', async () => {
    const url = slack.responseUrl('p1');
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*参加* を受け付けました' } }];
    await tellPrivately(client(), audienceOf(click({ channelId: 'C0GENERAL', responseUrl: url }), respondTo(url)), '参加を受け付けました', blocks, silentLogger, { modal: proposalNoticeView });
    expect(methods()).toEqual(['response_url']);
    expect(slack.calls[0]!.args).toEqual({ response_type: 'ephemeral', replace_original: false, text: '参加を受け付けました', blocks });
  });

  it('without a response_url, posts an ephemeral message in a known channel (C… or G…)', async () => {
    for (const channel of ['C0GENERAL', 'G0PRIVATE']) {
      slack.reset();
      await tellPrivately(client(), audienceOf(click({ channelId: channel })), 'お知らせ', undefined, silentLogger, { modal: proposalNoticeView });
      expect(methods()).toEqual(['chat.postEphemeral']);
      expect(slack.calls[0]!.args).toMatchObject({ channel, user: 'U0STAFF01', text: 'お知らせ' });
    }
  });

  it('never posts an ephemeral message into a DM channel: a DM from the bot instead', async () => {
    await tellPrivately(client(), { userId: 'U0STAFF01', channel: 'D0OTHER01' }, 'お知らせ', undefined, silentLogger);
    expect(methods()).toEqual(['chat.postMessage']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'U0STAFF01', text: 'お知らせ' });
  });

  it('from App Home, with the modal fallback: opens that modal with the text', async () => {
    await tellPrivately(client(), audienceOf(click({ home: true, triggerId: 'trig.home' })), 'この提案は見つかりませんでした。', undefined, silentLogger, { modal: proposalNoticeView });
    expect(methods()).toEqual(['views.open']);
    expect(slack.calls[0]!.args.trigger_id).toBe('trig.home');
    expect(slack.calls[0]!.args.view).toMatchObject({ type: 'modal', callback_id: 'proposal_notice' });
    expect(JSON.stringify(slack.calls[0]!.args.view.blocks)).toContain('この提案は見つかりませんでした。');
  });

  it('from App Home, without the modal fallback: a DM from the bot, blocks and all', async () => {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*取り消しました*' } }];
    await tellPrivately(client(), audienceOf(click({ home: true })), '取り消しました', blocks, silentLogger);
    expect(methods()).toEqual(['chat.postMessage']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'U0STAFF01', text: '取り消しました', blocks });
  });

  it('with the modal fallback but no trigger_id (a view submission): a DM', async () => {
    await tellPrivately(client(), { userId: 'U0ADMIN01' }, '定員を変更しました。', undefined, silentLogger, { modal: proposalNoticeView });
    expect(methods()).toEqual(['chat.postMessage']);
    expect(slack.calls[0]!.args).toMatchObject({ channel: 'U0ADMIN01', text: '定員を変更しました。' });
  });

  it.each(['CPROP', 'C0GENERAL', 'D0STAFF01', '[object Object]', ''])('never falls back to a post when the "user" is %j (the DM would land in a channel)', async (userId) => {
    const logs = captureLogs('warn');
    await tellPrivately(client(), { userId, channel: 'C0GENERAL' }, 'お知らせ', undefined, logs.logger);
    expect(methods()).toEqual([]);
    expect(logs.lines).toEqual([expect.objectContaining({ msg: 'no private reply: not a user id' })]);
  });

  it('logs a failure and does not throw', async () => {
    slack.on('chat.postMessage', () => ({ body: { ok: false, error: 'channel_not_found' } }));
    const logs = captureLogs('warn');
    await expect(tellPrivately(client(), { userId: 'U0GONE01' }, 'お知らせ', undefined, logs.logger)).resolves.toBeUndefined();
    expect(logs.lines).toEqual([expect.objectContaining({ msg: 'could not reply privately', err: expect.stringContaining('channel_not_found') })]);
  });
});
