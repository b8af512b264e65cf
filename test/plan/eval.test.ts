/**
 * Retrieval quality on questions phrased the way staff talk (test/plan/eval-set.ts), against the targets of
 * issue 2 and against the plain baseline (character-bigram BM25 over 300-character chunks).
 * Prints the figures; README.md (プランのデータ化と日本語検索) quotes them.
 */
import { describe, expect, it } from 'vitest';
import { createBaselineRetriever } from '../../src/plan/baseline.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { createRetriever } from '../../src/plan/retrieval.js';
import {
  HELD_OUT_IN_PLAN,
  HELD_OUT_OUT_OF_PLAN,
  type InPlanCase,
  TUNING_IN_PLAN,
  TUNING_OUT_OF_PLAN,
} from './eval-set.js';

const plan = loadPlan();
const ours = createRetriever(plan.sections);
const baseline = createBaselineRetriever(plan.sections);

const IN_PLAN = [...TUNING_IN_PLAN, ...HELD_OUT_IN_PLAN];
const OUT_OF_PLAN = [...TUNING_OUT_OF_PLAN, ...HELD_OUT_OUT_OF_PLAN];

interface Figures {
  n: number;
  top1: number;
  top3: number;
  found: number;
  nOut: number;
  notFound: number;
}

const pct = (k: number, n: number) => (n === 0 ? 0 : (100 * k) / n);

function evaluate(rank: (q: string) => { ids: string[]; found: boolean }, inPlan: InPlanCase[], outOfPlan: string[]): Figures {
  let top1 = 0;
  let top3 = 0;
  let found = 0;
  for (const c of inPlan) {
    const r = rank(c.q);
    if (c.gold.includes(r.ids[0] ?? '')) top1++;
    if (r.ids.slice(0, 3).some((id) => c.gold.includes(id))) top3++;
    if (r.found) found++;
  }
  let notFound = 0;
  for (const q of outOfPlan) if (!rank(q).found) notFound++;
  return {
    n: inPlan.length,
    top1: pct(top1, inPlan.length),
    top3: pct(top3, inPlan.length),
    found: pct(found, inPlan.length),
    nOut: outOfPlan.length,
    notFound: pct(notFound, outOfPlan.length),
  };
}

const oursRank = (q: string) => {
  const r = ours.search(q, 3);
  return { ids: r.hits.map((h) => h.section.id), found: r.found };
};
// The baseline has no notion of "not covered": it always answers.
const baselineRank = (q: string) => ({ ids: baseline.search(q, 3), found: true });

const fmt = (f: Figures) =>
  `top-1 ${f.top1.toFixed(1)}% | top-3 ${f.top3.toFixed(1)}% | found (in-plan, n=${f.n}) ${f.found.toFixed(1)}% | not found (out-of-plan, n=${f.nOut}) ${f.notFound.toFixed(1)}%`;

describe('evaluation set', () => {
  it('is big enough and well formed', () => {
    expect(IN_PLAN.length).toBeGreaterThanOrEqual(45);
    expect(OUT_OF_PLAN.length).toBeGreaterThanOrEqual(15);
    const all = [...IN_PLAN.map((c) => c.q), ...OUT_OF_PLAN];
    expect(new Set(all).size).toBe(all.length);
    for (const c of IN_PLAN) for (const id of c.gold) expect(plan.byId.has(id), `${c.q}: ${id}`).toBe(true);
  });

  it('is phrased the way staff talk, not copied from the plan', () => {
    // No question shares a stretch of 12 characters with the plan (names like 職員人材開発センター are 10).
    const planCompact = compactForMatch(plan.sections.map((s) => `${s.title}${s.text}`).join(''));
    for (const q of [...IN_PLAN.map((c) => c.q), ...OUT_OF_PLAN]) {
      const c = compactForMatch(q);
      for (let i = 0; i + 12 <= c.length; i++) expect(planCompact.includes(c.slice(i, i + 12)), q).toBe(false);
    }
  });
});

describe('retrieval quality', () => {
  const all = evaluate(oursRank, IN_PLAN, OUT_OF_PLAN);
  const tuning = evaluate(oursRank, TUNING_IN_PLAN, TUNING_OUT_OF_PLAN);
  const heldOut = evaluate(oursRank, HELD_OUT_IN_PLAN, HELD_OUT_OUT_OF_PLAN);
  const base = evaluate(baselineRank, IN_PLAN, OUT_OF_PLAN);
  const baseTuning = evaluate(baselineRank, TUNING_IN_PLAN, TUNING_OUT_OF_PLAN);
  const baseHeldOut = evaluate(baselineRank, HELD_OUT_IN_PLAN, HELD_OUT_OUT_OF_PLAN);
  const fmtBase = (f: Figures) => `top-1 ${f.top1.toFixed(1)}% | top-3 ${f.top3.toFixed(1)}% | (always answers)`;

  it('prints the figures', () => {
    console.log(
      [
        'plan retrieval evaluation',
        `  ours     (all)      ${fmt(all)}`,
        `  ours     (tuning)   ${fmt(tuning)}`,
        `  ours     (held-out) ${fmt(heldOut)}`,
        `  baseline (all)      ${fmtBase(base)}`,
        `  baseline (tuning)   ${fmtBase(baseTuning)}`,
        `  baseline (held-out) ${fmtBase(baseHeldOut)}`,
      ].join('\n'),
    );
  });

  it('meets the targets: top-1 ≥ 90%, top-3 ≥ 98%', () => {
    expect(all.top1).toBeGreaterThanOrEqual(90);
    expect(all.top3).toBeGreaterThanOrEqual(98);
  });

  it('answers ≥ 95% of in-plan questions and declines ≥ 80% of out-of-plan ones', () => {
    expect(all.found).toBeGreaterThanOrEqual(95);
    expect(all.notFound).toBeGreaterThanOrEqual(80);
  });

  it('beats the plain baseline', () => {
    expect(all.top1).toBeGreaterThan(base.top1);
    expect(all.top3).toBeGreaterThanOrEqual(base.top3);
  });

  it('holds on the held-out questions too (looser: they were never tuned on)', () => {
    expect(heldOut.top1).toBeGreaterThanOrEqual(85);
    expect(heldOut.top3).toBeGreaterThanOrEqual(95);
    expect(heldOut.notFound).toBeGreaterThanOrEqual(80);
  });
});
