/**
 * npm run eval                     per-category tables, dev, holdout and test, ours and the baseline
 * npm run eval -- --split dev      one split only
 * npm run eval -- --misses         (dev only) also lists dev questions the bot gets wrong, for tuning
 * npm run eval -- --calibrate      (dev only) the `found` thresholds that best meet both targets on dev
 *
 * Tuning looks at dev only: --misses and --calibrate refuse the holdout and test splits.
 */
import { loadPlan } from '../../../src/plan/corpus.js';
import { createRetriever } from '../../../src/plan/retrieval.js';
import { loadSplit, rows, runBaseline, runOurs, SPLITS, table, TARGETS, top1, top3, totals, type EvalItem, type Split } from './harness.js';

/**
 * Grid search of (FOUND_COVERAGE, FOUND_ABSENT) on dev, through the whole answering pipeline: the pair whose
 * worse margin over the two targets (answered − 95, refused − 90) is largest, so that neither side is bought
 * with the other (on a tie, the larger sum of both margins; then the middle of the tied plateau).
 */
async function calibrate(items: EvalItem[]): Promise<string> {
  const retriever = createRetriever(loadPlan().sections);
  const grid: { score: number; c: number; a: number; answered: number; refused: number }[] = [];
  for (let c = 0; c <= 0.6001; c += 0.05) {
    for (let a = 0.2; a <= 0.8001; a += 0.05) {
      const t = totals(rows(await runOurs(items, retriever.withThresholds({ coverage: c, absent: a }))));
      // The worse margin first; on a tie, the better sum.
      const margins = [t.answered - TARGETS.answered, t.refused - TARGETS.refused];
      grid.push({ score: Math.min(...margins) * 1000 + margins[0]! + margins[1]!, c, a, answered: t.answered, refused: t.refused });
    }
  }
  // Among equally good pairs, the one nearest their centre: the middle of the plateau, not its edge.
  const top = Math.max(...grid.map((g) => g.score));
  const tied = grid.filter((g) => g.score > top - 1e-9);
  const mid = { c: tied.reduce((n, g) => n + g.c, 0) / tied.length, a: tied.reduce((n, g) => n + g.a, 0) / tied.length };
  const best = tied.sort((x, y) => Math.hypot(x.c - mid.c, x.a - mid.a) - Math.hypot(y.c - mid.c, y.a - mid.a))[0]!;
  return `FOUND_COVERAGE = ${best.c.toFixed(2)}, FOUND_ABSENT = ${best.a.toFixed(2)} (dev: answered ${best.answered.toFixed(1)}%, refused ${best.refused.toFixed(1)}%; ${tied.length} equally good pairs)`;
}

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--split');
  const splits: Split[] = at >= 0 ? [argv[at + 1] as Split] : [...SPLITS];
  const misses = argv.includes('--misses');
  if (argv.includes('--calibrate')) {
    process.stdout.write(`${await calibrate(loadSplit('dev'))}\n`);
    return 0;
  }
  if (splits.some((s) => !SPLITS.includes(s))) {
    process.stderr.write('--split は dev・holdout・test のどれかを指定してください。\n');
    return 2;
  }
  if (misses && splits.some((s) => s !== 'dev')) {
    process.stderr.write('--misses は dev でだけ使えます（holdout と test の個々の結果は調整に使いません）。npm run eval -- --split dev --misses\n');
    return 2;
  }
  for (const split of splits) {
    const items = loadSplit(split);
    const ours = await runOurs(items);
    const base = runBaseline(items);
    const rs = rows(ours);
    const t = totals(rs);
    process.stdout.write(`\n## ${split} (${items.length} questions)\n\n${table(rs, rows(base))}\n\n`);
    process.stdout.write(
      `targets: top-1 ${t.top1.toFixed(1)}% (≥ ${TARGETS.top1}) · top-3 ${t.top3.toFixed(1)}% (≥ ${TARGETS.top3}) · ` +
        `answered ${t.answered.toFixed(1)}% (≥ ${TARGETS.answered}) · refused ${t.refused.toFixed(1)}% (≥ ${TARGETS.refused})\n`,
    );
    if (misses) {
      for (const o of ours) {
        const wrong = o.item.kind === 'in' ? !o.found || !top1(o) || !top3(o) : o.found;
        if (wrong) process.stdout.write(`  ✗ [${o.item.category}] ${o.item.q} → ${o.found ? o.cited.join(',') : 'refused'} (gold ${o.item.gold.join(',') || '—'})\n`);
      }
    }
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
