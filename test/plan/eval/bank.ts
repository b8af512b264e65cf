/**
 * The question bank (src/plan/question-bank.ts) is made from the dev split, and only from it:
 * `npm run eval -- --bank` writes prompts/question-bank.json; test/plan/eval/eval.test.ts checks that the file is
 * what dev gives. A question in several parts enters as its parts, each with its own sections.
 */
import { writeFileSync } from 'node:fs';
import { bankEntry, DEFAULT_BANK_PATH, type BankEntry } from '../../../src/plan/question-bank.js';
import { loadPlan } from '../../../src/plan/corpus.js';
import { buildIndex, termBagCache } from '../../../src/plan/plan-index.js';
import { prepareQuery } from '../../../src/plan/query.js';
import type { EvalItem } from './harness.js';

/** The writer of an item, from its id (wA012 → wA, e103 → e, t2_004 → t): left out together on dev. */
export const writerOf = (id: string): string => /^[A-Za-z]+/.exec(id)?.[0] ?? id;

export function bankFrom(dev: readonly EvalItem[]): BankEntry[] {
  // Each entry keeps the plan terms its words expand to, as retrieval.ts expands a question.
  const index = buildIndex(loadPlan().sections);
  const bags = termBagCache();
  return dev.flatMap((item) =>
    (item.parts ?? [item]).map((p) => bankEntry(p.q, p.gold, writerOf(item.id), prepareQuery(index, p.q, bags).planTerms)),
  );
}

export function writeBank(dev: readonly EvalItem[]): string {
  const entries = bankFrom(dev);
  writeFileSync(DEFAULT_BANK_PATH, `${JSON.stringify(entries, null, 0).replace(/\},\{/g, '},\n{')}\n`);
  return `${DEFAULT_BANK_PATH}: ${entries.length} questions from dev`;
}
