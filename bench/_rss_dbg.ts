import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createModelClient } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/infra/logger.js';
import { createPlanAnswerer } from '../src/plan/answerer.js';
import type { ConversationTurn } from '../src/plan/types.js';
import { planReply, startOpenAIFake } from '../test/helpers/openai-fake.js';
import { QUESTIONS } from './retrieval.js';

/**
 * Child process of bench/rss.ts (a fresh heap, nothing else allocated before): puts WARMUP and
 * then QUESTIONS_COUNT questions through the production answerer (createPlanAnswerer with the
 * app's own model client) against a loopback OpenAI fake, streaming half of them and giving some
 * a thread history, and prints {"cold", "before", "after"} RSS bytes (start, after the warm-up, after the
 * questions), each after full GCs. bench/rss.ts starts it with the V8 flags of `npm start`.
 */

const WARMUP = 1_000;
const QUESTIONS_COUNT = 10_000;
const CONCURRENCY = 20;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledRss(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const ai = await startOpenAIFake();
  ai.handle((req) => ({
    content: planReply({
      citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
      found: true,
      answer: `元気アップ会議は若手職員を中心とする会議です（${String(req.body.messages?.length ?? 0)}）。`,
    }),
  }));
  const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: ai.baseUrl });
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
      ai.reset(); // the fake's own request log is not the bot's memory
    }
  };

  const cold = settledRss();
  await run(WARMUP, 0);
  const before = settledRss();
  await run(QUESTIONS_COUNT, WARMUP);
  const after = settledRss(); { const m = process.memoryUsage(); console.error("rss", Math.round(m.rss/1e6), "heapTotal", Math.round(m.heapTotal/1e6), "used", Math.round(m.heapUsed/1e6), "ext", Math.round(m.external/1e6)); const { getHeapSpaceStatistics } = await import("node:v8"); for (const sp of getHeapSpaceStatistics()) if (sp.space_size > 1e6) console.error(sp.space_name, Math.round(sp.space_size/1e6), Math.round(sp.space_used_size/1e6)); }
  await ai.stop();
  process.stdout.write(JSON.stringify({ cold, before, after, questions: n - WARMUP }) + '\n');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
