/**
 * The Q&A evaluation (npm run eval, and the test-split gate in test/plan/eval/eval.test.ts).
 *
 * The set (dev.json, test.json) was written from scratch by someone who never saw the bot's code; dev.json also
 * holds the 93 + 39 questions of the earlier set (categories `legacy`, `off-legacy`). The split is fixed in the
 * repository. Constants, synonyms and weights are tuned on dev only; test is run to report.
 *
 * Per category, for the bot (the real answering pipeline, no key: extractive answers) and for the baseline
 * (character-bigram BM25 over 300-character chunks, which always answers):
 * - top-1: the first citation is a gold section;
 * - top-3: one of the first three citations is a gold section — for a question in several parts, every part
 *   that the plan answers has one of its gold sections among them;
 * - answered: share of in-plan questions answered (found); refused: share of off-plan questions refused.
 * A refused in-plan question has no citations, so it misses top-1 and top-3 too.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { silentLogger } from '../../../src/infra/logger.js';
import { createPlanAnswerer } from '../../../src/plan/answerer.js';
import type { PlanAnswerer } from '../../../src/plan/types.js';
import { createBaselineRetriever } from '../../../src/plan/baseline.js';
import { loadPlan } from '../../../src/plan/corpus.js';
import { createQuestionBank, defaultQuestionBank, loadQuestionBank, type BankEntry, type QuestionBank } from '../../../src/plan/question-bank.js';
import { createRetriever, type Retriever } from '../../../src/plan/retrieval.js';
import { writerOf } from './bank.js';

const Part = z.object({ q: z.string(), gold: z.array(z.string()), evidence: z.array(z.string()) });
const Item = z.object({
  id: z.string(),
  q: z.string().min(1),
  kind: z.enum(['in', 'off']),
  category: z.string(),
  gold: z.array(z.string()),
  evidence: z.array(z.string()),
  parts: z.array(Part).optional(),
});
export type EvalItem = z.infer<typeof Item>;
/**
 * dev: tuned on. holdout: never tuned on, looked at in aggregate during development. test: never tuned on, run to
 * report. test2 … test7: sealed sets written at the end of the second round, at the start of the third and fourth, at
 * the end of the fourth, in the fifth and at its end, in the sixth (test8), the seventh (test9), the eighth (test10), the ninth (test11), the tenth (test12), the eleventh (test13), the twelfth (test14), the thirteenth (test15) and the fourteenth (test16), run to report (docs/evaluation.md). The question bank (src/plan/question-bank.ts) holds dev only.
 */
export type Split = 'dev' | 'holdout' | 'test' | 'test2' | 'test3' | 'test4' | 'test5' | 'test6' | 'test7' | 'test8' | 'test9' | 'test10' | 'test11' | 'test12' | 'test13' | 'test14' | 'test15' | 'test16' | 'test17';
export const SPLITS: readonly Split[] = ['dev', 'holdout', 'test', 'test2', 'test3', 'test4', 'test5', 'test6', 'test7', 'test8', 'test9', 'test10', 'test11', 'test12', 'test13', 'test14', 'test15', 'test16'];
/**
 * Sealed and never run yet: test17, written in round 15 by outside writers (a 生活環境 staff member of 40, mid-career
 * from logistics, who explains first and asks second, with a Korean-born colleague's English; a second-year 市民協働
 * staff member who dictates to her phone (homophone slips), with an India-born analyst's English; a 区長室 secretary
 * preparing briefings in formal keigo and section numbers, with a Mexican-born CIR's English) and merged unseen (the
 * lead saw counts only). `npm run eval` leaves it out. The next round runs it FIRST, before changing anything
 * (`npm run eval -- --split test17`), then moves it into SPLITS with a floor in eval.test.ts. (test16, sealed in
 * round 14, was first run at the start of round 15.)
 */
export const SEALED: readonly Split[] = ['test17'];

export function loadSplit(split: Split): EvalItem[] {
  return loadItems(fileURLToPath(new URL(`./${split}.json`, import.meta.url)));
}

/** A question file in the writers' format (a split, or a new writer's file before it joins dev). */
export function loadItems(path: string): EvalItem[] {
  return z.array(Item).parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface Outcome {
  item: EvalItem;
  /** Cited section ids, best first (baseline: its ranking). */
  cited: string[];
  found: boolean;
}

export interface Row {
  category: string;
  kind: 'in' | 'off';
  n: number;
  top1: number;
  top3: number;
  /** answered share (in-plan) or refused share (off-plan), 0..100. */
  decided: number;
}

export function top1(o: Outcome): boolean {
  return o.item.gold.includes(o.cited[0] ?? '');
}

export function top3(o: Outcome): boolean {
  const first3 = o.cited.slice(0, 3);
  const parts = (o.item.parts ?? []).filter((p) => p.gold.length > 0);
  if (parts.length > 0) return parts.every((p) => p.gold.some((g) => first3.includes(g)));
  return o.item.gold.some((g) => first3.includes(g));
}

const pct = (k: number, n: number) => (n === 0 ? 0 : (100 * k) / n);

export function rows(outcomes: Outcome[]): Row[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) groups.set(o.item.category, [...(groups.get(o.item.category) ?? []), o]);
  const row = (category: string, list: Outcome[], kind: 'in' | 'off'): Row => ({
    category,
    kind,
    n: list.length,
    top1: kind === 'in' ? pct(list.filter(top1).length, list.length) : NaN,
    top3: kind === 'in' ? pct(list.filter(top3).length, list.length) : NaN,
    decided: pct(list.filter((o) => (kind === 'in' ? o.found : !o.found)).length, list.length),
  });
  const sorted = [...groups].sort(([a], [b]) => (a.startsWith('off') === b.startsWith('off') ? a.localeCompare(b) : a.startsWith('off') ? 1 : -1));
  const out = sorted.map(([c, list]) => row(c, list, list[0]!.item.kind));
  out.push(row('all in-plan', outcomes.filter((o) => o.item.kind === 'in'), 'in'));
  out.push(row('all off-plan', outcomes.filter((o) => o.item.kind === 'off'), 'off'));
  return out;
}

let planRetriever: Retriever | undefined;
/** The bot's retriever over the plan, with the question bank (built once). */
export const defaultRetriever = (): Retriever => (planRetriever ??= createRetriever(loadPlan().sections, defaultQuestionBank()));

let bankEntries: BankEntry[] | undefined;
const banksWithout = new Map<string, QuestionBank>();
/** The bot's question bank without one writer's questions (built once per writer). */
function bankWithout(writer: string): QuestionBank {
  let bank = banksWithout.get(writer);
  if (!bank) banksWithout.set(writer, (bank = createQuestionBank((bankEntries ??= loadQuestionBank()).filter((e) => e.group !== writer))));
  return bank;
}

/** Per writer, the retriever (with the bot's bank) with that writer's questions left out of its bank. */
export function leavingWritersOut(retriever: Retriever): (item: EvalItem) => Retriever {
  return (item) => retriever.withBank(bankWithout(writerOf(item.id)));
}

/**
 * The real answering pipeline over the items. `leaveWritersOut` (dev): each writer's questions are answered with
 * that writer's questions left out of the question bank, as a new writer's would be.
 */
export async function runOurs(items: EvalItem[], options: { retriever?: Retriever; leaveWritersOut?: boolean } = {}): Promise<Outcome[]> {
  const retriever = options.retriever ?? defaultRetriever();
  const retrieverFor = options.leaveWritersOut ? leavingWritersOut(retriever) : () => retriever;
  const answerers = new Map<Retriever, PlanAnswerer>();
  const answererFor = (item: EvalItem): PlanAnswerer => {
    const r = retrieverFor(item);
    let qa = answerers.get(r);
    if (!qa) answerers.set(r, (qa = createPlanAnswerer({ model: 'unused', logger: silentLogger, retriever: r })));
    return qa;
  };
  const out: Outcome[] = [];
  for (const item of items) {
    const a = await answererFor(item).answer(item.q);
    out.push({ item, cited: a.citations.map((c) => c.section), found: a.found });
  }
  return out;
}

export function runBaseline(items: EvalItem[]): Outcome[] {
  const baseline = createBaselineRetriever(loadPlan().sections);
  return items.map((item) => ({ item, cited: baseline.search(item.q, 3), found: true }));
}

const f = (x: number) => (Number.isNaN(x) ? '—' : `${x.toFixed(1)}%`);

/** A Markdown table: per category, ours and the baseline side by side. */
export function table(ours: Row[], base: Row[]): string {
  const lines = [
    '| category | n | top-1 | top-1 baseline | top-3 | top-3 baseline | answered / refused | baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of ours) {
    const b = base.find((x) => x.category === r.category)!;
    const name = r.category.startsWith('all') ? `**${r.category}**` : r.category;
    const what = r.kind === 'in' ? 'answered' : 'refused';
    lines.push(`| ${name} | ${r.n} | ${f(r.top1)} | ${f(b.top1)} | ${f(r.top3)} | ${f(b.top3)} | ${f(r.decided)} ${what} | ${f(b.decided)} |`);
  }
  return lines.join('\n');
}

export const TARGETS = { top1: 90, top3: 98, answered: 95, refused: 90 } as const;

export function totals(rs: Row[]): { top1: number; top3: number; answered: number; refused: number } {
  const inPlan = rs.find((r) => r.category === 'all in-plan')!;
  const off = rs.find((r) => r.category === 'all off-plan')!;
  return { top1: inPlan.top1, top3: inPlan.top3, answered: inPlan.decided, refused: off.decided };
}
