import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/infra/redis-server.js';
import { leftAfter, npmStart } from '../test/helpers/bot-process.js';
import { startSlackFake } from '../test/helpers/slack-fake.js';
import { TEST_SIGNING_SECRET } from '../test/helpers/slack-requests.js';
import { median, round, sleep } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * Starting and stopping the bot the way an operator does: `npm start` with the bot's own
 * redis-server on a fresh DATA_DIR (HTTP mode, a loopback Slack fake), 3 rounds.
 *
 *   start_to_healthy_ms  spawn of `npm start` to the first 200 from /healthz (median)
 *   stop_ms              SIGTERM to the npm process to the moment none of the processes it
 *                        started (npm, node, redis-server) is left (median; must stay < 10,000)
 *   stop_max_ms          the slowest of those stops
 */
const ROUNDS = 3;

const bench: Bench = async (): Promise<Figure[]> => {
  const slack = await startSlackFake();
  const root = mkdtempSync(join(tmpdir(), 'minato-bench-lifecycle-'));
  const starts: number[] = [];
  const stops: number[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) {
      const port = await freePort();
      const t0 = performance.now();
      const bot = npmStart({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: slack.apiUrl, PORT: String(port), DATA_DIR: join(root, `d${i}`), LOG_LEVEL: 'warn' });
      for (;;) {
        const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
        if (ok) break;
        if (bot.child.exitCode !== null) throw new Error(`the bot exited:\n${bot.output()}`);
        await sleep(20);
      }
      starts.push(performance.now() - t0);
      bot.tree(); // the whole tree, recorded before the signal
      const sent = Date.now();
      bot.kill('SIGTERM');
      const left = await leftAfter(bot, 15_000, sent);
      if (left.size > 0) throw new Error(`left running after SIGTERM: ${[...left.values()].join(', ')}`);
      stops.push(Date.now() - sent);
    }
  } finally {
    await slack.stop();
    rmSync(root, { recursive: true, force: true });
  }
  return [
    { name: 'start_to_healthy_ms', value: round(median(starts), 0), unit: 'ms' },
    { name: 'stop_ms', value: round(median(stops), 0), unit: 'ms' },
    { name: 'stop_max_ms', value: round(Math.max(...stops), 0), unit: 'ms' },
  ];
};

export default bench;
