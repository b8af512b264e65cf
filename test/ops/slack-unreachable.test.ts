import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/redis-server.js';
import { leftAfter, npmStart, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { SlackFake, startSlackFake } from '../helpers/slack-fake.js';
import { eventBody, post, sign, signedCommand, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * Slack's Web API cannot be reached (the office's way out is down) while Slack can still reach
 * the bot. The bot starts anyway, says so in one line, retries with back-off, keeps acking what
 * Slack sends, and says when Slack is back. No log line is a bare "fetch failed": each names
 * the call and the host.
 */
describe('operations: Slack unreachable', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-noslack-'));
  let hooks: SlackFake; // a response_url off Slack's origin: reachable, but never to be followed
  let api: SlackFake | undefined;
  let apiPort: number;
  let port: number;
  let bot: BotProcess;

  beforeAll(async () => {
    hooks = await startSlackFake();
    apiPort = await freePort();
    port = await freePort();
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.kill('SIGKILL');
    await hooks?.stop();
    await api?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts, says once that Slack cannot be reached, names the call and the host', async () => {
    bot = npmStart({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
      PORT: String(port),
      DATA_DIR: join(root, 'data'),
      LOG_LEVEL: 'debug',
    });
    await bot.waitForLog('minato-navi started');
    const down = bot.logs().filter((l) => /^Slack に接続できません/.test(String(l.msg)));
    expect(down).toHaveLength(1);
    expect(down[0]!.msg).toContain(`Slack auth.test → 127.0.0.1:${apiPort}: ECONNREFUSED`);
  });

  const loudAuthLines = () => bot.logs().filter((l) => l.level >= 40 && JSON.stringify(l).includes('auth.test'));

  it('keeps acking: a slash command is acked within 3 s; a response_url off Slack\'s origin is never followed', async () => {
    // response_url is followed only to Slack's own origin (docs/security.md): here SLACK_API_URL's, down like the rest of Slack.
    const res = await post(`http://127.0.0.1:${port}/slack/events`, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: `http://127.0.0.1:${apiPort}/respond/plan` }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const off = await post(`http://127.0.0.1:${port}/slack/events`, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: hooks.responseUrl('plan') }));
    expect(off.status).toBe(200);
    expect(off.ms).toBeLessThan(3_000);
    await expect.poll(() => bot.logs().some((l) => l.msg === 'slack request refused: malformed payload' && l.field === 'response_url'), { timeout: 5_000 }).toBe(true);
    expect(hooks.callsTo('response_url')).toEqual([]);
  });

  it('an event whose reply needs the Web API is acked too; the failed call is logged by name', async () => {
    const body = eventBody({ type: 'app_mention', user: 'U0STAFF01', text: '<@UBOTMINATO> 元気アップ会議とは？', channel: 'C0GENERAL', ts: '1700000000.000100' });
    const res = await post(`http://127.0.0.1:${port}/slack/events`, sign(body, 'application/json'));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    await expect.poll(() => new RegExp(`Slack (chat|assistant|reactions|conversations)\\.\\w+ → 127\\.0\\.0\\.1:${apiPort}: ECONNREFUSED`).test(bot.output()), { timeout: 15_000 }).toBe(true);
  });

  it('retries with growing back-off, and says so when Slack is back', async () => {
    const delays = () => bot.logs().filter((l) => l.msg === 'Slack still unreachable').map((l) => Number(l.retryInMs));
    await expect.poll(() => delays().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const d = delays();
    expect(d[1]!).toBeGreaterThan(d[0]!);
    expect(loudAuthLines(), 'one warning, however many retries').toHaveLength(1);
    api = await new SlackFake().start(apiPort);
    await bot.waitForLog('Slack に接続できました。', 40_000);
    expect(api.callsTo('auth.test').length).toBeGreaterThanOrEqual(1);
  });

  it('never logs a bare "fetch failed", and stops cleanly', async () => {
    expect(bot.output()).not.toMatch(/fetch failed/);
    const { code } = await stopBot(bot);
    expect(code).toBe(0);
    expect([...(await leftAfter(bot, 10_000)).values()]).toEqual([]);
  });
});
