/**
 * A question made ready for retrieval: its content words and compounds (after morphological analysis), and the
 * expansions that connect the way people type to the way the plan writes:
 *
 *   source    example                              weight
 *   sudachi   打ち合わせ → 会議, boss → 上司          0.9 same word / 0.6 synonym (sudachi.ts)
 *   table     上司 → 管理監督者 (plan jargon)         0.8 (synonyms.ts, each entry with its reason)
 *   glossary  three mindsets → 3つの心構え            0.9 (glossary.ts)
 *   reading   こころがまえ / 心がまえ → 心構え          0.8 (vocabulary.ts)
 *   typo      ボランテア → ボランティア               0.5 (vocabulary.ts)
 *
 * An expansion covers a stretch of the question (index, length): the content words under it count as covered
 * when a section contains one of its targets (see coverage in retrieval.ts).
 */
import { toHiragana } from 'wanakana';
import { analyze } from './analyzer.js';
import { ASIDE_WEIGHT, asideSpans, CONTEXT_WEIGHT, contextSpans, inSpans, type Span } from './context.js';
import { correctEnglish, ENGLISH_STOP } from './english.js';
import { isLatin } from './found-model.js';
import { matchForm, normalizeText, termKey } from './normalize.js';
import type { IndexData } from './plan-index.js';
import { findSynonyms } from './synonyms.js';
import { analyzeText, contentBigrams, kindWeight, type Analysis, type ContentWord, type Compound } from './terms.js';

export type ExpansionSource = 'sudachi' | 'table' | 'reading' | 'typo';

export interface Expansion {
  index: number;
  length: number;
  /** Plan wording, matchForm (for substring checks). */
  targets: string[];
  /** The same targets as written (normalised, kana not folded), to be analysed into query terms. */
  surfaces: string[];
  weight: number;
  source: ExpansionSource;
}

export interface QueryWord extends ContentWord {
  /** idf × kind weight: its share of the question. */
  weight: number;
  compound?: Compound;
}

export interface PreparedQuery {
  analysis: Analysis;
  words: QueryWord[];
  compounds: Compound[];
  expansions: Expansion[];
  /** The sentences and clauses that set the scene (context.ts): their nouns do not say what the question is about. */
  background: Span[];
  /** The roles the question sets aside (「管理職ではない」): what it is not about. */
  aside: Span[];
  /** term id → query weight (× idf). */
  terms: { id: number; weight: number }[];
  /** The plan terms a Japanese question's words expand to (synonyms, readings; not typos): the question bank compares them too. */
  planTerms: string[];
}

const READING_WEIGHT = 0.8;
const TYPO_WEIGHT = 0.5;
/** Scoring weight of expansion targets relative to the question's own words. */
const EXPANSION_SCORE = 0.6;
const BIGRAM_WEIGHT = 0.6;
/** Query words inside a matched expansion weigh this much on their own (the targets carry the meaning). */
const IN_PHRASE = 0.7;
/** Scoring weight of the pieces of a misspelt kanji run that a correction covers. */
const MISSPELT = 0.2;
const MIN_READING = 3;
const MIN_COMPOUND_READING = 5;

const overlaps = (e: { index: number; length: number }, index: number, length: number) => e.index < index + length && index < e.index + e.length;
const KANJI_WORD = /^\p{Script=Han}{2,}$/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Plan terms whose reading occurs in the question's reading, where the question does not already have them as a
 * word: ぷろじぇくとって (one unknown token) still finds プロジェクト.
 */
function readingExpansions(index: IndexData, a: Analysis): Expansion[] {
  const vocab = index.vocabulary;
  // Terms the question already has as a word, or inside a word the plan knows (ミーティング in オフサイトミーティング).
  const known = [...a.words.map((w) => w.key), ...a.compounds.map((c) => c.key)].filter((k) => vocab.has(k));
  const own = new Set([...a.words.flatMap((w) => [w.key, termKey(w.surface)]), ...a.compounds.map((c) => c.key)]);
  const already = (t: string) => own.has(t) || known.some((k) => k.includes(t));
  const tokens = a.tokens;
  let reading = '';
  const charAt: number[] = []; // reading offset → position in the question
  const tokenAt: number[] = [];
  // A match may start or end inside a token only where the reading is the token's own kana (発行|し is not こうし).
  const startOk: boolean[] = [];
  const endOk: boolean[] = [];
  tokens.forEach((t, ti) => {
    const r = t.pos === 'symbol' ? ' ' : t.reading;
    const direct = r === termKey(t.surface);
    for (let k = 0; k < r.length; k++) {
      charAt.push(t.index + (direct ? k : 0));
      tokenAt.push(ti);
      startOk.push(direct || k === 0);
      endOk.push(direct || k === r.length - 1);
    }
    reading += r;
  });
  charAt.push(a.text.length);
  const out: Expansion[] = [];
  for (let i = 0; i < reading.length; ) {
    let matched = 0;
    for (let len = Math.min(vocab.maxReading, reading.length - i); len >= MIN_READING; len--) {
      const sub = reading.slice(i, i + len);
      if (sub.includes(' ') || !startOk[i] || !endOk[i + len - 1]) continue;
      const terms = vocab.byReading(sub).filter((t) => !already(t));
      if (terms.length === 0) continue;
      const first = tokenAt[i]!;
      const last = tokenAt[i + len - 1]!;
      const span = tokens.slice(first, last + 1);
      // A known word written in kanji (期間 vs 機関) is what the person meant; kana, unknown words, lone kanji
      // (an IME's wrong choice: 観|得) and whole compounds of five kana or more (区民思考 → 区民志向) are read
      // for another spelling.
      const odd = span.some((t) => KANA.test(t.surface) || t.pos === 'unknown' || [...t.surface].length === 1);
      if (!odd && !(span.length >= 2 && len >= MIN_COMPOUND_READING)) continue;
      const start = charAt[i]!;
      const endToken = tokens[last]!;
      const end = reading.slice(i, i + len) === termKey(a.text.slice(start, start + len)) ? start + len : endToken.index + endToken.length;
      out.push({ index: start, length: end - start, targets: terms, surfaces: terms.map(vocab.surfaceOf), weight: READING_WEIGHT, source: 'reading' });
      matched = len;
      break;
    }
    i += matched || 1;
  }
  return out;
}

/** Words in Latin letters, with the spaces between them: kuchou hyoushou, kuchō hyōshō. */
const LATIN_RUN = /[a-zāīūēō]+(?:\s+[a-zāīūēō]+)*/giu;
/** Long vowels written with a macron (Hepburn): chōrei → chourei, as wanakana reads them. */
const MACRON: Record<string, string> = { ā: 'aa', ī: 'ii', ū: 'uu', ē: 'ei', ō: 'ou' };
const unmacron = (s: string) => s.replace(/[āīūēō]/g, (c) => MACRON[c]!);
const ALL_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;

/**
 * Japanese typed in romaji (kuchou hyoushou → くちょうひょうしょう → 区長表彰; kucho hyosho, without macrons, too),
 * converted by wanakana: a run of Latin words whose whole conversion is kana and reads as a plan term, else each such
 * word on its own. English words do not convert to kana alone (training → tらいにんg), so they are left to the glossary.
 */
function romajiExpansions(index: IndexData, a: Analysis): Expansion[] {
  const vocab = index.vocabulary;
  const out: Expansion[] = [];
  const tryRead = (text: string, at: number) => {
    const reading = toHiragana(unmacron(text.replace(/\s+/g, '').toLowerCase()));
    if (!ALL_HIRAGANA.test(reading) || [...reading].length < MIN_READING || ENGLISH_STOP.has(text.toLowerCase())) return false;
    // Without macrons (chorei, koho), the long vowels are read short on both sides.
    const exact = vocab.byReading(reading);
    const terms = exact.length > 0 ? exact : vocab.byShortReading(reading);
    if (terms.length === 0) return false;
    out.push({ index: at, length: text.length, targets: [...terms], surfaces: terms.map(vocab.surfaceOf), weight: READING_WEIGHT, source: 'reading' });
    return true;
  };
  for (const m of a.text.matchAll(LATIN_RUN)) {
    if (tryRead(m[0], m.index)) continue;
    for (const w of m[0].matchAll(/[a-zāīūēō]+/giu)) tryRead(w[0], m.index + w.index);
  }
  return out;
}

const HAN_RUN = /\p{Script=Han}{2,}/gu;

/**
 * A run of kanji the plan does not have, read on its own (職場外県集 → しょくばがいけんしゅう → 職場外研修: in the
 * sentence the analyzer took 集っ for a verb) and corrected by one edit (庁内高募 → 庁内公募).
 */
function kanjiRunExpansions(index: IndexData, a: Analysis): Expansion[] {
  const vocab = index.vocabulary;
  const out: Expansion[] = [];
  for (const m of a.text.matchAll(HAN_RUN)) {
    const run = m[0];
    if (vocab.has(termKey(run)) || index.planMatch.includes(termKey(run))) continue;
    const reading = analyze(run).map((t) => t.reading).join('');
    const byReading = [...reading].length >= MIN_READING ? vocab.byReading(reading).filter((t) => t !== termKey(run)) : [];
    const typos = vocab.typoNeighbours(termKey(run));
    if (byReading.length > 0) out.push({ index: m.index, length: run.length, targets: byReading, surfaces: byReading.map(vocab.surfaceOf), weight: READING_WEIGHT, source: 'reading' });
    else if (typos.length > 0) out.push({ index: m.index, length: run.length, targets: typos, surfaces: typos.map(vocab.surfaceOf), weight: TYPO_WEIGHT, source: 'typo' });
  }
  return out;
}

function typoExpansions(index: IndexData, a: Analysis): Expansion[] {
  const out: Expansion[] = [];
  const candidates = [
    ...a.words.filter((w) => w.kind === 'unknown' || (w.kind === 'noun' && !KANJI_WORD.test(w.surface))),
    ...a.compounds,
  ];
  for (const c of candidates) {
    const near = index.vocabulary.typoNeighbours(c.key);
    if (near.length > 0) {
      out.push({ index: c.index, length: c.length, targets: near, surfaces: near.map(index.vocabulary.surfaceOf), weight: TYPO_WEIGHT, source: 'typo' });
    }
  }
  return out;
}

function sudachiExpansions(index: IndexData, a: Analysis): Expansion[] {
  const out: Expansion[] = [];
  for (const c of [...a.compounds, ...a.words]) {
    const keys = 'surface' in c ? [c.key, termKey(c.surface)] : [c.key];
    for (const k of new Set(keys)) {
      const targets = index.sudachi.get(k);
      if (!targets || targets.length === 0) continue;
      const best = Math.max(...targets.map((t) => t.weight));
      out.push({ index: c.index, length: c.length, targets: targets.map((t) => t.term), surfaces: targets.map((t) => t.surface), weight: best, source: 'sudachi' });
    }
  }
  return out;
}

/** The question as retrieval reads it: normalised, English misspellings corrected, analysed. */
export function analyseQuestion(query: string): Analysis {
  return analyzeText(correctEnglish(normalizeText(query)));
}

export function prepareQuery(index: IndexData, query: string, bagOf: (surface: string) => { words: string[]; bigrams: string[] }): PreparedQuery {
  const a = analyseQuestion(query);
  const qn = a.text;
  const qMatch = matchForm(qn);
  const runs = kanjiRunExpansions(index, a);
  const table = findSynonyms(qMatch).map((s) => ({ index: s.index, length: s.length, targets: s.targets, surfaces: s.surfaces, weight: s.weight, source: 'table' as const }));
  // A word inside a longer phrase of the table is read as the phrase: "team" in "regular team member" (職員) is not チーム.
  const inPhrase = (e: Expansion) => table.some((t) => t.length > e.length && t.index <= e.index && e.index + e.length <= t.index + t.length);
  const expansions: Expansion[] = [
    ...table,
    ...sudachiExpansions(index, a).filter((e) => !inPhrase(e)),
    ...readingExpansions(index, a),
    ...typoExpansions(index, a),
    ...runs,
    ...romajiExpansions(index, a),
  ];
  const background = contextSpans(qn);
  const aside = asideSpans(qn);
  const at = (i: number) => (inSpans(aside, i) ? ASIDE_WEIGHT : inSpans(background, i) ? CONTEXT_WEIGHT : 1);
  const weights = new Map<number, number>();
  const put = (kind: 'w' | 'b', key: string, w: number) => {
    const id = index.termIds.get(kind + key);
    if (id === undefined) return;
    const kw = w * (kind === 'w' ? 1 : BIGRAM_WEIGHT) * index.idf[id]!;
    if ((weights.get(id) ?? 0) < kw) weights.set(id, kw);
  };
  // The pieces of a misspelt kanji run (庁|内|高 of 庁内高募) are not words of the question: its correction is.
  const corrected = runs.map((e) => ({ index: e.index, length: e.length }));
  const misspelt = (i: number) => inSpans(corrected, i);
  const words: QueryWord[] = a.words.map((w) => {
    const id = index.termIds.get('w' + w.key);
    const inPhrase = expansions.some((e) => e.source !== 'typo' && overlaps(e, w.index, w.length));
    put('w', w.key, kindWeight(w) * (misspelt(w.index) ? MISSPELT : inPhrase ? IN_PHRASE : 1) * at(w.index));
    return { ...w, weight: (id === undefined ? index.unseenIdf : index.idf[id]!) * kindWeight(w) * at(w.index) };
  });
  // A stretch of the question that only an expansion understood (かいぜんていあん, みなと～く) still has to be
  // covered: it stands for one noun of average rarity.
  for (const e of expansions) {
    if (words.some((w) => overlaps(e, w.index, w.length))) continue;
    const surface = qn.slice(e.index, e.index + e.length);
    words.push({ key: e.targets[0]!, surface, reading: '', kind: 'noun', index: e.index, length: e.length, weight: (index.unseenIdf / 2) * at(e.index) });
  }
  for (const c of a.compounds) {
    put('w', c.key, at(c.index));
    for (const w of words) if (w.index >= c.index && w.index + w.length <= c.index + c.length) w.compound = c;
  }
  // Character bigrams of the question's own words, weighed as the words are (asked, background, set aside).
  for (const weight of new Set([1, CONTEXT_WEIGHT, ASIDE_WEIGHT])) {
    const own = {
      ...a,
      words: a.words.filter((w) => at(w.index) === weight && !misspelt(w.index)),
      compounds: a.compounds.filter((c) => at(c.index) === weight && !misspelt(c.index)),
    };
    for (const b of contentBigrams(own)) put('b', b, (KANA.test(b) ? 0.4 : 1) * weight);
  }
  for (const e of expansions) {
    for (const t of e.surfaces) {
      const bag = bagOf(t);
      for (const w of bag.words) put('w', w, e.weight * EXPANSION_SCORE * at(e.index));
      for (const b of bag.bigrams) put('b', b, e.weight * EXPANSION_SCORE * at(e.index));
    }
  }
  return {
    analysis: a,
    words,
    compounds: a.compounds,
    expansions,
    background,
    aside,
    terms: [...weights].map(([id, weight]) => ({ id, weight })),
    planTerms: isLatin(query) ? [] : [...new Set(expansions.filter((e) => e.source !== 'typo').flatMap((e) => e.targets))],
  };
}
