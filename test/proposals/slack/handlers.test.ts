import nock from 'nock';
import { webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMinatoNavi, type MinatoNavi } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { fixedClock } from '../../../src/infra/clock.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { proposalFormView, writeProposalForm } from '../../../src/proposals/slack/form.js';
import { useRedis } from '../../helpers/redis.js';
import { blockActionPayload, viewSubmissionPayload } from '../../helpers/slack-requests.js';

/**
 * The proposal handlers, called through the app's routers with the argument shapes Bolt gives
 * them, against a real Redis, with Slack's Web API played by nock.
 */

const SLACK = 'https://slack.test';
const CHANNEL = 'C0PROPOSALS';

const values = (title: string) => writeProposalForm({ title, category: 'cost', problem: '紙の印刷が多い', body: '会議資料を電子化する', effect: '用紙代の節減' });

type Form = Record<string, string>;
const form = (body: unknown): Form => (typeof body === 'object' && body ? (body as Form) : Object.fromEntries(new URLSearchParams(String(body))));

describe('proposal handlers (nock for Slack)', () => {
  const redis = useRedis();
  let bot: MinatoNavi;
  const client = new webApi.WebClient('xoxb-test', { slackApiUrl: `${SLACK}/api/`, retryConfig: { retries: 0 } });
  const unmatched: string[] = [];
  const onNoMatch = (req: { path?: string; url?: string; method?: string }) => {
    const what = `${req.method} ${req.path ?? req.url}`;
    // Bolt's own token check when the app is built; not the handlers' doing.
    if (!what.endsWith('/api/auth.test')) unmatched.push(what);
  };

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret-0123',
      SLACK_API_URL: `${SLACK}/api/`,
      REDIS_URL: redis.url,
      PROPOSALS_CHANNEL: CHANNEL,
      ADMIN_USER_IDS: 'U0ADMIN01',
    });
    bot = await buildMinatoNavi(config, { logger: silentLogger, clock: fixedClock('2026-06-01T09:00:00+09:00') });
  });
  beforeEach(async () => {
    await redis.flush();
    unmatched.length = 0;
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.emitter.off('no match', onNoMatch);
    nock.enableNetConnect();
    await bot?.stop();
  });

  async function submitVia(title: string, userId = 'U0STAFF01') {
    const view = proposalFormView({ mode: 'new', token: `tok-${title}` });
    const body = viewSubmissionPayload({ userId, callbackId: 'proposal_submit', privateMetadata: view.private_metadata, values: values(title) }) as any;
    const ack = vi.fn(async (_response?: unknown) => undefined);
    await bot.routers.views.handle('proposal_submit', { ack, body, view: body.view, payload: body.view, client, context: {}, logger: silentLogger, next: async () => undefined, respond: vi.fn() } as any);
    return ack;
  }

  it('keeps the proposal and tells the submitter when Slack answers 500 to the channel post', async () => {
    const dmBodies: Form[] = [];
    let channelAttempts = 0;
    nock(SLACK)
      .post('/api/users.info')
      .reply(200, { ok: true, user: { id: 'U0STAFF01', real_name: '港 花子' } })
      .post('/api/chat.postMessage', (b) => form(b).channel === CHANNEL)
      .times(3)
      .reply(() => {
        channelAttempts += 1;
        return [500, 'internal error'];
      })
      .post('/api/conversations.open', (b) => form(b).users === 'U0STAFF01')
      .reply(200, { ok: true, channel: { id: 'D0STAFF01' } })
      .post('/api/chat.postMessage', (b) => {
        if (form(b).channel !== 'D0STAFF01') return false;
        dmBodies.push(form(b));
        return true;
      })
      .reply(200, { ok: true, channel: 'D0STAFF01', ts: '1.1' })
      .post('/api/views.publish')
      .reply(200, { ok: true });

    const ack = await submitVia('会議資料の電子化');
    expect(ack).toHaveBeenCalledTimes(1);
    expect(ack.mock.calls[0]![0]).toMatchObject({ response_action: 'update' });
    expect(channelAttempts).toBe(3); // the follow-up client retries briefly, then gives up
    expect(dmBodies).toHaveLength(1);
    expect(dmBodies[0]!.text).toContain('共有ができませんでした');
    const p = await bot.services.proposals.get('提案-2026-0001');
    expect(p).toMatchObject({ title: '会議資料の電子化', proposerName: '港 花子', status: '受付' });
    expect(p?.post).toBeUndefined();
    expect(unmatched).toEqual([]);
  });

  it('answers a forged proposal id on 共感 politely and calls nothing else', async () => {
    const respond = vi.fn(async () => undefined);
    const body = blockActionPayload({ userId: 'U0STAFF02', actionId: 'proposal_vote', value: '提案-2026-0999', channelId: CHANNEL, messageTs: '1.2', responseUrl: 'https://hooks.slack.test/r' }) as any;
    const ack = vi.fn(async (_response?: unknown) => undefined);
    await bot.routers.buttons.handle('proposal_vote', { ack, body, action: body.actions[0], payload: body.actions[0], respond, client, context: {} } as any);
    expect(ack).toHaveBeenCalled();
    expect(respond).toHaveBeenCalledWith(expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('見つかりませんでした') }));
    expect(unmatched).toEqual([]);
    expect(await redis.client.keys('*')).toEqual([]);
  });

  it('refuses the status form to a non-admin without opening anything', async () => {
    await submitViaQuietly('紙の削減');
    const respond = vi.fn(async () => undefined);
    const body = blockActionPayload({ userId: 'U0STAFF02', actionId: 'proposal_status_open', value: '提案-2026-0001', channelId: CHANNEL, messageTs: '1.2', responseUrl: 'https://hooks.slack.test/r' }) as any;
    await bot.routers.buttons.handle('proposal_status_open', { ack: vi.fn(), body, action: body.actions[0], respond, client, context: {} } as any);
    expect(respond).toHaveBeenCalledWith(expect.objectContaining({ text: expect.stringContaining('管理者のみ') }));
    expect(unmatched).toEqual([]);
  });

  it('refuses an edit from someone other than the proposer, inline, and keeps the text', async () => {
    await submitViaQuietly('紙の削減');
    const view = proposalFormView({ mode: 'edit', id: '提案-2026-0001' });
    const body = viewSubmissionPayload({ userId: 'U0STAFF02', callbackId: 'proposal_edit', privateMetadata: view.private_metadata, values: values('乗っ取り') }) as any;
    const ack = vi.fn(async (_response?: unknown) => undefined);
    await bot.routers.views.handle('proposal_edit', { ack, body, view: body.view, client, context: {} } as any);
    expect(ack).toHaveBeenCalledWith({ response_action: 'errors', errors: { title: expect.stringContaining('ご自身の提案') } });
    expect((await bot.services.proposals.get('提案-2026-0001'))?.title).toBe('紙の削減');
  });

  /** Submits with every follow-up Slack call answered OK. */
  async function submitViaQuietly(title: string) {
    nock(SLACK).persist().post(/\/api\/.*/).reply(200, (_uri: string) => ({ ok: true, channel: { id: 'D0STAFF01' }, ts: '1.1', user: { real_name: '港 花子' } }));
    await submitVia(title);
    nock.cleanAll();
  }
});
