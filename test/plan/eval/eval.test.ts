/**
 * The evaluation set is sound, and the bot holds its measured level on the report splits (test, test2 … test16, written
 * outside the project and never tuned on; constants, synonyms and weights were tuned on dev only). `npm run eval`
 * prints the tables.
 */
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../../src/plan/corpus.js';
import { compactForMatch } from '../../../src/plan/normalize.js';
import { loadQuestionBank } from '../../../src/plan/question-bank.js';
import { bankFrom } from './bank.js';
import { defaultRetriever, leavingWritersOut, loadSplit, rows, runBaseline, runOurs, table, TARGETS, totals, type Split } from './harness.js';

const plan = loadPlan();
const dev = loadSplit('dev');
const holdout = loadSplit('holdout');
const test = loadSplit('test');
const test2 = loadSplit('test2');
const test3 = loadSplit('test3');
const test4 = loadSplit('test4');
const test5 = loadSplit('test5');
const test6 = loadSplit('test6');
const test7 = loadSplit('test7');
const test8 = loadSplit('test8');
const test9 = loadSplit('test9');
const test10 = loadSplit('test10');
const test11 = loadSplit('test11');
const test12 = loadSplit('test12');
const test13 = loadSplit('test13');
const test14 = loadSplit('test14');
const test15 = loadSplit('test15');
const test16 = loadSplit('test16');
// Sealed, never run (harness SEALED): only its soundness is checked here.
const test17 = loadSplit('test17');
const reportSplits = [holdout, test, test2, test3, test4, test5, test6, test7, test8, test9, test10, test11, test12, test13, test14, test15, test16, test17];

describe('evaluation set', () => {
  it('is big enough on both sides, and the splits share no question', () => {
    const all = [dev, ...reportSplits].flat();
    expect(all.filter((i) => i.kind === 'in').length).toBeGreaterThanOrEqual(200);
    expect(all.filter((i) => i.kind === 'off').length).toBeGreaterThanOrEqual(60);
    expect(new Set(all.map((i) => i.id)).size).toBe(all.length);
    expect(new Set(all.map((i) => i.q)).size).toBe(all.length);
    // Every category of the new set is in every split.
    const categories = (items: typeof dev) => [...new Set(items.filter((i) => !i.category.includes('legacy')).map((i) => i.category))].sort();
    for (const split of reportSplits) expect(categories(split)).toEqual(categories(dev));
  });

  it('scores a dev writer with their own questions left out of the bank', () => {
    const entries = loadQuestionBank();
    const own = entries.filter((e) => e.group === 'wCF').length;
    expect(own).toBeGreaterThan(0);
    expect(leavingWritersOut(defaultRetriever())({ ...dev[0]!, id: 'wCF001' }).bank.size).toBe(entries.length - own);
  });

  it('feeds the question bank from dev only: prompts/question-bank.json is exactly what dev gives', () => {
    // (Two writers may still word a question alike: 区長表彰ってどんな人がもらえるの？ is in dev and in test2.)
    expect(loadQuestionBank()).toEqual(bankFrom(dev));
  });

  it('names real sections, and every evidence string occurs in its gold section’s own text', () => {
    for (const item of [dev, ...reportSplits].flat()) {
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

describe('what office Slack wraps a question in', () => {
  // Dev questions, each answered as asked and with the wrapping: the same found and first source.
  const japanese = dev.filter((i) => /[\p{Script=Han}\p{Script=Hiragana}]/u.test(i.q)).filter((_, k) => k % 23 === 0).slice(0, 300);
  const english = dev.filter((i) => /^[\x20-\x7e]+$/.test(i.q)).filter((_, k) => k % 7 === 0).slice(0, 150);
  const same = async (items: typeof dev, wrap: (q: string) => string) => {
    const plain = await runOurs(items);
    const wrapped = await runOurs(items.map((i) => ({ ...i, q: wrap(i.q) })));
    expect(wrapped.map((o) => [o.found, o.cited[0]])).toEqual(plain.map((o) => [o.found, o.cited[0]]));
  };

  it('calling the bot by its name changes no answer (「みなとナビさん、…」)', () => same(japanese, (q) => `みなとナビさん、${q}`));
  it('a greeting and a closing change no answer (「お疲れ様です。総務課の山田です。…\nよろしくお願いします🙏」)', () =>
    same(japanese, (q) => `お疲れ様です。総務課の山田です。${q}\nよろしくお願いします🙏`));
  it('a tag and a laugh change no answer (「【質問】…笑」)', () => same(japanese, (q) => `【質問】${q}笑`));
  it('nor in English ("Hello team, quick question: … Cheers.")', () => same(english, (q) => `Hello team, quick question: ${q} Cheers.`));
});

/**
 * The targets (TARGETS: top-1 ≥ 90, top-3 ≥ 98, answered ≥ 95, refused ≥ 90) are met on every report split but
 * test8 (top-3 97.9, one question short) at the end of round 15 (test reached 98.4 this round). Each gate is the
 * higher of the target and the level of the last report run (docs/evaluation.md), so that a report split falling below
 * the targets fails here, and so does a change that makes keyless answers worse: the report run's figure less one
 * question on each side (a one-question swing is noise, not a regression). Where a split has not yet reached a target
 * (`short`), its floor alone holds. When a change made on dev (and checked on holdout) moves the figures, the floor is
 * reset that way after the next report run and the move is recorded in docs/evaluation.md; never tune on these splits.
 */
type Metric = 'top1' | 'top3' | 'answered' | 'refused';
const REPORTS: { split: Exclude<Split, 'dev' | 'holdout'>; items: typeof test; floor: Record<Metric, number>; short?: Metric[] }[] = [
  // Each floor: the last report run less one question per side, never lowered (a figure that fell by a question at
  // the end of a round keeps its floor; docs/evaluation.md has the history).
  // Sealed in round 14 (writers zx, zy and zz, merged unseen); first run at the start of round 15, before any change:
  // 98.8 / 99.7 / 99.1 / 97.5 (344 in-plan, 120 off-plan); the same at the end of round 15.
  { split: 'test16', items: test16, floor: { top1: 98, top3: 99, answered: 98, refused: 96 } },
  // Sealed in round 13 (writers zu, zv and zw, merged unseen); first run at the start of round 14, before any change:
  // 95.6 / 99.4 / 99.7 / 97.5 (341 in-plan, 120 off-plan); end of round 14: 95.9 / 99.4 / 99.7 / 97.5; round 15: 96.5 / 99.4 / 99.7 / 97.5.
  { split: 'test15', items: test15, floor: { top1: 96, top3: 99, answered: 99, refused: 96 } },
  // Sealed in round 12 (writers zr, zs and zt, merged unseen); first run at the start of round 13, before any change:
  // 99.1 / 99.7 / 98.8 / 100 (335 in-plan, 122 off-plan); end of round 13: 98.8 / 99.4 / 98.8 / 100; round 14: 99.1 / 99.7 / 98.8 / 100.
  { split: 'test14', items: test14, floor: { top1: 98, top3: 99, answered: 98, refused: 99 } },
  // Sealed in round 11 (writers zo, zp and zq, merged unseen); first run at the start of round 12, before any change:
  // 98.8 / 99.1 / 99.7 / 94.5 (323 in-plan, 109 off-plan); the same at the end of round 12; round 13: 98.8 / 99.1 / 99.7 / 93.6;
  // round 14: 98.8 / 99.1 / 99.7 / 94.5; round 15: 98.8 / 99.4 / 99.7 / 93.6.
  { split: 'test13', items: test13, floor: { top1: 98, top3: 99, answered: 99, refused: 93 } },
  // Sealed in round 10 (writers zl, zm and zn, merged unseen); first run at the start of round 11, before any change:
  // 98.8 / 99.4 / 98.8 / 91.7 (161 in-plan, 48 off-plan); end of round 11: 98.8 / 99.4 / 98.8 / 93.8; round 12: 98.8 / 98.8 / 98.1 / 93.8;
  // rounds 13 and 14: 98.8 / 99.4 / 98.8 / 97.9.
  { split: 'test12', items: test12, floor: { top1: 98, top3: 98, answered: 98, refused: 95 } },
  // Sealed in round 9 (writers zj and zk, merged unseen); first run at the start of round 10, before any change:
  // 98.6 / 100 / 100 / 97.8 (142 in-plan, 45 off-plan); the same at the end of round 10; round 11: 98.6 / 100 / 100 / 95.6;
  // rounds 12, 13 and 14: 98.6 / 100 / 100 / 97.8.
  { split: 'test11', items: test11, floor: { top1: 97, top3: 99, answered: 99, refused: 95 } },
  // Sealed in round 8 (writers zh and zi, merged unseen); first run at the start of round 9, before any change:
  // 97.7 / 99.4 / 100 / 100 (174 in-plan, 56 off-plan); end of round 9: 99.4 / 100 / 100 / 98.2; rounds 10 and 11: 99.4 / 100 / 100 / 100;
  // round 12: 98.9 / 100 / 100 / 100; rounds 13 and 14: 99.4 / 100 / 100 / 98.2; round 15: 98.9 / 100 / 100 / 100.
  { split: 'test10', items: test10, floor: { top1: 98, top3: 99, answered: 99, refused: 98 } },
  // Sealed in round 7 (writers zg and zf, merged unseen); first run at the start of round 8, before any change:
  // 98.2 / 99.4 / 100 / 94.2 (163 in-plan, 52 off-plan); end of round 8: 97.5 / 100 / 100 / 96.2; round 9: 99.4 / 100 / 100 / 96.2;
  // round 10: 98.8 / 100 / 100 / 96.2; round 11: 98.8 / 100 / 100 / 94.2; rounds 12, 13 and 14: 99.4 / 100 / 100 / 96.2; round 15: 98.8 / 100 / 100 / 96.2.
  { split: 'test9', items: test9, floor: { top1: 98, top3: 99, answered: 99, refused: 94 } },
  // Sealed in round 6 (writer ze, merged unseen); first run at the start of round 7, before any change:
  // 93.7 / 96.8 / 97.9 / 93.9 (95 in-plan, 33 off-plan); end of rounds 7 and 8: 92.6 / 96.8 / 97.9 / 90.9;
  // round 9: 94.7 / 96.8 / 98.9 / 93.9; rounds 10 and 11: 95.8 / 97.9 / 100 / 93.9; rounds 12, 13 and 14: 95.8 / 97.9 / 100 / 97.0;
  // round 15: 96.8 / 97.9 / 100 / 97.0.
  { split: 'test8', items: test8, floor: { top1: 95, top3: 96, answered: 98, refused: 93 }, short: ['top3'] },
  // Sealed at the end of round 5 (two writers, merged unseen); first run at the start of round 6, before any change:
  // 94.1 / 96.2 / 98.4 / 89.3 (185 in-plan, 75 off-plan); end of round 6: 94.1 / 96.2 / 98.4 / 88.0;
  // round 7: 94.6 / 96.8 / 98.4 / 88.0; round 8: 95.7 / 96.8 / 98.4 / 90.7; round 9: 96.2 / 98.4 / 98.9 / 94.7;
  // rounds 10 and 11: 98.4 / 99.5 / 99.5 / 93.3; round 12: 98.4 / 99.5 / 99.5 / 94.7; rounds 13 and 14: 98.4 / 99.5 / 99.5 / 93.3; round 15: 98.4 / 99.5 / 99.5 / 94.7.
  { split: 'test7', items: test7, floor: { top1: 97, top3: 98, answered: 98, refused: 93 } },
  // Sealed in round 5 (two writers, merged unseen), run once at its end: 98.3 / 99.4 / 99.4 / 92.5 (173 in-plan, 67 off-plan); the same at the end of rounds 6 and 7;
  // round 8: 98.8 / 99.4 / 99.4 / 92.5; round 9: 98.3 / 99.4 / 100 / 95.5; rounds 10 and 11: 98.3 / 99.4 / 100 / 97.0;
  // rounds 12, 13 and 14: 98.8 / 99.4 / 100 / 97.0.
  { split: 'test6', items: test6, floor: { top1: 98, top3: 98, answered: 99, refused: 95 } },
  // Sealed at the end of round 4; first run at the start of round 5: 93.7 / 97.1 / 98.0 / 95.8; end of round 5:
  // 96.1 / 99.5 / 99.5 / 94.4 (205 in-plan, 71 off-plan); the same at the end of round 6; round 7: 96.1 / 99.5 / 99.5 / 97.2;
  // round 8: 97.1 / 99.5 / 99.5 / 95.8; round 9: 96.1 / 99.0 / 99.0 / 95.8; rounds 10 and 11: 96.6 / 99.0 / 99.0 / 98.6;
  // round 12: 97.1 / 99.0 / 99.5 / 98.6 (the top-3 floor is its figure, 203 of 205: it was set when the figure was 204);
  // round 13: 97.1 / 99.0 / 99.5 / 100; round 14: 97.6 / 99.5 / 100 / 100; round 15: 97.1 / 99.0 / 99.5 / 100.
  { split: 'test5', items: test5, floor: { top1: 97, top3: 99, answered: 99, refused: 98 } },
  // Sealed at the start of round 4. End of round 15: 98.0 / 99.5 / 100 / 100; rounds 13 and 14: 98.5 / 99.5 / 100 / 100; round 12: 98.0 / 99.5 / 100 / 100; rounds 10 and 11: 97.0 / 99.0 / 100 / 100; round 9: 96.4 / 98.5 / 99.5 / 100; round 8: 94.4 / 98.0 / 99.0 / 98.5; round 7: 95.4 / 98.0 / 99.0 / 95.5; rounds 5 and 6: 94.4 / 97.5 / 98.5 / 95.5 (197 + 67);
  // round 4: 93.9 / 97.0 / 97.5 / 94.0.
  { split: 'test4', items: test4, floor: { top1: 97, top3: 98, answered: 99, refused: 98 } },
  // End of round 15: 96.0 / 98.4 / 100 / 93.8; rounds 12, 13 and 14: 95.2 / 96.8 / 99.2 / 93.8; rounds 9, 10 and 11: 96.0 / 96.8 / 99.2 / 93.8; round 8: 96.0 / 96.8 / 99.2 / 89.6; round 7: 95.2 / 96.8 / 98.4 / 87.5; round 6: 95.2 / 96.0 / 98.4 / 87.5 (125 + 48); round 5: 94.4 / 95.2 / 98.4 / 85.4;
  // round 4: 92.0 / 92.0 / 96.0 / 87.5; round 2: 79.2 / 80.8 / 87.2 / 89.6.
  { split: 'test', items: test, floor: { top1: 95, top3: 97, answered: 99, refused: 91 } },
  // End of rounds 8 to 14: 100 / 100 / 100 / 100 (95 + 36); rounds 5, 6 and 7: 98.9 / 100 / 100 / 100; round 4: 98.9 / 98.9 / 100 / 97.2; round 2 (sealed, run once): 89.5 / 89.5 / 95.8 / 88.9.
  { split: 'test2', items: test2, floor: { top1: 98, top3: 98, answered: 98, refused: 97 } },
  // Sealed at the start of round 3. End of rounds 14 and 15: 96.4 / 99.1 / 100 / 100; round 13: 97.3 / 99.1 / 100 / 100; rounds 11 and 12: 97.3 / 100 / 100 / 97.8; round 10: 96.4 / 100 / 100 / 97.8; round 9: 94.6 / 99.1 / 100 / 97.8; round 8: 94.6 / 98.2 / 99.1 / 93.3; round 7: 93.7 / 97.3 / 98.2 / 95.6; round 6: 94.6 / 98.2 / 99.1 / 95.6 (111 + 45);
  // round 5: 93.7 / 98.2 / 99.1 / 95.6; round 4: 91.0 / 96.4 / 97.3 / 91.1.
  { split: 'test3', items: test3, floor: { top1: 96, top3: 99, answered: 99, refused: 97 } },
];

for (const { split, items, floor: last, short = [] } of REPORTS) {
  describe(`the ${split} split`, async () => {
    const ours = rows(await runOurs(items));
    const t = totals(ours);
    const gate = (m: Metric) => (short.includes(m) ? last[m] : Math.max(last[m], TARGETS[m]));
    const floor = { top1: gate('top1'), top3: gate('top3'), answered: gate('answered'), refused: gate('refused') };

    it('prints its table (ours and the baseline)', () => {
      console.log(`${split} split (${items.length} questions)\n${table(ours, rows(runBaseline(items)))}`);
    });

    it(`holds the measured level (top-1 ≥ ${floor.top1}%, top-3 ≥ ${floor.top3}%; targets ${TARGETS.top1}% / ${TARGETS.top3}%)`, () => {
      expect(t.top1).toBeGreaterThanOrEqual(floor.top1);
      expect(t.top3).toBeGreaterThanOrEqual(floor.top3);
    });

    it(`answers ≥ ${floor.answered}% of in-plan and refuses ≥ ${floor.refused}% of off-plan (targets ${TARGETS.answered}% / ${TARGETS.refused}%)`, () => {
      expect(t.answered).toBeGreaterThanOrEqual(floor.answered);
      expect(t.refused).toBeGreaterThanOrEqual(floor.refused);
    });
  });
}
