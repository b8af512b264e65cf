import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedisServer } from '../../src/infra/redis-server.js';
import { startSentinelSet } from '../helpers/redis-sentinel.js';
import { checkAof, leftAfter, lockIsFree, npmStart, redisServersOn, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * A start that fails never leaves the private redis-server running: a taken port, a token Slack
 * refuses, a signal before the start has finished. Each is `npm start` as the operator runs it;
 * what they see is one line on the console and exit code 1 (0 for a requested stop).
 */
describe('operations: a failed start leaves nothing running', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-failstart-'));
  let slack: SlackFake;
  let bot: BotProcess | undefined;
  let n = 0;
  const newDir = () => join(root, `data-${++n}`);
  const env = async (dataDir: string, extra: Record<string, string> = {}) => ({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ...extra,
  });
  /** The bot's own lines on the console: not npm's banner, not JSON logs. */
  const saidLines = (b: BotProcess) => b.plainLines().filter((l) => !l.startsWith('>') && !/^npm /.test(l));
  async function expectNothingLeft(b: BotProcess, dataDir: string): Promise<void> {
    expect([...(await leftAfter(b, 10_000)).values()], 'processes left running').toEqual([]);
    expect(redisServersOn(dataDir)).toEqual([]);
    if (existsSync(join(dataDir, '.lock'))) expect(lockIsFree(dataDir)).toBe(true);
  }

  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterEach(() => {
    if (bot && bot.child.exitCode === null) bot.kill('SIGKILL');
    slack.reset();
  });
  afterAll(async () => {
    await slack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('PORT already taken: one line naming the port, exit 1, no redis-server left', async () => {
    const taken: Server = createServer();
    const e = await env(newDir());
    await new Promise<void>((r) => taken.listen(Number(e.PORT), r));
    try {
      bot = npmStart(e);
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(bot.logs().some((l) => /private redis-server/.test(String(l.msg))), 'the redis-server had started').toBe(true);
      expect(saidLines(bot)).toEqual([expect.stringMatching(new RegExp(`^PORT ${e.PORT} はほかのプロセスが使っています（EADDRINUSE）`))]);
      await expectNothingLeft(bot, e.DATA_DIR);
      const aof = checkAof(e.DATA_DIR);
      expect(aof.ok, aof.output).toBe(true);
    } finally {
      taken.close();
    }
  });

  it('a well-formed but wrong SLACK_BOT_TOKEN: one Japanese line (invalid_auth), exit 1, no stack trace, nothing left', async () => {
    slack.on('auth.test', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const e = await env(newDir());
    bot = npmStart(e);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(saidLines(bot)).toEqual([expect.stringMatching(/^SLACK_BOT_TOKEN が無効です（invalid_auth）。/)]);
    expect(bot.output()).not.toMatch(/\n\s+at /); // no stack trace
    expect(bot.output()).not.toMatch(/UnhandledPromiseRejection|Error:/);
    await expectNothingLeft(bot, e.DATA_DIR);
  });

  it('a REDIS_URL whose password Redis refuses: one Japanese line, exit 1, no stack trace, nothing left (not a retry loop)', async () => {
    const redis = await startRedisServer({ dir: newDir(), password: 'the-right-one' });
    try {
      const e = await env(newDir(), { REDIS_URL: `redis://:not-the-password@127.0.0.1:${redis.port}` });
      bot = npmStart(e);
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(saidLines(bot)).toEqual([expect.stringMatching(/^Redis がユーザー名またはパスワードを受け付けませんでした（WRONGPASS/)]);
      expect(bot.output()).not.toMatch(/not-the-password|\n\s+at /);
      expect([...(await leftAfter(bot, 10_000)).values()], 'processes left running').toEqual([]);
    } finally {
      await redis.stop();
    }
  });

  it('a Sentinel REDIS_URL naming a master nobody watches: one Japanese line naming it, exit 1, nothing left (not a retry loop)', async () => {
    const set = await startSentinelSet();
    try {
      const e = await env(newDir(), { REDIS_URL: set.url.replace('/mymaster', '/mymastr') });
      bot = npmStart(e);
      const { code } = await bot.exited;
      expect(code).toBe(1);
      expect(saidLines(bot)).toEqual([expect.stringMatching(/^Redis の Sentinel は REDIS_URL のマスター名「mymastr」を監視していません/)]);
      expect(bot.output()).not.toMatch(/\n\s+at /);
      expect([...(await leftAfter(bot, 10_000)).values()], 'processes left running').toEqual([]);
    } finally {
      await set.stop();
    }
  });

  it('a wrong SLACK_APP_TOKEN in Socket Mode: one line, exit 1, nothing left', async () => {
    slack.on('apps.connections.open', () => ({ body: { ok: false, error: 'invalid_auth' } }));
    const e = await env(newDir(), { SLACK_APP_TOKEN: 'xapp-1-wrong' });
    bot = npmStart(e);
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(saidLines(bot)).toEqual([expect.stringMatching(/^SLACK_APP_TOKEN が無効です（invalid_auth）。/)]);
    await expectNothingLeft(bot, e.DATA_DIR);
  });

  it('SIGTERM while the start is still waiting for Slack: stops within 10 s, exit 0, nothing left, AOF valid', async () => {
    slack.on('auth.test', () => new Promise((r) => setTimeout(() => r(undefined), 20_000)));
    const e = await env(newDir());
    bot = npmStart(e);
    await bot.waitForLog(/started the private redis-server/);
    await slack.waitFor('auth.test');
    const { code, ms } = await stopBot(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(bot.logs().some((l) => l.msg === 'minato-navi started')).toBe(false);
    await expectNothingLeft(bot, e.DATA_DIR);
    const aof = checkAof(e.DATA_DIR);
    expect(aof.ok, aof.output).toBe(true);
  });

  it('a second signal (Ctrl-C twice) does not cut the stop short: exit 0, nothing left', async () => {
    const e = await env(newDir());
    bot = npmStart(e);
    await bot.waitForLog('minato-navi started');
    bot.kill('SIGINT');
    bot.kill('SIGINT');
    const { code } = await bot.exited;
    expect(code).toBe(0);
    await expectNothingLeft(bot, e.DATA_DIR);
    expect(bot.logs().some((l) => l.msg === 'minato-navi stopped')).toBe(true);
  });

  it('several bad variables: one line for each, all at once, exit 1, nothing started', async () => {
    const dataDir = newDir();
    bot = npmStart({ ...(await env(dataDir)), SLACK_BOT_TOKEN: '', PORT: 'eighty', MORNING_TIME: '8:45', HTTPS_PROXY: 'proxy.example.lg.jp' });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const lines = saidLines(bot);
    expect(lines).toHaveLength(4);
    for (const name of ['SLACK_BOT_TOKEN', 'PORT', 'MORNING_TIME', 'HTTPS_PROXY']) {
      expect(lines.filter((l) => l.startsWith(`設定エラー: 環境変数 ${name} — `)), name).toHaveLength(1);
    }
    expect(existsSync(dataDir)).toBe(false);
    await expectNothingLeft(bot, dataDir);
  });
});
