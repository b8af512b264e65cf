import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/redis-server.js';
import { checkAof, leftAfter, npmStart, redisServersOn, slashCommand, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * At most one redis-server ever runs on a DATA_DIR. Two bots started on one directory (the
 * mistake that once rewrote the append-only file and lost keys): the second refuses with one
 * line naming the directory and the running instance, and the first goes on untouched. A bot
 * killed outright (SIGKILL, no chance to clean up) still takes its redis-server with it.
 */
describe('operations: one redis-server per DATA_DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'minato-datadir-'));
  const dataDir = join(root, 'data');
  let slack: SlackFake;
  let first: BotProcess;
  let firstPort: number;
  const env = async () => ({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(await freePort()), DATA_DIR: dataDir });
  const morning = (port: number, text: string, id: string) => slashCommand(port, slack, { command: '/morning', text, channel_id: 'C0LOCKTEST' }, id);

  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterAll(async () => {
    if (first && first.child.exitCode === null) first.kill('SIGKILL');
    await slack?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it('a second bot on the same DATA_DIR refuses with one line naming the directory and the first bot; the first goes on', async () => {
    const e1 = await env();
    firstPort = Number(e1.PORT);
    first = npmStart(e1);
    await first.waitForLog('minato-navi started');
    await morning(firstPort, 'subscribe', 'sub');
    await morning(firstPort, 'time 07:50', 'time');
    const firstNode = [...first.tree()].find(([, cmd]) => cmd.includes('src/main.ts'))![0];

    const second = npmStart(await env());
    const { code } = await second.exited;
    expect(code).toBe(1);
    const said = second.plainLines().filter((l) => !l.startsWith('>') && !/^npm /.test(l));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(`DATA_DIR ${dataDir} は、すでに動いている別のみなとナビが使っています`);
    expect(said[0]).toContain(`ボットの PID ${firstNode}`);
    expect([...(await leftAfter(second, 10_000)).values()]).toEqual([]);

    expect(redisServersOn(dataDir)).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${firstPort}/healthz`)).status).toBe(200);
    expect(await morning(firstPort, 'status', 'status-1')).toContain('07:50');
  });

  it('SIGKILL of the bot (no clean-up at all): its redis-server still stops, and the data is intact', async () => {
    // appendfsync everysec: let the last write reach the disk, as it would in a second anyway.
    await new Promise((r) => setTimeout(r, 1_200));
    const node = [...first.tree()].find(([, cmd]) => cmd.includes('src/main.ts'))![0];
    const killedAt = Date.now();
    process.kill(node, 'SIGKILL');
    await first.exited;
    expect([...(await leftAfter(first, 10_000, killedAt)).values()], 'left after SIGKILL').toEqual([]);
    expect(redisServersOn(dataDir)).toEqual([]);
    const aof = checkAof(dataDir);
    expect(aof.ok, aof.output).toBe(true);

    const again = npmStart(await env());
    const port = Number((await again.waitForLog('minato-navi started')).port);
    expect(await morning(port, 'status', 'status-2')).toContain('07:50');
    expect((await stopBot(again)).code).toBe(0);
    expect([...(await leftAfter(again, 10_000)).values()]).toEqual([]);
  });
});
