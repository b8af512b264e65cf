import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../../../src/infra/redis-server.js';
import { FEEDBACK_UP_ACTION } from '../../../src/plan/slack/answer-blocks.js';
import { UNAVAILABLE_TEXT } from '../../../src/plan/slack/texts.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { BOT_USER_ID, startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction } from '../../helpers/slack-requests.js';
import { waitForAnswer } from '../../helpers/qa-output.js';

/** With Redis gone, every Q&A surface still acks at once and tells the user 「一時的に利用できません」. */
describe('plan Q&A while Redis is down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-qa-redis-down-'));
  let redis: RedisServerHandle;
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startRedisServer({ dir });
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
    await redis.stop();
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a mention is acked and answered with the short unavailable message', async () => {
    const res = await post(t.eventsUrl, signedEvent({ type: 'app_mention', user: 'U0STAFF01', channel: 'C0DOWN1', ts: '1700000001.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const out = await waitForAnswer(slack, 'C0DOWN1', '1700000001.000100', 15_000);
    expect(out.text).toContain(UNAVAILABLE_TEXT);
    expect(out.streamed).toBe(false);
  });

  it('/plan is acked within 3 s and then told the bot is unavailable', async () => {
    const res = await post(t.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('down') }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const [reply] = await slack.waitFor('response_url', () => true, 1, 15_000);
    expect(reply!.args.text).toContain(UNAVAILABLE_TEXT);
  });

  it('a feedback click is acked and told the bot is unavailable', async () => {
    slack.reset();
    const res = await post(
      t.eventsUrl,
      signedInteraction(blockActionPayload({ userId: 'U0STAFF01', actionId: FEEDBACK_UP_ACTION, value: '0123456789abcdef', channelId: 'C0DOWN2', messageTs: '1.0', responseUrl: slack.responseUrl('fb-down') })),
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const [reply] = await slack.waitFor('response_url', () => true, 1, 15_000);
    expect(reply!.args).toMatchObject({ text: UNAVAILABLE_TEXT, response_type: 'ephemeral' });
  });
});
