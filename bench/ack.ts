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
 * ack_p99_ms_bare_own_receiver: the same against a bare Bolt App on the bot's own receiver
 * (src/slack/http-receiver.ts), to show apart what the receiver saves and what the bot adds.
 * The apps and the Slack fake each run in a child process of their own, so this process only
 * generates load and times it, and no server shares another's event loop (as in production).
 * The app is compared with each bare app in turn, each comparison after its own warm-up bursts
 * (trials alternating which goes first); each figure is the median of the trials' p99s, and
 * each ratio the median of the per-trial ratios.
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

/**
 * WARMUP pairs of bursts (not counted), then TRIALS pairs, alternating which of the two goes
 * first so neither always runs on a warmer process. Returns the median p99 of each and the
 * median of the per-trial ratios a/b.
 */
async function compare(a: string, b: string, slack: Slack, label: string): Promise<{ a: number; b: number; ratio: number }> {
  const pa: number[] = [];
  const pb: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < WARMUP; i++) {
    await burst(b, slack, `${label}wb${i}`);
    await burst(a, slack, `${label}wa${i}`, true);
  }
  for (let i = 0; i < TRIALS; i++) {
    const bFirst = i % 2 === 0 ? await burst(b, slack, `${label}b${i}`) : undefined;
    const ta = await burst(a, slack, `${label}a${i}`, true);
    const tb = bFirst ?? (await burst(b, slack, `${label}b${i}`));
    pa.push(ta);
    pb.push(tb);
    ratios.push(ta / tb);
    if (process.env.BENCH_VERBOSE) console.error(`${label} trial ${i}: app ${ta.toFixed(1)} vs ${tb.toFixed(1)}`);
  }
  return { a: median(pa), b: median(pb), ratio: median(ratios) };
}

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const slackChild = await startChild<Slack>('./slack-fake-server.ts', []);
  const slack = slackChild.ready;
  const children = await Promise.all([
    startChild<{ url: string }>('./app-server.ts', ['real', redis.url, slack.apiUrl]),
    startChild<{ url: string }>('./app-server.ts', ['bare', slack.apiUrl]),
    startChild<{ url: string }>('./app-server.ts', ['bare-own-receiver', slack.apiUrl]),
  ]);
  const [app, bare, bareOwn] = children.map((c) => c.ready.url) as [string, string, string];
  try {
    const vsBolt = await compare(app, bare, slack, 'bolt');
    // For the record: the app against a bare Bolt app on the bot's own receiver, i.e. what the
    // bot's listeners, middleware and work cost on top of the receiver (README, "About ack_ratio").
    const vsOwn = await compare(app, bareOwn, slack, 'own');
    const figures: Figure[] = [
      { name: 'ack_p99_ms', value: round(vsBolt.a), unit: 'ms' },
      { name: 'ack_p99_ms_bare_bolt', value: round(vsBolt.b), unit: 'ms' },
      { name: 'ack_ratio', value: round(vsBolt.ratio, 3), unit: 'ratio' },
      { name: 'ack_p99_ms_bare_own_receiver', value: round(vsOwn.b), unit: 'ms' },
      { name: 'ack_ratio_own_receiver', value: round(vsOwn.ratio, 3), unit: 'ratio' },
    ];
    return figures;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await slackChild.stop();
    await redis.stop();
  }
};

export default bench;
