/**
 * The question bank: questions staff-like writers asked about the plan, each labelled with the sections that answer
 * it (or none: the plan does not answer it). A new question is compared with them (BM25 over their content words,
 * bigrams, the bigrams of their readings and, for Japanese, the plan terms their words expand to, so that 「上司」
 * meets 「管理監督者」 and 「ボス」 meets 「上長」) and its nearest neighbours vote:
 * - for sections, which retrieval.ts adds to the plan's own lexical scores (everyday and English wording that
 *   shares no word with the plan, but shares words with someone else's question about the same passage);
 * - for "not in the plan", whose share is one feature of the `found` decision (found-model.ts).
 *
 * This is nearest-neighbour learning from labelled questions, not a table: the bank is the dev split of the
 * evaluation (prompts/question-bank.json is made from test/plan/eval/dev.json by `npm run eval -- --bank`), and
 * the report splits are never in it. On dev itself, each writer's questions are scored with that writer left out
 * of the bank (test/plan/eval/harness.ts), so that dev figures and the calibration see the bank as a new writer would.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { asks, type AnswerKind } from './intent.js';
import { wordTerms } from './plan-index.js';
import { analyseQuestion } from './query.js';
import { charBigrams, contentBigrams, type Analysis } from './terms.js';

export const DEFAULT_BANK_PATH = fileURLToPath(new URL('../../prompts/question-bank.json', import.meta.url));

const BankEntry = z.object({
  q: z.string().min(1),
  /** Sections that answer it, most specific first; empty: the plan does not answer it. */
  sections: z.array(z.string()),
  /** Who wrote it (a writer of the evaluation set): left out together on dev. */
  group: z.string().min(1),
  /**
   * Its content words and bigrams as retrieval analyses them (query.ts), stored so that the bot does not analyse
   * two thousand questions at every start (0.8 s); `npm run eval -- --bank` writes them, and a test checks they are current.
   */
  words: z.array(z.string()),
  bigrams: z.array(z.string()),
  /** Bigrams of its readings (しょくいん for 職員): 「しょくいんのやくわり」 meets 「職員の役割」. */
  readings: z.array(z.string()),
  /** The plan terms its words expand to (synonyms and readings, not typos: query.ts; none for English), as retrieval.ts expands a question. */
  expanded: z.array(z.string()),
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
  /**
   * The nearest neighbours' vote. A neighbour the plan leaves out only for the detail it asks (「朝礼は何時から？」)
   * says nothing about a question asking another detail (`of.asks`: 「朝礼は週何回？」, which 毎日 answers), nor about one
   * asking none whose nouns are all in the plan (`of.nounsInPlan`: 「朝礼」), and does not vote. `expanded`: the plan
   * terms the question's words expand to (query.ts `planTerms`), matched against each entry's own.
   */
  vote(analysis: Analysis, of?: { asks?: AnswerKind; nounsInPlan?: boolean }, expanded?: readonly string[]): BankVote;
  readonly size: number;
}

/** Neighbours that vote. */
const NEIGHBOURS = 5;
const BIGRAM = 0.5;
const READING = 1.3;
/**
 * Weight of a plan term the words expand to (上司 → 管理監督者; fitted on dev: 0.3 / 0.5 / 0.7 / 1). English questions
 * get none: their glossary terms moved dev's English answers both ways (round 12 and round 15), Japanese ones gained.
 */
const EXPANDED = 0.5;
const K1 = 1.2;
const B = 0.75;

/** A bank entry for a question: its terms analysed as retrieval analyses a question. */
export function bankEntry(q: string, sections: string[], group: string, expanded: readonly string[] = []): BankEntry {
  const a = analyseQuestion(q);
  return { q, sections, group, words: [...new Set(wordTerms(a))], bigrams: [...new Set(contentBigrams(a))], readings: [...new Set(readingBigrams(a))], expanded: [...new Set(expanded)] };
}

const NOT_CONTENT = new Set(['particle', 'auxiliary', 'symbol']);
/** A token with a Latin letter (sections', OFF-JT, 3F): English has no reading. */
const HAS_LATIN = /[a-z]/i;

/** Bigrams of the readings of each run of words that are not particles, endings or symbols (nor Latin). */
export function readingBigrams(a: Analysis): string[] {
  const runs: string[] = [];
  let run = '';
  for (const t of a.tokens) {
    if (NOT_CONTENT.has(t.pos) || HAS_LATIN.test(t.surface)) {
      if (run) runs.push(run);
      run = '';
    } else run += t.reading;
  }
  if (run) runs.push(run);
  return charBigrams(runs.join(' '));
}

/** Term key (w… a word or compound, b… a bigram, r… a bigram of readings, x… a plan term it expands to) → its weight. */
function termsOf(words: readonly string[], bigrams: readonly string[], readings: readonly string[], expanded: readonly string[] = []): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of expanded) m.set('x' + x, EXPANDED);
  for (const w of words) m.set('w' + w, 1);
  for (const b of bigrams) m.set('b' + b, BIGRAM);
  for (const r of readings) m.set('r' + r, READING);
  return m;
}

export function createQuestionBank(entries: readonly BankEntry[]): QuestionBank {
  const n = entries.length;
  const docTerms = entries.map((e) => termsOf(e.words, e.bigrams, e.readings, e.expanded));
  // Readings and expansions are normalised on their own length, so that they add to the written form's score and do
  // not change it (an English question has no readings).
  const readingLen = entries.map((e) => e.readings.length);
  const expandedLen = entries.map((e) => e.expanded.length);
  const writtenLen = docTerms.map((t, i) => t.size - readingLen[i]! - expandedLen[i]!);
  const avg = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / Math.max(n, 1);
  const avgLen = avg(writtenLen);
  const avgReadingLen = avg(readingLen);
  const avgExpandedLen = avg(expandedLen);
  // Postings in flat arrays: term → its slice [start[t], start[t + 1]) of docs and impacts (idf × saturated tf),
  // so that a vote is one add per posting and the bank holds no object per posting.
  const termOf = new Map<string, number>();
  const df: number[] = [];
  for (const t of docTerms) {
    for (const k of t.keys()) {
      let id = termOf.get(k);
      if (id === undefined) termOf.set(k, (id = df.length)), df.push(0);
      df[id]!++;
    }
  }
  const start = new Int32Array(df.length + 1);
  for (let t = 0; t < df.length; t++) start[t + 1] = start[t]! + df[t]!;
  const docs = new Int32Array(start[df.length]!);
  const impacts = new Float32Array(start[df.length]!);
  const fill = Int32Array.from(start.subarray(0, df.length));
  docTerms.forEach((t, i) => {
    const written = K1 * (1 - B + (B * writtenLen[i]!) / avgLen);
    const reading = K1 * (1 - B + (B * readingLen[i]!) / Math.max(avgReadingLen, 1e-9));
    const expansion = K1 * (1 - B + (B * expandedLen[i]!) / Math.max(avgExpandedLen, 1e-9));
    for (const [k, tf] of t) {
      const norm = k.startsWith('r') ? reading : k.startsWith('x') ? expansion : written;
      const id = termOf.get(k)!;
      const idf = Math.log(1 + (n - df[id]! + 0.5) / (df[id]! + 0.5));
      const at = fill[id]!++;
      docs[at] = i;
      impacts[at] = (idf * tf * (K1 + 1)) / (tf + norm);
    }
  });
  const sectionsOf = entries.map((e) => e.sections);
  /** The detail an off-plan entry asks for, if that is why the plan does not answer it. */
  const offForDetail = entries.map((e) => (e.sections.length === 0 ? asks(e.q) : undefined));
  const score = new Float64Array(n);
  const touched: number[] = [];

  const vote = (a: Analysis, of: { asks?: AnswerKind; nounsInPlan?: boolean } = {}, expanded: readonly string[] = []): BankVote => {
    for (const [k, w] of termsOf(wordTerms(a), contentBigrams(a), readingBigrams(a), expanded)) {
      const id = termOf.get(k);
      if (id === undefined) continue;
      for (let j = start[id]!; j < start[id + 1]!; j++) {
        const i = docs[j]!;
        if (score[i] === 0) touched.push(i);
        score[i]! += w * impacts[j]!;
      }
    }
    // The NEIGHBOURS best (on a tie, the earlier entry), then clear the accumulator.
    const top: number[] = [];
    for (const i of touched) {
      if ((of.nounsInPlan || of.asks) && offForDetail[i] !== undefined && offForDetail[i] !== of.asks) continue;
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
      const own = sectionsOf[i]!;
      const v = score[i]! / total;
      if (own.length === 0) off += v;
      for (const id of own) sections.set(id, (sections.get(id) ?? 0) + v / own.length);
    }
    for (const i of touched) score[i] = 0;
    touched.length = 0;
    return { sections, off };
  };

  // The entries themselves are not kept (6 MB of strings for 10,000 questions): the bank is its flat postings.
  return { vote, size: n };
}

/** No bank (a plan without one, or tests of the lexical retrieval alone). */
export const EMPTY_BANK: QuestionBank = { vote: () => ({ sections: new Map(), off: 0 }), size: 0 };
