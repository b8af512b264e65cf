import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthIdOf } from '../../src/report/month.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startOpenAIFake, type OpenAIFake } from '../helpers/openai-fake.js';
import { useRedis } from '../helpers/redis.js';
import { Driver, scriptedModel } from '../helpers/report-month.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';

/**
 * INSIGHTS_RETENTION_DAYS=0: a refused question is counted, and its text is stored nowhere
 * (every key's value is searched); the report says so instead of listing questions.
 */
describe('e2e: INSIGHTS_RETENTION_DAYS=0 keeps no question text', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let ai: OpenAIFake;
  let t: TestApp;
  let drive: Driver;
  const ADMIN = 'U0ADMIN01';

  beforeAll(async () => {
    slack = await startSlackFake();
    ai = await startOpenAIFake();
    ai.handle(scriptedModel({}));
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, openaiBaseUrl: ai.baseUrl, extraEnv: { ADMIN_USER_IDS: ADMIN, INSIGHTS_RETENTION_DAYS: '0' } });
    drive = new Driver(slack, [t]);
  });
  afterAll(async () => {
    await t?.stop();
    await ai?.stop();
    await slack?.stop();
  });

  it('counts the refused question and stores none of its words', async () => {
    await drive.ask('U0STAFF01', '保存されない秘密の質問ですか');
    const values: string[] = [];
    for (const key of await redis.client.keys('*')) values.push(key, ((await redis.client.dumpBuffer(key)) ?? Buffer.alloc(0)).toString('utf8'));
    expect(values.join('\n')).not.toContain('保存されない');
    const { id } = await drive.command(ADMIN, '/report', monthIdOf(new Date()));
    await expect.poll(() => JSON.stringify(drive.responses(id).map((c) => c.args)), { timeout: 20_000 }).toContain('DM にお送りしました');
    const dm = slack.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('月次レポート'))!;
    const text = JSON.stringify(dm.args.blocks);
    expect(text).toContain('本文は保存しない設定のため、件数（1 件）のみです');
    expect(text).toContain('INSIGHTS_RETENTION_DAYS=0');
  });
});
