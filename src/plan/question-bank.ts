/**
 * The question bank: questions staff-like writers asked about the plan, each labelled with the sections that answer
 * it (or none: the plan does not answer it). A new question is compared with them (BM25 over their content words
 * and bigrams) and its nearest neighbours vote:
 * - for sections, which retrieval.ts adds to the plan's own lexical scores (everyday and English wording that
 *   shares no word with the plan, but shares words with someone else's question about the same passage);
 * - for "not in the plan", whose share is one feature of the `found` decision (found-model.ts).
 *
 * This is nearest-neighbour learning from labelled questions, not a table: the bank is the dev split of the
 * evaluation (prompts/question-bank.json is made from test/plan/eval/dev.json by `npm run eval -- --bank`), and
 * the report splits are never in it. On dev itself, each writer's questions are scored with that writer left out
 * of the bank (`exclude`), so that dev figures and the calibration see the bank as a new writer would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { wordTerms } from './plan-index.js';
import { analyseQuestion } from './query.js';
import { contentBigrams, type Analysis } from './terms.js';

export const DEFAULT_BANK_PATH = fileURLToPath(new URL('../../prompts/question-bank.json', import.meta.url));

const BankEntry = z.object({
  q: z.string().min(1),
  /** Sections that answer it, most specific first; empty: the plan does not answer it. */
  sections: z.array(z.string()),
  /** Who wrote it (a writer of the evaluation set): left out together on dev. */
  group: z.string().min(1),
  /**
   * Its content words and bigrams as retrieval analyses them (query.ts), stored so that the bot does not analyse
   * 1,800 questions at every start (0.8 s); `npm run eval -- --bank` writes them, and a test checks they are current.
   */
  words: z.array(z.string()),
  bigrams: z.array(z.string()),
});
export type BankEntry = z.infer<typeof BankEntry>;

export function loadQuestionBank(path: string = DEFAULT_BANK_PATH): BankEntry[] {
  return z.array(BankEntry).parse(JSON.parse(readFileSync(path, 'utf8')));
}

let shared: QuestionBank | undefined;
/** The bank in prompts/, loaded and indexed once per process. */
export function defaultQuestionBank(): QuestionBank {
  return (shared ??= createQuestionBank(loadQuestionBank()));
}

/** What the nearest neighbours say. */
export interface BankVote {
  /** Section id → its neighbours' share of the votes (0..1). */
  sections: Map<string, number>;
  /** Share of the neighbours' votes that said "not in the plan" (0..1; 0 when no neighbour shares a word). */
  off: number;
}

export interface QuestionBank {
  vote(analysis: Analysis): BankVote;
  /** The same bank without one writer's questions (dev evaluation and calibration). */
  without(group: string): QuestionBank;
  readonly size: number;
}

/** Neighbours that vote. */
const NEIGHBOURS = 5;
const BIGRAM = 0.5;
const K1 = 1.2;
const B = 0.75;

interface Doc {
  sections: string[];
  terms: Map<string, number>;
}

/** A bank entry for a question: its terms analysed as retrieval analyses a question. */
export function bankEntry(q: string, sections: string[], group: string): BankEntry {
  const a = analyseQuestion(q);
  return { q, sections, group, words: [...new Set(wordTerms(a))], bigrams: [...new Set(contentBigrams(a))] };
}

function termsOf(words: readonly string[], bigrams: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) m.set('w' + w, 1);
  for (const b of bigrams) if (!m.has('b' + b)) m.set('b' + b, BIGRAM);
  return m;
}

export function createQuestionBank(entries: readonly BankEntry[]): QuestionBank {
  return over(entries.map((e) => ({ group: e.group, sections: e.sections, terms: termsOf(e.words, e.bigrams) })));
}

function over(all: readonly (Doc & { group: string })[]): QuestionBank {
  const n = all.length;
  const avgLen = all.reduce((sum, d) => sum + d.terms.size, 0) / Math.max(n, 1);
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  all.forEach((d, i) => {
    for (const [k, tf] of d.terms) {
      let p = lists.get(k);
      if (!p) lists.set(k, (p = { docs: [], tfs: [] }));
      p.docs.push(i);
      p.tfs.push(tf);
    }
  });
  // Per posting, its BM25 impact (idf × saturated tf): a vote is then one add per posting.
  const postings = new Map<string, { docs: Int32Array; impacts: Float64Array }>();
  for (const [k, p] of lists) {
    const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
    const impacts = p.docs.map((i, j) => {
      const tf = p.tfs[j]!;
      return (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * all[i]!.terms.size) / avgLen));
    });
    postings.set(k, { docs: Int32Array.from(p.docs), impacts: Float64Array.from(impacts) });
  }
  const score = new Float64Array(n);
  const touched: number[] = [];

  const vote = (a: Analysis): BankVote => {
    for (const [k, w] of termsOf(wordTerms(a), contentBigrams(a))) {
      const p = postings.get(k);
      if (!p) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const i = p.docs[j]!;
        if (score[i] === 0) touched.push(i);
        score[i]! += w * p.impacts[j]!;
      }
    }
    // The NEIGHBOURS best (on a tie, the earlier entry), then clear the accumulator.
    const top: number[] = [];
    for (const i of touched) {
      let at = top.length;
      while (at > 0 && (score[i]! > score[top[at - 1]!]! || (score[i] === score[top[at - 1]!] && i < top[at - 1]!))) at--;
      if (at < NEIGHBOURS) top.splice(at, 0, i);
      if (top.length > NEIGHBOURS) top.pop();
    }
    let total = 0;
    for (const i of top) total += score[i]!;
    const sections = new Map<string, number>();
    let off = 0;
    for (const i of top) {
      const d = all[i]!;
      const v = score[i]! / total;
      if (d.sections.length === 0) off += v;
      for (const id of d.sections) sections.set(id, (sections.get(id) ?? 0) + v / d.sections.length);
    }
    for (const i of touched) score[i] = 0;
    touched.length = 0;
    return { sections, off };
  };

  return { vote, size: n, without: (group) => over(all.filter((d) => d.group !== group)) };
}

/** No bank (a plan without one, or tests of the lexical retrieval alone). */
export const EMPTY_BANK: QuestionBank = { vote: () => ({ sections: new Map(), off: 0 }), size: 0, without: () => EMPTY_BANK };
