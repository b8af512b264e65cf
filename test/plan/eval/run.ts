/**
 * npm run eval                     per-category tables, dev, holdout and test…test16, ours and the baseline
 *                                  (a sealed split, harness SEALED, only when named: --split <name>)
 * npm run eval -- --split dev      one split only
 * npm run eval -- --misses         (dev only) also lists dev questions the bot gets wrong, for tuning
 * npm run eval -- --split dev --dump F.json
 *                                  (dev only) writes every dev outcome to F.json; `python3 writers/diff.py A B`
 *                                  then lists the dev questions a change turned right or wrong
 * npm run eval -- --calibrate      (dev only) fits the `found` decision on dev (calibrate.ts)
 * npm run eval -- --bank           writes prompts/question-bank.json from dev (bank.ts)
 * npm run eval -- --file W.json    a new writer's file, before it joins dev: how the bot does on questions it has
 *                                  never seen (totals; --dump F.json for diff.py, only for a file bound for dev)
 *
 * Tuning looks at dev only: --misses and --calibrate refuse the holdout and test splits.
 */
import { writeFileSync } from 'node:fs';
import { writeBank } from './bank.js';
import { calibrate } from './calibrate.js';
import { loadItems, loadSplit, rows, runBaseline, runOurs, SEALED, SPLITS, table, TARGETS, top1, top3, totals, type Split } from './harness.js';

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--split');
  const splits: Split[] = at >= 0 ? [argv[at + 1] as Split] : [...SPLITS];
  const misses = argv.includes('--misses');
  if (argv.includes('--bank')) {
    process.stdout.write(`${writeBank(loadSplit('dev'))}\n`);
    return 0;
  }
  if (argv.includes('--calibrate')) {
    process.stdout.write(`${await calibrate(loadSplit('dev'))}\n`);
    return 0;
  }
  const dumpAt = argv.indexOf('--dump');
  const dump = dumpAt >= 0 ? argv[dumpAt + 1] : undefined;
  const file = argv.indexOf('--file');
  if (file >= 0) {
    const path = argv[file + 1];
    if (!path) {
      process.stderr.write('--file には書き手のファイル（JSON）のパスを指定してください。\n');
      return 2;
    }
    const ours = await runOurs(loadItems(path));
    process.stdout.write(`${path}: ${targetsLine(totals(rows(ours)))}\n`);
    if (dump) writeDump(dump, ours);
    return 0;
  }
  if (splits.some((s) => !SPLITS.includes(s) && !SEALED.includes(s))) {
    process.stderr.write('--split は dev・holdout・test・test2〜test16 のどれかを指定してください。\n');
    return 2;
  }
  if ((misses || dumpAt >= 0) && splits.some((s) => s !== 'dev')) {
    process.stderr.write('--misses と --dump は dev でだけ使えます（holdout と test の個々の結果は調整に使いません）。npm run eval -- --split dev --misses\n');
    return 2;
  }
  for (const split of splits) {
    const items = loadSplit(split);
    const ours = await runOurs(items, { leaveWritersOut: split === 'dev' });
    const base = runBaseline(items);
    const rs = rows(ours);
    const t = totals(rs);
    process.stdout.write(`\n## ${split} (${items.length} questions)\n\n${table(rs, rows(base))}\n\n`);
    process.stdout.write(`${targetsLine(t)}\n`);
    if (dump) writeDump(dump, ours);
    if (misses) {
      for (const o of ours) {
        const wrong = o.item.kind === 'in' ? !o.found || !top1(o) || !top3(o) : o.found;
        if (wrong) process.stdout.write(`  ✗ [${o.item.category}] ${o.item.q} → ${o.found ? o.cited.join(',') : 'refused'} (gold ${o.item.gold.join(',') || '—'})\n`);
      }
    }
  }
  return 0;
}

/** Each question's result, for diff.py (dev, or a writer's file before it joins dev). */
function writeDump(path: string, ours: Awaited<ReturnType<typeof runOurs>>): void {
  writeFileSync(path, JSON.stringify(ours.map((o) => ({ id: o.item.id, q: o.item.q, category: o.item.category, kind: o.item.kind, gold: o.item.gold, cited: o.cited, found: o.found, top1: top1(o), top3: top3(o) }))));
}

function targetsLine(t: ReturnType<typeof totals>): string {
  return (
    `targets: top-1 ${t.top1.toFixed(1)}% (≥ ${TARGETS.top1}) · top-3 ${t.top3.toFixed(1)}% (≥ ${TARGETS.top3}) · ` +
    `answered ${t.answered.toFixed(1)}% (≥ ${TARGETS.answered}) · refused ${t.refused.toFixed(1)}% (≥ ${TARGETS.refused})`
  );
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
