/**
 * The inverted index over the plan's passages (BM25F), built once per retriever.
 *
 * Fields: the passage body (length-normalised), its section title (×HEADING), its labels (×LABEL) and the parents'
 * titles (×PARENT). Terms: content words by base form, noun compounds as written, and character bigrams
 * (terms.ts). Beside the postings: the plan's vocabulary (readings, typo neighbours), the Sudachi synonym groups
 * that touch it, and per passage what kind of answer it holds (a person's name, a date, a number).
 */
import { HOLDS, type AnswerKind } from './intent.js';
import { matchForm, normalizeText } from './normalize.js';
import { splitPassages, type Passage } from './passages.js';
import { loadSudachiSynonyms, type SudachiSynonyms } from './sudachi.js';
import { glossaryEntry } from './synonyms.js';
import { analyzeText, charBigrams, type Analysis } from './terms.js';
import type { Section } from './types.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

const K1 = 1.2;
/** Length normalisation of the passage body; headings and labels are not length-normalised. */
const B_BODY = 0.5;
const HEADING = 2.0;
const LABEL = 1.0;
const PARENT = 0.4;

export { K1 };

export interface Posting {
  docs: Int32Array;
  /** BM25F pseudo term frequency (field-weighted, body length-normalised). */
  tfs: Float32Array;
}

/** What a passage can answer beyond its topic (intent.ts): a person's name, a time, a date, a frequency, a number. */
export type AnswerKinds = Record<AnswerKind, boolean>;

export interface IndexData {
  sections: Section[];
  passages: Passage[];
  termIds: Map<string, number>;
  idf: Float64Array;
  postings: Posting[];
  /** Per passage forward map termId → pseudo tf. */
  forward: Map<number, number>[];
  passageSection: Int32Array;
  sectionPassages: number[][];
  /** Per section: matchForm of title + parents' titles + labels + text (for coverage checks). */
  sectionMatch: string[];
  /** Per passage: matchForm of its section's titles, its labels and its text. */
  passageMatch: string[];
  /** The whole plan in matchForm (does a word occur anywhere?). */
  planMatch: string;
  passageKinds: AnswerKinds[];
  /** idf given to a word the corpus never uses. */
  unseenIdf: number;
  /** Per section: term ids of its own title. */
  titleTerms: Set<number>[];
  vocabulary: Vocabulary;
  sudachi: SudachiSynonyms;
}

export interface TermBag {
  words: string[];
  bigrams: string[];
}

export function wordTerms(a: Analysis): string[] {
  return [...a.words.map((w) => w.key), ...a.compounds.map((c) => c.key)];
}

/** The terms of the plan wording an expansion brings in, analysed once per surface (one cache per retriever). */
export function termBagCache(): (surface: string) => TermBag {
  const bags = new Map<string, TermBag>();
  return (surface) => {
    let bag = bags.get(surface);
    if (!bag) {
      const norm = normalizeText(surface);
      bags.set(surface, (bag = { words: wordTerms(analyzeText(norm)), bigrams: charBigrams(norm) }));
    }
    return bag;
  };
}


export function buildIndex(sections: Section[]): IndexData {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const passages: Passage[] = [];
  const passageSection: number[] = [];
  const sectionPassages: number[][] = [];
  const sectionMatch: string[] = [];
  const passageMatch: string[] = [];
  const passageKinds: AnswerKinds[] = [];
  const termIds = new Map<string, number>();
  const bodies: TermBag[] = [];
  const extras: Map<number, number>[] = [];
  const titleTerms: Set<number>[] = [];
  const analyses: Analysis[] = [];

  const idOf = (kind: 'w' | 'b', key: string): number => {
    const k = kind + key;
    let id = termIds.get(k);
    if (id === undefined) {
      id = termIds.size;
      termIds.set(k, id);
    }
    return id;
  };
  const add = (into: Map<number, number>, bag: TermBag, weight: number) => {
    for (const w of bag.words) {
      const id = idOf('w', w);
      into.set(id, (into.get(id) ?? 0) + weight);
    }
    for (const b of bag.bigrams) {
      const id = idOf('b', b);
      into.set(id, (into.get(id) ?? 0) + weight);
    }
  };
  const analysisCache = new Map<string, { a: Analysis; bag: TermBag }>();
  const analysed = (s: string) => {
    let r = analysisCache.get(s);
    if (!r) {
      const n = normalizeText(s);
      const a = analyzeText(n);
      r = { a, bag: { words: wordTerms(a), bigrams: charBigrams(n) } };
      analysisCache.set(s, r);
      analyses.push(a);
    }
    return r;
  };

  sections.forEach((section, si) => {
    const titleBag = analysed(section.title).bag;
    const titleIds = new Map<number, number>();
    add(titleIds, titleBag, 1);
    titleTerms.push(new Set(titleIds.keys()));
    const parentTitles = section.parents.map((p) => byId.get(p)?.title ?? '');
    const parentBags = parentTitles.map((t) => analysed(t).bag);
    const list: number[] = [];
    const labels = new Set<string>();
    for (const p of splitPassages(section)) {
      list.push(passages.length);
      passages.push(p);
      passageSection.push(si);
      const { a, bag } = analysed(p.text);
      bodies.push(bag);
      const text = a.text;
      passageKinds.push({
        name: a.tokens.some((t) => t.sub2 === '人名'),
        ...(Object.fromEntries(Object.entries(HOLDS).map(([kind, re]) => [kind, re.test(text)])) as Record<keyof typeof HOLDS, boolean>),
      });
      passageMatch.push(matchForm([section.title, ...parentTitles, ...p.context, p.text].join('\n')));
      const extra = new Map<number, number>();
      add(extra, titleBag, HEADING);
      for (const pb of parentBags) add(extra, pb, PARENT);
      for (const l of p.context) {
        labels.add(l);
        add(extra, analysed(l).bag, LABEL);
      }
      extras.push(extra);
    }
    sectionPassages.push(list);
    sectionMatch.push(matchForm([section.title, ...parentTitles, ...labels, section.text].join('\n')));
  });

  // BM25F: body term counts are length-normalised per kind; heading/label/parent counts are added as they are.
  const n = passages.length;
  let avgW = 0;
  let avgB = 0;
  for (const b of bodies) {
    avgW += b.words.length;
    avgB += b.bigrams.length;
  }
  avgW = avgW / Math.max(1, n) || 1;
  avgB = avgB / Math.max(1, n) || 1;
  const forward: Map<number, number>[] = [];
  for (let i = 0; i < n; i++) {
    const body = bodies[i]!;
    const fwd = new Map<number, number>();
    add(fwd, { words: body.words, bigrams: [] }, 1 / (1 - B_BODY + (B_BODY * body.words.length) / avgW));
    add(fwd, { words: [], bigrams: body.bigrams }, 1 / (1 - B_BODY + (B_BODY * body.bigrams.length) / avgB));
    for (const [id, tf] of extras[i]!) fwd.set(id, (fwd.get(id) ?? 0) + tf);
    forward.push(fwd);
  }
  const terms = termIds.size;
  const df = new Int32Array(terms);
  for (const fwd of forward) for (const id of fwd.keys()) df[id]!++;
  const idf = new Float64Array(terms);
  for (let t = 0; t < terms; t++) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  const lists: { docs: number[]; tfs: number[] }[] = Array.from({ length: terms }, () => ({ docs: [], tfs: [] }));
  forward.forEach((fwd, pi) => {
    for (const [id, tf] of fwd) {
      lists[id]!.docs.push(pi);
      lists[id]!.tfs.push(tf);
    }
  });
  const vocabulary = buildVocabulary(analyses);
  const planMatch = sectionMatch.join('\n');
  return {
    sections,
    passages,
    termIds,
    idf,
    postings: lists.map((p) => ({ docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) })),
    forward,
    passageSection: Int32Array.from(passageSection),
    sectionPassages,
    sectionMatch,
    passageMatch,
    planMatch,
    passageKinds,
    unseenIdf: Math.log(1 + (n + 0.5) / 0.5),
    titleTerms,
    vocabulary,
    sudachi: loadSudachiSynonyms((term) => vocabulary.has(term), glossaryEntry),
  };
}
