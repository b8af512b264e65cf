/**
 * The evaluation set is sound, and the bot meets the targets on the TEST split (written outside the project and
 * never tuned on; constants, synonyms and weights were tuned on dev only). `npm run eval` prints the tables.
 */
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/plan/corpus.js';
import { compactForMatch } from '../../../src/plan/normalize.js';
import { loadSplit, rows, runBaseline, runOurs, table, TARGETS, totals } from './harness.js';

const plan = loadPlan();
const dev = loadSplit('dev');
const test = loadSplit('test');

describe('evaluation set', () => {
  it('is big enough on both sides, and the two splits share no question', () => {
    const all = [...dev, ...test];
    expect(all.filter((i) => i.kind === 'in').length).toBeGreaterThanOrEqual(200);
    expect(all.filter((i) => i.kind === 'off').length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    const devQuestions = new Set(dev.map((i) => i.q));
    expect(test.filter((i) => devQuestions.has(i.q))).toEqual([]);
    // Every category of the new set is in both splits.
    const categories = (items: typeof dev) => new Set(items.filter((i) => !i.category.includes('legacy')).map((i) => i.category));
    expect([...categories(test)].sort()).toEqual([...categories(dev)].sort());
  });

  it('names real sections, and every evidence string occurs in its gold section’s own text', () => {
    for (const item of [...dev, ...test]) {
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

  it(`meets the targets: top-1 ≥ ${TARGETS.top1}%, top-3 ≥ ${TARGETS.top3}%`, () => {
    expect(t.top1).toBeGreaterThanOrEqual(TARGETS.top1);
    expect(t.top3).toBeGreaterThanOrEqual(TARGETS.top3);
  });

  it(`answers ≥ ${TARGETS.answered}% of in-plan questions and refuses ≥ ${TARGETS.refused}% of off-plan ones`, () => {
    expect(t.answered).toBeGreaterThanOrEqual(TARGETS.answered);
    expect(t.refused).toBeGreaterThanOrEqual(TARGETS.refused);
  });
});
