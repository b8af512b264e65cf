import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMinatoNavi } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { appIdentity, appIdOf } from '../../src/slack/app-identity.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/** Which workspace and app the bot answers for: configured, or learnt from Slack. */
describe('app identity', () => {
  let slack: SlackFake;
  let client: webApi.WebClient;
  beforeAll(async () => {
    slack = await startSlackFake();
    client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(() => slack.stop());
  beforeEach(() => slack.reset());

  it('takes the app id from auth.test when Slack gives one, else from bots.info for the bot', async () => {
    expect(await appIdOf(client, { app_id: 'A0FROMAUTH', bot_id: 'BBOTMINATO' })).toBe('A0FROMAUTH');
    expect(slack.calls).toEqual([]);
    expect(await appIdOf(client, { bot_id: 'BBOTMINATO' })).toBe('A0MINATO');
    expect(slack.callsTo('bots.info')[0]!.args.bot).toBe('BBOTMINATO');
    slack.on('bots.info', () => ({ body: { ok: true, bot: { id: 'BBOTMINATO' } } }));
    expect(await appIdOf(client, { bot_id: 'BBOTMINATO' })).toBeUndefined();
  });

  it('configuration wins; nothing until both ids are known', () => {
    expect(appIdentity({ teamId: 'T0CONF', appId: 'A0CONF' }, { teamId: 'T0MINATO', appId: 'A0MINATO' })).toEqual({ teamId: 'T0CONF', appId: 'A0CONF' });
    expect(appIdentity({ teamId: 'T0CONF' }, { appId: 'A0MINATO' })).toEqual({ teamId: 'T0CONF', appId: 'A0MINATO' });
    expect(appIdentity({}, { teamId: 'T0MINATO' })).toBeUndefined();
  });

  describe('in the app', () => {
    const redis = useRedis();
    const command = (port: number, tag: string) =>
      post(`http://127.0.0.1:${port}/slack/events`, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl(tag) }));

    it('with SLACK_TEAM_ID / SLACK_APP_ID set, answers only that workspace and app (and asks Slack for neither)', async () => {
      const logs = captureLogs('info');
      const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, REDIS_URL: redis.url, SLACK_TEAM_ID: 'T0CONF', SLACK_APP_ID: 'A0CONF' });
      const bot = await buildMinatoNavi(config, { logger: logs.logger, port: 0 });
      const { port } = await bot.start();
      try {
        // The test helpers sign for T0MINATO / A0MINATO: another workspace as far as this bot knows.
        const res = await command(port!, 'conf');
        expect(res.status).toBe(200);
        expect(res.text).toBe('');
        await new Promise((r) => setTimeout(r, 100));
        expect(slack.calls.map((c) => c.method).filter((m) => m !== 'auth.test')).toEqual([]);
        expect(logs.lines.filter((l) => l.msg === 'slack request refused: not for this app')).toHaveLength(1);
      } finally {
        await bot.stop();
      }
    });

    it('with Slack unreachable at start: acks go on (unchecked, said once), and once Slack answers, another app is refused', async () => {
      slack.on('auth.test', () => ({ status: 500, body: { ok: false } }));
      const logs = captureLogs('info');
      const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, REDIS_URL: redis.url });
      const bot = await buildMinatoNavi(config, { logger: logs.logger, port: 0 });
      const { port } = await bot.start();
      try {
        expect((await command(port!, 'early1')).status).toBe(200);
        expect((await command(port!, 'early2')).status).toBe(200);
        expect(logs.lines.filter((l) => /not checked until Slack/.test(String(l.msg)))).toHaveLength(1);
        // Slack is back; SlackConnection retries after 1 s and learns team and app (auth.test, bots.info).
        slack.reset();
        await slack.waitFor('bots.info');
        const other = signedCommand({ command: '/plan', text: 'x', team_id: 'T0OTHERWS', response_url: slack.responseUrl('other') } as Parameters<typeof signedCommand>[0]);
        await expect.poll(async () => {
          logs.clear();
          await post(`http://127.0.0.1:${port}/slack/events`, other);
          return logs.lines.some((l) => l.msg === 'slack request refused: not for this app');
        }, { timeout: 5_000 }).toBe(true);
      } finally {
        await bot.stop();
      }
    });
  });
});
