import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createWebClient } from '../../src/slack/web-client.js';
import { PostError } from '../../src/infra/poster.js';
import { createSlackPoster } from '../../src/slack/poster.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';

/** The Slack poster that morning posts and announcements go through (against the loopback fake). */
describe('createSlackPoster', () => {
  const redis = useRedis();
  let slack: SlackFake;
  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterAll(async () => {
    await slack?.stop();
  });
  beforeEach(async () => {
    slack.reset();
    await redis.flush();
  });
  const make = () => createSlackPoster({ client: createWebClient(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_API_URL: slack.apiUrl }), silentLogger, 'poster'), redis: redis.client, logger: silentLogger });

  it('posts text and blocks without unfurling', async () => {
    const r = await make().post('C0CHAN001', 'こんにちは', [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }]);
    expect(r.ts).toMatch(/^\d+\.\d+$/);
    const [call] = slack.callsTo('chat.postMessage');
    expect(call!.args).toMatchObject({ channel: 'C0CHAN001', text: 'こんにちは' });
    expect(String(call!.args.unfurl_links)).toBe('false');
    expect(call!.args.blocks).toHaveLength(1);
  });

  it('keeps to about one message per second per channel, across replicas', async () => {
    const a = make();
    const b = make();
    await Promise.all([a.post('C0CHAN001', '1'), b.post('C0CHAN001', '2'), a.post('C0CHAN002', '3')]);
    const same = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHAN001').map((c) => c.at).sort();
    expect(same).toHaveLength(2);
    expect(same[1]! - same[0]!).toBeGreaterThanOrEqual(1000);
  });

  it('waits out a 429 (Retry-After) and posts once', async () => {
    let first = true;
    slack.on('chat.postMessage', () => {
      if (!first) return undefined;
      first = false;
      return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
    });
    const r = await make().post('C0CHAN003', 'x');
    expect(r.ts).toBeTruthy();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(2);
  });

  it('reports a channel the bot is not in as a permanent error', async () => {
    slack.on('chat.postMessage', () => ({ body: { ok: false, error: 'not_in_channel' } }));
    const err = await make().post('C0NOTIN01', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect(err).toMatchObject({ code: 'not_in_channel', permanent: true });
  });

  it('reports a Slack outage as transient', async () => {
    slack.on('chat.postMessage', () => ({ body: { ok: false, error: 'service_unavailable' } }));
    const err = await make().post('C0CHAN004', 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'service_unavailable', permanent: false });
  });
});
