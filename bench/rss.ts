import { startRedisServer } from '../src/infra/redis-server.js';
import { planReply, startOpenAIFake } from '../test/helpers/openai-fake.js';
import { BOT_USER_ID } from '../test/helpers/slack-fake.js';
import { signedCommand, signedEvent, type SignedRequest } from '../test/helpers/slack-requests.js';
import { startChild } from './children.js';
import { postTimed, slackStats, type SlackFakeUrls } from './loopback.js';
import { round, sleep } from './stats.js';
import type { Bench } from './types.js';

/**
 * rss_steady_mb: the whole bot's resident set after 10,000 questions (after the warm-up below), analyzer loaded.
 * rss_growth_mb: how much the whole bot's resident set grows over 10,000 questions.
 *
 * The real app runs in a child process of its own (bench/app-server.ts: HTTP mode, `npm start`'s
 * node flags and environment, private redis-server), with the Slack fake in another child and
 * the OpenAI fake (streamed answers with a verified citation) in this process. Questions arrive 20 at a time as
 * signed requests, each from a different person (so the per-person limit never refuses one):
 * half as `/plan`, half as mentions in 50 channels, a third of those as follow-ups in a thread
 * (so thread history is read and written). Every question must really be answered.
 *
 * The first WARMUP questions grow the process to its working size, so the growth figure is taken
 * over the QUESTIONS after that, between two points taken after full garbage collections;
 * rss_start_mb (just after start) and rss_steady_mb give the absolute resident set beside it.
 * What the warm-up grew, before the node flags and malloc setting of `npm start` (measured with
 * BENCH_VERBOSE=1, which prints where the memory is: bench/memory-map.ts): heap pages that V8 keeps
 * in its page pool after a full GC (+140 MB; handed back only by memory-reducing GCs, which a busy
 * process never gets) and glibc's malloc heap (+40 MB). docs/benchmarks.md has the figures.
 */

const WARMUP = 10_000;
const QUESTIONS = 10_000;
const CONCURRENCY = 20;
const CHANNELS = 50;

interface Memory {
  rss: number;
  heapUsed: number;
}

/** The i-th question, as Slack would deliver it. */
function question(i: number, slack: SlackFakeUrls, threads: Map<string, string>): SignedRequest {
  const user = `URSS${String(i).padStart(6, '0')}`;
  if (i % 2 === 0) {
    return signedCommand({ command: '/plan', text: `元気アップ会議とは？（${i}）`, user_id: user, response_url: `${slack.baseUrl}/respond/rss-${i}` });
  }
  const channel = `CRSS${String(i % CHANNELS).padStart(3, '0')}`;
  const ts = `1700${String(100_000 + i)}.000100`;
  const thread = i % 3 === 0 ? threads.get(channel) : undefined;
  if (!thread) threads.set(channel, ts);
  return signedEvent({ type: 'app_mention', user, channel, ts, ...(thread ? { thread_ts: thread } : {}), text: `<@${BOT_USER_ID}> 元気アップ会議の役割は？（${i}）` });
}

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const ai = await startOpenAIFake();
  let n = 0;
  ai.handle(() => {
    // The fake's own request log is not the bot's memory (nor this process's concern).
    if (++n % 100 === 0) ai.reset();
    return {
      chunkChars: 40,
      content: planReply({
        citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
        found: true,
        answer: `元気アップ会議は、各職場から選出された若手職員を中心とする会議です（${n}）。`,
      }),
    };
  });
  const slackChild = await startChild<SlackFakeUrls>('./slack-fake-server.ts', []);
  const slack = slackChild.ready;
  const app = await startChild<{ url: string }>('./app-server.ts', ['real', redis.url, slack.apiUrl, ai.baseUrl]);
  const threads = new Map<string, string>();
  let asked = 0;
  /** Puts `count` questions through the bot, at most CONCURRENCY waiting for their answer at a time. */
  const run = async (count: number) => {
    const base = (await slackStats(slack)).answers;
    const answered = async () => (await slackStats(slack)).answers - base;
    for (let sent = 0; sent < count; ) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, count - sent) }, () => question(asked++, slack, threads));
      const results = await Promise.all(batch.map((r) => postTimed(app.ready.url, r)));
      const bad = results.find((r) => r.status !== 200);
      if (bad) throw new Error(`rss bench: HTTP ${bad.status}`);
      sent += batch.length;
      while ((await answered()) < sent - CONCURRENCY) await sleep(2);
    }
    const deadline = Date.now() + 60_000;
    while ((await answered()) < count && Date.now() < deadline) await sleep(20);
    const missing = count - (await answered());
    if (missing > 0) throw new Error(`rss bench: ${missing} of ${count} questions were not answered`);
  };
  try {
    const verbose = async (label: string, command: string) => {
      if (process.env.BENCH_VERBOSE) console.error(`rss: ${label} ${JSON.stringify(await app.ask(command))}`);
    };
    const start = await app.ask<Memory>('mem');
    await verbose('map at start (MB)', 'map');
    await run(WARMUP);
    const before = await app.ask<Memory>('mem');
    await run(QUESTIONS);
    const after = await app.ask<Memory>('mem');
    if (process.env.BENCH_VERBOSE) console.error(`rss: start ${JSON.stringify(start)} before ${JSON.stringify(before)} after ${JSON.stringify(after)}`);
    await verbose('map after (MB)', 'map');
    // For the record only (after the figures): what V8's last-resort collection gives back.
    await verbose('after a last-resort GC', 'release');
    await verbose('map after a last-resort GC (MB)', 'map');
    const mb = (bytes: number) => round(bytes / (1024 * 1024));
    return [
      { name: 'rss_steady_mb', value: mb(after.rss), unit: 'MB' },
      { name: 'rss_growth_mb', value: mb(after.rss - before.rss), unit: 'MB' },
      { name: 'rss_start_mb', value: mb(start.rss), unit: 'MB' },
      { name: 'heap_used_growth_mb', value: mb(after.heapUsed - before.heapUsed), unit: 'MB' },
    ];
  } finally {
    await app.stop();
    await slackChild.stop();
    await ai.stop();
    await redis.stop();
  }
};

export default bench;
