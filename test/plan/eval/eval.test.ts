/**
 * The evaluation set is sound, and the bot holds its measured level on the TEST split (written outside the project and
 * never tuned on; constants, synonyms and weights were tuned on dev only). `npm run eval` prints the tables.
 */
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/plan/corpus.js';
import { compactForMatch } from '../../../src/plan/normalize.js';
import { loadSplit, rows, runBaseline, runOurs, table, TARGETS, totals } from './harness.js';

const plan = loadPlan();
const dev = loadSplit('dev');
const holdout = loadSplit('holdout');
const test = loadSplit('test');

describe('evaluation set', () => {
  it('is big enough on both sides, and the splits share no question', () => {
    const all = [...dev, ...holdout, ...test];
    expect(all.filter((i) => i.kind === 'in').length).toBeGreaterThanOrEqual(200);
    expect(all.filter((i) => i.kind === 'off').length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(new Set(all.map((i) => i.q)).size).toBe(all.length);
    // Every category of the new set is in every split.
    const categories = (items: typeof dev) => [...new Set(items.filter((i) => !i.category.includes('legacy')).map((i) => i.category))].sort();
    expect(categories(test)).toEqual(categories(dev));
    expect(categories(holdout)).toEqual(categories(dev));
  });

  it('names real sections, and every evidence string occurs in its gold section’s own text', () => {
    for (const item of [...dev, ...holdout, ...test]) {
      expect(item.kind === 'off' ? item.gold.length === 0 : item.gold.length > 0, item.id).toBe(true);
      const pairs = [item, ...(item.parts ?? [])];
      for (const p of pairs) {
        for (const id of p.gold) expect(plan.byId.has(id), `${item.id}: ${id}`).toBe(true);
        expect(p.evidence.length === 0 || p.evidence.length === p.gold.length, item.id).toBe(true);
        p.evidence.forEach((e, k) => {
          const own = compactForMatch(plan.byId.get(p.gold[k]!)!.text);
          expect(own.includes(compactForMatch(e)), `${item.id}: 「${e}」 in ${p.gold[k]}`).toBe(true);
        });
      }
    }
  });
});

describe('the test split', async () => {
  const ours = rows(await runOurs(test));
  const t = totals(ours);

  it('prints its table (ours and the baseline)', () => {
    console.log(`test split (${test.length} questions)\n${table(ours, rows(runBaseline(test)))}`);
  });

  // The targets (TARGETS: top-1 ≥ 90, top-3 ≥ 98, answered ≥ 95, refused ≥ 90) are NOT met yet on this split.
  // Until they are, this gate holds the last measured level (docs/evaluation.md), so a change that makes keyless
  // answers worse fails here. The floor is the report run's level less one question on each side (0.8 points of
  // 125 in-plan questions, 2.1 of 48 off-plan: a one-question swing is noise, not a regression). When a change made
  // on dev (and checked on holdout) moves the figures, the floor is reset that way after the next report run and the
  // move is recorded in docs/evaluation.md; never tune on this split.
  const FLOOR = { top1: 76, top3: 77, answered: 83, refused: 87 } as const;

  it(`holds the measured level (top-1 ≥ ${FLOOR.top1}%, top-3 ≥ ${FLOOR.top3}%; targets ${TARGETS.top1}% / ${TARGETS.top3}%)`, () => {
    expect(t.top1).toBeGreaterThanOrEqual(FLOOR.top1);
    expect(t.top3).toBeGreaterThanOrEqual(FLOOR.top3);
  });

  it(`answers ≥ ${FLOOR.answered}% of in-plan and refuses ≥ ${FLOOR.refused}% of off-plan (targets ${TARGETS.answered}% / ${TARGETS.refused}%)`, () => {
    expect(t.answered).toBeGreaterThanOrEqual(FLOOR.answered);
    expect(t.refused).toBeGreaterThanOrEqual(FLOOR.refused);
  });
});
