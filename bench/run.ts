import type { Bench, Figure } from './types.js';

/**
 * `npm run bench`: runs every benchmark and prints one JSON object per line:
 * {"name": …, "value": …, "unit": …}. Add a benchmark by adding it to this list.
 */
const benches: [string, () => Promise<{ default: Bench }>][] = [
  ['signup', () => import('./signup.js')],
  ['cluster', () => import('./cluster.js')],
  ['retrieval', () => import('./retrieval.js')],
  ['ack', () => import('./ack.js')],
  ['answer-overhead', () => import('./answer-overhead.js')],
  ['rss', () => import('./rss.js')],
  ['lifecycle', () => import('./lifecycle.js')],
  ['report', () => import('./report.js')],
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, load] of benches) {
    if (only && !name.includes(only)) continue;
    const bench = (await load()).default;
    const result = bench();
    const figures: AsyncIterable<Figure> | Figure[] = result instanceof Promise ? await result : result;
    for await (const f of figures) process.stdout.write(JSON.stringify(f) + '\n');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
