import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../src/infra/redis-server.js';
import { startSlackFake, type SlackFake } from '../test/helpers/slack-fake.js';
import { post, signedCommand } from '../test/helpers/slack-requests.js';
import { median, percentile, round, settle, sleep } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * ack_p99_ms: 200 concurrent signed `/plan` slash commands on loopback against the real app in
 * HTTP mode (private redis-server, loopback Slack fake, no model key: extractive answers).
 * ack_p99_ms_bare_bolt: the same burst against a bare Bolt App (HTTPReceiver) that only acks.
 * Each server runs in its own child process, so the load generator and the Slack fake (this
 * process) do not share its event loop, as in production. Trials alternate between the two after warm-up bursts; each figure is the median of the
 * trials' p99s, and ack_ratio is the median of the per-trial ratios.
 */

const CONCURRENCY = 200;
const WARMUP = 2;
const TRIALS = 7;
const QUESTION = '元気アップ会議とは？';

/** Starts bench/ack-server.ts in a child process and waits for its URL. */
async function startServer(args: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./ack-server.ts', import.meta.url)), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`ack-server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

let burstNo = 0;

/** One burst: CONCURRENCY signed commands from as many users, all sent at once. Returns the ack p99 (ms). */
async function burst(url: string, slack: SlackFake, trial: string, expectAnswers = false): Promise<number> {
  burstNo += 1;
  const requests = Array.from({ length: CONCURRENCY }, (_, i) =>
    signedCommand({
      command: '/plan',
      text: QUESTION,
      // A fresh user per question: the per-user question rate limit must not kick in.
      user_id: `UB${String(burstNo).padStart(3, '0')}X${String(i).padStart(4, '0')}`,
      response_url: slack.responseUrl(`${trial}-${i}`),
    }),
  );
  const before = slack.callsTo('response_url').length;
  const results = await Promise.all(requests.map((r) => post(url, r)));
  const bad = results.filter((r) => r.status !== 200);
  if (bad.length > 0) throw new Error(`ack bench: ${bad.length} of ${CONCURRENCY} requests got HTTP ${bad[0]!.status}`);
  if (expectAnswers) {
    // Let the work that follows the acks finish before the next burst, and make sure the app really
    // answered every question (not refused them), or the figure would mean nothing.
    const answered = () => slack.callsTo('response_url').slice(before).filter((c) => c.raw.includes('元気アップ会議')).length;
    const deadline = Date.now() + 60_000;
    while (answered() < CONCURRENCY && Date.now() < deadline) await sleep(20);
    if (answered() < CONCURRENCY) throw new Error(`ack bench: the app answered ${answered()} of ${CONCURRENCY} questions`);
  }
  await settle(() => slack.calls.length);
  return percentile(
    results.map((r) => r.ms),
    99,
  );
}

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const slack = await startSlackFake();
  const [app, bare] = await Promise.all([startServer(['real', redis.url, slack.apiUrl]), startServer(['bare', slack.apiUrl])]);
  try {
    for (let i = 0; i < WARMUP; i++) {
      await burst(bare.url, slack, `wb${i}`);
      await burst(app.url, slack, `wa${i}`, true);
    }
    const appP99: number[] = [];
    const bareP99: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      // Alternate which goes first, so neither always runs on a warmer process.
      const first = i % 2 === 0;
      const b1 = first ? await burst(bare.url, slack, `b${i}`) : undefined;
      const a = await burst(app.url, slack, `a${i}`, true);
      const b = b1 ?? (await burst(bare.url, slack, `b${i}`));
      appP99.push(a);
      bareP99.push(b);
      ratios.push(a / b);
      slack.calls.length = 0;
      await sleep(50);
    }
    const figures: Figure[] = [
      { name: 'ack_p99_ms', value: round(median(appP99)), unit: 'ms' },
      { name: 'ack_p99_ms_bare_bolt', value: round(median(bareP99)), unit: 'ms' },
      { name: 'ack_ratio', value: round(median(ratios), 3), unit: 'ratio' },
    ];
    return figures;
  } finally {
    await bare.stop();
    await app.stop();
    await slack.stop();
    await redis.stop();
  }
};

export default bench;
