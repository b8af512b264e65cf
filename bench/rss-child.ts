import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createModelClient } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/infra/logger.js';
import { createPlanAnswerer } from '../src/plan/answerer.js';
import type { ConversationTurn } from '../src/plan/types.js';
import { QUESTIONS } from './retrieval.js';

// Goes away with the benchmark that started it, even when that one is killed.
process.stdin.on('end', () => process.exit(0)).resume();

/**
 * Child process of bench/rss.ts (a fresh heap, nothing else allocated before): puts WARMUP and
 * then QUESTIONS_COUNT questions through the production answerer (createPlanAnswerer with the
 * app's own model client) against the loopback OpenAI fake that bench/rss.ts runs in its own
 * process (as the model is outside the bot's process in production), streaming half and giving some
 * a thread history, and prints {"cold", "before", "after"} RSS bytes (start, after the warm-up, after the
 * questions), each after full GCs. bench/rss.ts starts it with the V8 flags of `npm start`.
 */

/**
 * The first ~10,000 answers size the heap and the allocator's pools (V8's old and young
 * generations, fetch/undici buffers): RSS climbs ~200 MB, then stays flat (measured without forced
 * GCs: 375 MB at 11,000 questions and 375 MB at 25,000). That high-water mark is not a leak, so
 * the measured window starts after it; rss_start_mb and rss_end_mb report the absolute figures.
 */
const WARMUP = 10_000;
const QUESTIONS_COUNT = 10_000;
const CONCURRENCY = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledRss(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const baseUrl = process.argv[2];
  if (!baseUrl) throw new Error('usage: rss-child.ts <OPENAI_BASE_URL>');
  const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: baseUrl });
  const answerer = createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger: silentLogger });

  let n = 0;
  const ask = async (i: number) => {
    const question = `${QUESTIONS[i % QUESTIONS.length]!}（${i}）`;
    const history: ConversationTurn[] | undefined =
      i % 3 === 0 ? [{ role: 'user', content: `前の質問 ${i}` }, { role: 'assistant', content: `前の答え ${i}` }] : undefined;
    const a = await answerer.answer(question, { history, onDelta: i % 2 === 0 ? () => undefined : undefined });
    if (!a.answer) throw new Error('empty answer');
    n += 1;
  };
  const run = async (count: number, offset: number) => {
    for (let i = 0; i < count; i += CONCURRENCY) {
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count - i) }, (_, j) => ask(offset + i + j)));
    }
  };

  const cold = settledRss();
  await run(WARMUP, 0);
  const before = settledRss();
  await run(QUESTIONS_COUNT, WARMUP);
  const after = settledRss();
  process.stdout.write(JSON.stringify({ cold, before, after, questions: n - WARMUP }) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
