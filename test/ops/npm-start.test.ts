import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedisServer } from '../../src/infra/redis-server.js';
import { checkAof, leftAfter, listening, lockIsFree, npmStart, slashCommand, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, sign, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The test of record for stopping: `npm start` exactly as the README says, with the bot's own
 * redis-server on DATA_DIR, and SIGTERM sent to the npm process itself — what a process manager
 * or `docker stop` does. Within 10 s nothing the bot started may be left, and the append-only
 * file passes redis-check-aof. Then the operator's backup (a copy of the stopped DATA_DIR) is
 * restored and read, and the bot started again on it still has what it was told before.
 */
describe('operations: SIGTERM to `npm start`', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-ops-'));
  const dataDir = join(root, 'data');
  let slack: SlackFake;
  let port: number;
  let bot: BotProcess;
  const env = () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), DATA_DIR: dataDir });
  const command = (text: string, id: string) => slashCommand(port, slack, { command: '/morning', text, channel_id: 'C0OPSTEST' }, id);

  beforeAll(async () => {
    slack = await startSlackFake();
    port = await freePort();
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.kill('SIGKILL');
    await slack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('starts, serves, and keeps DATA_DIR private (0700, files 0600)', async () => {
    bot = npmStart(env());
    await bot.waitForLog('minato-navi started');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    // The README's HTTP-mode order: once the bot runs with its signing secret, Slack's "Retry" of
    // the Request URL check (a signed url_verification) is answered; a wrong secret is not.
    const check = JSON.stringify({ type: 'url_verification', challenge: 'retry-from-slack' });
    const verified = await post(`http://127.0.0.1:${port}/slack/events`, sign(check, 'application/json'));
    expect(JSON.parse(verified.text)).toEqual({ challenge: 'retry-from-slack' });
    expect((await post(`http://127.0.0.1:${port}/slack/events`, sign(check, 'application/json', { secret: 'not-the-secret-yet-0000' }))).status).toBe(401);
    expect(await command('subscribe', 'sub')).toContain('購読');
    expect(await command('time 09:15', 'time')).toContain('09:15');
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const e of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
      const mode = statSync(join(e.parentPath, e.name)).mode & 0o777;
      expect(mode, join(e.parentPath, e.name)).toBe(e.isDirectory() ? 0o700 : 0o600);
    }
    // One log stream to rotate: the redis-server's own lines come out in the bot's JSON log, no log file.
    expect(bot.logs().some((l) => l.component === 'redis-server' && /Redis version=/.test(String(l.msg)))).toBe(true);
    expect(readdirSync(dataDir, { recursive: true }).filter((f) => String(f).endsWith('.log'))).toEqual([]);
    // The start says that replicas need REDIS_URL.
    expect(bot.logs().some((l) => /Several replicas need REDIS_URL/.test(String(l.msg)))).toBe(true);
    // The tree an operator would otherwise find orphaned: npm, node, redis-server.
    const tree = [...bot.tree().values()];
    expect(tree.some((c) => c.startsWith('npm'))).toBe(true);
    expect(tree.some((c) => c.startsWith('redis-server'))).toBe(true);
  });

  it('SIGTERM to the npm process: everything is gone within 10 s, the port is free, the AOF is valid', async () => {
    const sent = Date.now();
    const { code, ms } = await stopBot(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    const left = await leftAfter(bot, 10_000, sent);
    expect([...left.values()], 'processes left running').toEqual([]);
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(await listening(port)).toBe(false);
    expect(lockIsFree(dataDir)).toBe(true);
    const aof = checkAof(dataDir);
    expect(aof.ok, aof.output).toBe(true);
    expect(bot.logs().some((l) => l.msg === 'minato-navi stopped')).toBe(true);
    expect(existsSync(join(dataDir, 'instance.json'))).toBe(false);
  });

  it('backup and restore as the README says: a copy of the stopped DATA_DIR holds the data', async () => {
    const restored = join(root, 'restored');
    cpSync(dataDir, restored, { recursive: true });
    const server = await startRedisServer({ dir: restored });
    const r = new Redis(server.url);
    try {
      expect(await readAll(r)).toContain('C0OPSTEST');
    } finally {
      r.disconnect();
      await server.stop();
    }
  });

  it('started again on the same DATA_DIR, the bot still has what it was told', async () => {
    bot = npmStart(env());
    await bot.waitForLog('minato-navi started');
    expect(await command('status', 'status')).toContain('09:15');
    const { code } = await stopBot(bot);
    expect(code).toBe(0);
    expect([...(await leftAfter(bot, 10_000)).values()]).toEqual([]);
  });
});

/** Every key and value in a Redis, as text (whatever the type). */
async function readAll(r: Redis): Promise<string> {
  const out: unknown[] = [];
  for (const k of await r.keys('*')) {
    const type = await r.type(k);
    const value =
      type === 'string' ? await r.get(k)
      : type === 'hash' ? await r.hgetall(k)
      : type === 'set' ? await r.smembers(k)
      : type === 'zset' ? await r.zrange(k, '0', '-1')
      : type === 'list' ? await r.lrange(k, 0, -1)
      : type === 'stream' ? await r.xrange(k, '-', '+')
      : null;
    out.push([k, value]);
  }
  return JSON.stringify(out);
}
