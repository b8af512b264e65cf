import { startRedisServer } from '../src/infra/redis-server.js';
import { signedCommand } from '../test/helpers/slack-requests.js';
import { median, percentile, round, sleep } from './stats.js';
import { startChild } from './children.js';
import { postTimed, slackStats as stats, type SlackFakeUrls as Slack } from './loopback.js';
import type { Bench, Figure } from './types.js';

/**
 * ack_p99_ms: 200 concurrent signed `/plan` slash commands on loopback against the real app in
 * HTTP mode (private redis-server, loopback Slack fake, no model key: extractive answers).
 * ack_p99_ms_bare_bolt: the same burst against a bare Bolt App (HTTPReceiver) that only acks.
 * The app, the bare app and the Slack fake each run in a child process of their own, so this
 * process only generates load and times it, and no server shares another's event loop (as in
 * production). Trials alternate between the two after warm-up bursts; each figure is the median
 * of the trials' p99s, and ack_ratio is the median of the per-trial ratios.
 */

const CONCURRENCY = 200;
const WARMUP = 4;
const TRIALS = 21;
const QUESTION = '元気アップ会議とは？';

let burstNo = 0;

/** One burst: CONCURRENCY signed commands from as many users, all sent at once. Returns the ack p99 (ms). */
async function burst(url: string, slack: Slack, trial: string, expectAnswers = false): Promise<number> {
  burstNo += 1;
  const requests = Array.from({ length: CONCURRENCY }, (_, i) =>
    signedCommand({
      command: '/plan',
      text: QUESTION,
      // A fresh user per question: the per-user question rate limit must not kick in.
      user_id: `UB${String(burstNo).padStart(3, '0')}X${String(i).padStart(4, '0')}`,
      response_url: `${slack.baseUrl}/respond/${trial}-${i}`,
    }),
  );
  const before = (await stats(slack)).answers;
  const results = await Promise.all(requests.map((r) => postTimed(url, r)));
  const bad = results.filter((r) => r.status !== 200);
  if (bad.length > 0) throw new Error(`ack bench: ${bad.length} of ${CONCURRENCY} requests got HTTP ${bad[0]!.status}`);
  if (expectAnswers) {
    // Let the work that follows the acks finish before the next burst, and make sure the app really
    // answered every question (not refused them), or the figure would mean nothing.
    let answered = 0;
    const deadline = Date.now() + 60_000;
    while ((answered = (await stats(slack)).answers - before) < CONCURRENCY && Date.now() < deadline) await sleep(50);
    if (answered < CONCURRENCY) throw new Error(`ack bench: the app answered ${answered} of ${CONCURRENCY} questions`);
  }
  // Let whatever follows the acks settle before the next burst.
  const settleBy = Date.now() + 15_000;
  let calls = -1;
  for (let now = (await stats(slack)).calls; now !== calls && Date.now() < settleBy; now = (await stats(slack)).calls) {
    calls = now;
    await sleep(150);
  }
  return percentile(
    results.map((r) => r.ms),
    99,
  );
}

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const slackChild = await startChild<Slack>('./slack-fake-server.ts', []);
  const slack = slackChild.ready;
  const [appChild, bareChild] = await Promise.all([
    startChild<{ url: string }>('./app-server.ts', ['real', redis.url, slack.apiUrl]),
    startChild<{ url: string }>('./app-server.ts', ['bare', slack.apiUrl]),
  ]);
  const [app, bare] = [appChild.ready, bareChild.ready];
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
      if (process.env.BENCH_VERBOSE) console.error(`trial ${i}: app ${a.toFixed(1)} bare ${b.toFixed(1)}`);
      await sleep(50);
    }
    const figures: Figure[] = [
      { name: 'ack_p99_ms', value: round(median(appP99)), unit: 'ms' },
      { name: 'ack_p99_ms_bare_bolt', value: round(median(bareP99)), unit: 'ms' },
      { name: 'ack_ratio', value: round(median(ratios), 3), unit: 'ratio' },
    ];
    return figures;
  } finally {
    await bareChild.stop();
    await appChild.stop();
    await slackChild.stop();
    await redis.stop();
  }
};

export default bench;
