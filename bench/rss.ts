import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { planReply, startOpenAIFake } from '../test/helpers/openai-fake.js';
import { round } from './stats.js';
import type { Bench } from './types.js';

/**
 * rss_growth_mb: how much the resident set grows over 10,000 questions through the answerer,
 * measured in a fresh child process (bench/rss-child.ts) after a 10,000-question warm-up (the
 * allocator's high-water mark; see rss-child.ts), between two
 * fully garbage-collected points. rss_start_mb / rss_end_mb give the absolute resident set.
 */
/**
 * The node flags `npm start` gives the bot (--max-semi-space-size=16: without it Node 24 lets the
 * young generation grow to ~130 MB under a steady stream of answers), so the figure is the bot's
 * as it runs in production.
 */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((a) => /^--[a-z-]+=\S+$/.test(a));
}

const bench: Bench = async () => {
  const ai = await startOpenAIFake();
  let n = 0;
  ai.handle(() => {
    // The fake's own request log is not the bot's memory (nor this process's concern).
    if (++n % 100 === 0) ai.reset();
    return {
      content: planReply({
        citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
        found: true,
        answer: `元気アップ会議は若手職員を中心とする会議です（${n}）。`,
      }),
    };
  });
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', fileURLToPath(new URL('./rss-child.ts', import.meta.url)), ai.baseUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await ai.stop();
  if (code !== 0) throw new Error(`rss-child exited with ${code}`);
  const line = out.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`rss-child printed nothing: ${out}`);
  const r = JSON.parse(line) as { cold: number; before: number; after: number; questions: number };
  if (r.questions < 10_000) throw new Error(`rss-child answered only ${r.questions} questions`);
  const mb = (bytes: number) => round(bytes / (1024 * 1024));
  return [
    { name: 'rss_growth_mb', value: mb(r.after - r.before), unit: 'MB' },
    // For the record: the resident set at start and at the end (young generation sizing included).
    { name: 'rss_start_mb', value: mb(r.cold), unit: 'MB' },
    { name: 'rss_end_mb', value: mb(r.after), unit: 'MB' },
  ];
};

export default bench;
