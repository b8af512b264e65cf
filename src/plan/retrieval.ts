/**
 * Lexical retrieval over the plan for Japanese questions. No network, no model.
 *
 * Design
 * - Passages: every section's body is cut into passages: one per sentence (・bullets and 〔参考〕 answers
 *   included); a block made only of short label lines (イメージ図's 区長/副区長…, 大阪市港区長 …) is one passage.
 *   Label lines (【区民志向】, 〔参考〕, ○…ってなんだ？, 港区役所職員の３つの心構え, ＜…＞) are not passages of their
 *   own but the `context` of the passages under them. A passage's `text` is verbatim plan text (a substring of
 *   its section's `text`, at `start`).
 * - Terms: Intl.Segmenter words + character bigrams, kana folded (tokenize.ts). BM25F fields: the passage body
 *   (length-normalised), its section title (×HEADING), its labels (×LABEL) and the parents' titles (×PARENT).
 * - Query: normalised (NFKC, kana); question words and particles dropped (STOP_WORDS); verbs and okurigana
 *   words weigh less than nouns; synonyms.ts adds the plan's wording for staff wording at SYNONYM_WEIGHT.
 * - Ranking: a section scores its best passage plus SECOND_PASSAGE × its second best; the best RERANK sections
 *   then get the heading boost × (1 + TITLE_BONUS × share of the query's weight found in their own title).
 * - found: the share of the query's content words (kanji/katakana/Latin words, minus question words),
 *   weighted by rarity (idf) and kind, that the top section covers — literally or through a synonym whose plan
 *   wording it contains. A compound of the query (人事+評価) that the section never has as a whole, nor with all
 *   parts in one passage, only half counts. found = coverage ≥ FOUND_COVERAGE. Out-of-plan questions (年休,
 *   駐車場, 人事評価 …) fail because their key words occur nowhere in the answering section. found is about
 *   the topic: 「研修はいつありますか」 is found (研修 is covered) though the plan gives no dates.
 * - Speed: an inverted index is built once; a query touches only the postings of its own terms, typed-array
 *   scratch space is reused, and only the best few sections are kept (bounded insertion, no full sort).
 *
 * For the answerer's extractive mode: every Hit carries `passages` — its section's passages that best match the
 * query, best first (verbatim text + labels). `Retriever.bestPassages(query, sectionId, n)` does the same for
 * any section.
 */
import { matchForm, normalizeText, splitSentences, termKey } from './normalize.js';
import { findSynonyms, type SynonymMatch } from './synonyms.js';
import { charBigrams, isContentSurface, segmentWords, type Word } from './tokenize.js';
import type { Section } from './types.js';

export interface Passage {
  /** The section this passage belongs to. */
  sectionId: string;
  /** Verbatim plan text: `section.text.slice(start, start + text.length) === text`. */
  text: string;
  start: number;
  /** Label lines the passage sits under (e.g. "港区役所職員の３つの心構え", "【区民志向】"), outermost first. */
  context: string[];
}

export interface PassageHit {
  passage: Passage;
  score: number;
}

export interface Hit {
  section: Section;
  score: number;
  /** The section's passages that best match the query, best first (at most PASSAGES_PER_HIT). */
  passages: PassageHit[];
}

export interface Retrieval {
  /** Best first. */
  hits: Hit[];
  /** false when the plan does not cover the query. */
  found: boolean;
  /** Weighted share (0..1) of the query's content words covered by the top hit; the basis of `found`. */
  coverage: number;
}

export interface Retriever {
  search(query: string, k?: number): Retrieval;
  /** The n passages of one section that best match the query, best first. */
  bestPassages(query: string, sectionId: string, n?: number): PassageHit[];
  /** All passages, in document order. */
  readonly passages: readonly Passage[];
}

// ---- tuning constants (chosen on the tuning part of test/plan/eval-set.ts) ----
const K1 = 1.2;
/** Length normalisation of the passage body; headings and labels are not length-normalised. */
const B_BODY = 0.5;
const WORD_WEIGHT = 1.0;
const BIGRAM_WEIGHT = 0.6;
const HEADING = 2.0;
const LABEL = 1.0;
const PARENT = 0.4;
const SYNONYM_WEIGHT = 0.6;
const SECOND_PASSAGE = 0.2;
/** Heading boost on the ranked sections: score × (1 + TITLE_BONUS × share of the query's weight in the title). */
const TITLE_BONUS = 0.5;
/** How many sections (by passage score) are re-ranked with the heading boost. */
const RERANK = 20;
/** Coverage weight of a word with okurigana (持つ, 話せる, 強み) and of a verb stem (出|したら, 作|って). */
const OKURIGANA_WORD = 0.4;
const VERB_STEM = 0.3;
const SINGLE_KANJI = 0.7;
/** Query words inside a matched synonym key weigh this much on their own (the key's targets carry the meaning). */
const IN_PHRASE = 0.7;
/** Credit for the parts of a compound (人事+評価) whose whole does not occur in the hit. */
const BROKEN_COMPOUND = 0.5;
/**
 * found = coverage ≥ this. On the evaluation set in-plan questions cover ≥ 0.57 and out-of-plan ones ≤ 0.50;
 * the threshold sits in that gap (nearer the in-plan side: a wrong "not covered" costs less than a guess).
 */
export const FOUND_COVERAGE = 0.55;
const PASSAGES_PER_HIT = 3;
const DEFAULT_K = 5;

/** Question words, meta words and common function words: never scored, never decide coverage. */
const STOP_WORDS = new Set(
  [
    // question framing
    '何', 'なに', 'なん', '何と', '誰', 'だれ', 'いつ', 'どこ', '何時', '何日', '何年', '何人', '何回', '教え', '教えて',
    '知り', '知る', '知りたい', '聞き', '聞きたい', '意味', '方法', '具体', '具体的', '的', '場合', '内容', '件', 'こと',
    '事', '物', 'もの', '方', '時', '点', '等', '所', '感じ', '今', '今度', '最近', '本当', '理由', '機会', '名前', '名称',
    '大切', '大事', 'なぜ', 'どうして', 'どう', 'どんな', 'どの', 'どういう', 'どうやって', 'どれ', 'どのくらい', 'どれくらい', 'ところ',
    // the document itself
    'プラン', '基本プラン', '計画', '資料',
    // function words and endings
    'ある', 'あり', 'ありま', 'する', 'いる', 'なる', 'なり', 'やる', 'できる', 'ます', 'です', 'すか', 'ください',
    'について', 'として', 'とともに', 'それぞれ', 'ながら', 'という', 'において', 'によって', 'により', 'による',
    'いただく', 'られる', 'させる', 'される', 'ている', 'てる', 'でしょう', 'ません', 'ましょう', 'したら', 'すれば',
    'って', 'では', 'には', 'とは', 'から', 'まで', 'より', 'など', 'ため', 'ので', 'けど', 'けれど', 'だけ', 'でも',
    'ても', 'また', 'その', 'この', 'あの', 'これ', 'それ', 'あれ', 'もちろん', 'さまざま', 'これまで',
    // English
    'what', 'is', 'the', 'a', 'an', 'of', 'to', 'in', 'do', 'does', 'how', 'are', 'about', 'for', 'we', 'i', 'our',
    'plan', 'tell', 'me', 'please',
  ].map(termKey),
);
/** Hiragana-only words shorter than three characters are function words, except these. */
const SHORT_HIRAGANA_CONTENT = new Set(['まち', 'ひと']);

type TermKind = 0 | 1; // 0 = word, 1 = bigram

interface QueryTerm {
  id: number;
  /** Query weight × kind weight × idf. */
  weight: number;
}

interface Posting {
  docs: Int32Array;
  /** BM25F pseudo term frequency (field-weighted, body length-normalised). */
  tfs: Float32Array;
}

interface IndexData {
  termIds: Map<string, number>;
  idf: Float64Array;
  postings: Posting[];
  /** Per passage forward map termId → pseudo tf (for bestPassages on any section). */
  forward: Map<number, number>[];
  passageSection: Int32Array;
  sectionPassages: number[][];
  /** Per section: matchForm of title + parents' titles + labels + text (for coverage checks). */
  sectionMatch: string[];
  /** Per passage: matchForm of its section's titles, its labels and its text. */
  passageMatch: string[];
  /** idf given to a word the corpus never uses. */
  unseenIdf: number;
  /** Per section: term ids of its own title. */
  titleTerms: Set<number>[];
}

const LABEL_MAX = 40;

function isLabelLine(line: string): boolean {
  if (line.startsWith('・')) return false;
  if (/[。]/.test(line)) return false;
  if (/^[【〔＜<○]/.test(line)) return true;
  return line.length <= LABEL_MAX && !/[、]/.test(line);
}

/** Cuts a section's text into passages (see the design note above). */
export function splitPassages(section: Section): Passage[] {
  const out: Passage[] = [];
  const text = section.text;
  let sectionLabels: string[] = [];
  const blockRe = /[^\n]+(?:\n[^\n]+)*/g;
  for (const bm of text.matchAll(blockRe)) {
    const blockStart = bm.index!;
    const lines: { line: string; start: number }[] = [];
    let off = blockStart;
    for (const line of bm[0].split('\n')) {
      lines.push({ line, start: off });
      off += line.length + 1;
    }
    if (lines.every((l) => isLabelLine(l.line))) {
      // A block of labels only: a passage of its own, and the heading of the blocks that follow.
      out.push({ sectionId: section.id, text: bm[0], start: blockStart, context: [...sectionLabels] });
      sectionLabels = lines.map((l) => l.line);
      continue;
    }
    const leading: string[] = [];
    let inner: string | undefined;
    let seenContent = false;
    for (const { line, start } of lines) {
      if (isLabelLine(line)) {
        // "○…ってなんだ？" heads one item of a block; other labels before any content head the whole block.
        if (seenContent || line.startsWith('○')) inner = line;
        else leading.push(line);
        continue;
      }
      seenContent = true;
      const context = [...sectionLabels, ...leading, ...(inner ? [inner] : [])];
      let from = 0;
      for (const sentence of splitSentences(line)) {
        const at = line.indexOf(sentence, from);
        from = at + sentence.length;
        out.push({ sectionId: section.id, text: sentence, start: start + at, context });
      }
    }
  }
  return out;
}

interface TermBag {
  words: string[];
  bigrams: string[];
}

function termsOf(normalized: string): TermBag {
  return { words: segmentWords(normalized).map((w) => w.key), bigrams: charBigrams(normalized) };
}

function buildIndex(sections: Section[]): { index: IndexData; passages: Passage[] } {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const passages: Passage[] = [];
  const passageSection: number[] = [];
  const sectionPassages: number[][] = [];
  const sectionMatch: string[] = [];
  const passageMatch: string[] = [];
  const termIds = new Map<string, number>();
  const kinds: TermKind[] = [];
  const bodies: TermBag[] = [];
  const extras: Map<number, number>[] = [];
  const titleTerms: Set<number>[] = [];

  const idOf = (kind: TermKind, key: string): number => {
    const k = (kind === 0 ? 'w' : 'b') + key;
    let id = termIds.get(k);
    if (id === undefined) {
      id = kinds.length;
      termIds.set(k, id);
      kinds.push(kind);
    }
    return id;
  };
  const add = (into: Map<number, number>, bag: TermBag, weight: number) => {
    for (const w of bag.words) {
      const id = idOf(0, w);
      into.set(id, (into.get(id) ?? 0) + weight);
    }
    for (const b of bag.bigrams) {
      const id = idOf(1, b);
      into.set(id, (into.get(id) ?? 0) + weight);
    }
  };

  const bagCache = new Map<string, TermBag>();
  const cachedTerms = (s: string): TermBag => {
    let bag = bagCache.get(s);
    if (!bag) {
      bag = termsOf(normalizeText(s));
      bagCache.set(s, bag);
    }
    return bag;
  };

  sections.forEach((section, si) => {
    const titleBag = cachedTerms(section.title);
    const titleIds = new Map<number, number>();
    add(titleIds, titleBag, 1);
    titleTerms.push(new Set(titleIds.keys()));
    const parentTitles = section.parents.map((p) => byId.get(p)?.title ?? '');
    const parentBags = parentTitles.map(cachedTerms);
    const list: number[] = [];
    const labels = new Set<string>();
    for (const p of splitPassages(section)) {
      list.push(passages.length);
      passages.push(p);
      passageSection.push(si);
      bodies.push(termsOf(normalizeText(p.text)));
      passageMatch.push(matchForm([section.title, ...parentTitles, ...p.context, p.text].join('\n')));
      const extra = new Map<number, number>();
      add(extra, titleBag, HEADING);
      for (const pb of parentBags) add(extra, pb, PARENT);
      for (const l of p.context) {
        labels.add(l);
        add(extra, cachedTerms(l), LABEL);
      }
      extras.push(extra);
    }
    sectionPassages.push(list);
    sectionMatch.push(matchForm([section.title, ...parentTitles, ...labels, section.text].join('\n')));
  });

  // BM25F: body term counts are length-normalised per kind; heading/label/parent counts are added as they are.
  const n = passages.length;
  const avg = [0, 0];
  for (const b of bodies) {
    avg[0]! += b.words.length;
    avg[1]! += b.bigrams.length;
  }
  avg[0] = avg[0]! / Math.max(1, n) || 1;
  avg[1] = avg[1]! / Math.max(1, n) || 1;
  const forward: Map<number, number>[] = [];
  for (let i = 0; i < n; i++) {
    const body = bodies[i]!;
    const fwd = new Map<number, number>();
    const wNorm = 1 - B_BODY + (B_BODY * body.words.length) / avg[0]!;
    const bNorm = 1 - B_BODY + (B_BODY * body.bigrams.length) / avg[1]!;
    add(fwd, { words: body.words, bigrams: [] }, 1 / wNorm);
    add(fwd, { words: [], bigrams: body.bigrams }, 1 / bNorm);
    for (const [id, tf] of extras[i]!) fwd.set(id, (fwd.get(id) ?? 0) + tf);
    forward.push(fwd);
  }

  const df = new Int32Array(kinds.length);
  for (const fwd of forward) for (const id of fwd.keys()) df[id]!++;
  const idf = new Float64Array(kinds.length);
  for (let t = 0; t < kinds.length; t++) idf[t] = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
  const lists: { docs: number[]; tfs: number[] }[] = kinds.map(() => ({ docs: [], tfs: [] }));
  forward.forEach((fwd, pi) => {
    for (const [id, tf] of fwd) {
      lists[id]!.docs.push(pi);
      lists[id]!.tfs.push(tf);
    }
  });
  return {
    passages,
    index: {
      termIds,
      idf,
      postings: lists.map((p) => ({ docs: Int32Array.from(p.docs), tfs: Float32Array.from(p.tfs) })),
      forward,
      passageSection: Int32Array.from(passageSection),
      sectionPassages,
      sectionMatch,
      passageMatch,
      unseenIdf: Math.log(1 + (n + 0.5) / 0.5),
      titleTerms,
    },
  };
}

interface ContentWord {
  key: string;
  /** idf × kind multiplier (okurigana, verb stem, single kanji). */
  weight: number;
  /** Synonym matches overlapping the word: it is covered when the hit contains one of their targets. */
  synonyms: SynonymMatch[];
  /** The compound (adjacent content words, e.g. 人事+評価) the word belongs to, if any. */
  compound?: Compound;
}

interface Compound {
  key: string;
  parts: ContentWord[];
  /** Synonym matches spanning the whole compound. */
  synonyms: SynonymMatch[];
}

interface PreparedQuery {
  terms: QueryTerm[];
  content: ContentWord[];
}

const PURE_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const HAS_HIRAGANA = /\p{Script=Hiragana}/u;
const SINGLE_HAN = /^\p{Script=Han}$/u;
const surfaceTermsCache = new Map<string, TermBag>();

const overlaps = (s: SynonymMatch, index: number, length: number) =>
  s.index < index + length && index < s.index + s.length;

function prepareQuery(index: IndexData, query: string): PreparedQuery {
  const qn = normalizeText(query);
  const synonyms = findSynonyms(termKey(qn));
  const weights = new Map<number, number>();
  const put = (kind: TermKind, key: string, w: number) => {
    const id = index.termIds.get((kind === 0 ? 'w' : 'b') + key);
    if (id === undefined) return; // not in the corpus: adds nothing to any score
    const kw = w * (kind === 0 ? WORD_WEIGHT : BIGRAM_WEIGHT) * index.idf[id]!;
    if ((weights.get(id) ?? 0) < kw) weights.set(id, kw);
  };

  const words = segmentWords(qn);
  // Text for bigrams: stop words and hiragana-only words blanked, so that particles and question
  // endings neither score nor glue content words into spurious bigrams.
  const chars = qn.split('');
  const content: ContentWord[] = [];
  const contentAt = new Map<number, ContentWord>(); // word position → content word
  words.forEach((w, i) => {
    const stop = STOP_WORDS.has(w.key);
    const hira = PURE_HIRAGANA.test(w.surface);
    if (stop || hira) chars.fill(' ', w.index, w.index + w.length);
    if (stop || (hira && w.surface.length < 3 && !SHORT_HIRAGANA_CONTENT.has(w.key))) return;
    // Verbs and adjectives (okurigana, bare stems) say less about the topic than nouns.
    const next = words[i + 1];
    const gluedToKana = next !== undefined && next.index === w.index + w.length && HAS_HIRAGANA.test(next.surface[0]!);
    let kindWeight = 1;
    if (SINGLE_HAN.test(w.surface)) kindWeight = gluedToKana ? VERB_STEM : SINGLE_KANJI;
    else if (HAS_HIRAGANA.test(w.surface) && !hira) kindWeight = OKURIGANA_WORD;
    const synonymsHere = synonyms.filter((s) => overlaps(s, w.index, w.length));
    // A word that is part of a recognised staff phrase (キャリア|アップ) counts less on its own.
    put(0, w.key, synonymsHere.length > 0 ? kindWeight * IN_PHRASE : kindWeight);
    if (!isContentSurface(w.surface) && synonymsHere.length === 0) return;
    const id = index.termIds.get('w' + w.key);
    const weight = (id === undefined ? index.unseenIdf : index.idf[id]!) * kindWeight;
    const c: ContentWord = { key: w.key, weight, synonyms: synonymsHere };
    content.push(c);
    contentAt.set(i, c);
  });
  // Compounds: runs of adjacent content words without kana (人事|評価, 元気|アップ|会議).
  const isPlain = (w: Word) => isContentSurface(w.surface) && !HAS_HIRAGANA.test(w.surface) && !STOP_WORDS.has(w.key);
  for (let i = 0; i < words.length; ) {
    let j = i;
    while (j + 1 < words.length && isPlain(words[j]!) && isPlain(words[j + 1]!) && words[j + 1]!.index === words[j]!.index + words[j]!.length) j++;
    if (j > i) {
      const run = words.slice(i, j + 1);
      const start = run[0]!.index;
      const end = run[j - i]!.index + run[j - i]!.length;
      const parts: ContentWord[] = [];
      for (let x = i; x <= j; x++) {
        const c = contentAt.get(x);
        if (c) parts.push(c);
      }
      const compound: Compound = {
        key: run.map((w) => w.key).join(''),
        parts,
        synonyms: synonyms.filter((s) => s.index <= start && s.index + s.length >= end),
      };
      for (const c of parts) c.compound = compound;
    }
    i = j + 1;
  }
  for (const b of charBigrams(chars.join(''))) put(1, b, HAS_HIRAGANA.test(b) ? OKURIGANA_WORD : 1);
  for (const s of synonyms) {
    for (const surface of s.surfaces) {
      let bag = surfaceTermsCache.get(surface);
      if (!bag) {
        bag = termsOf(surface);
        surfaceTermsCache.set(surface, bag);
      }
      for (const w of bag.words) put(0, w, SYNONYM_WEIGHT);
      for (const b of bag.bigrams) if (!PURE_HIRAGANA.test(b)) put(1, b, SYNONYM_WEIGHT);
    }
  }
  return { terms: [...weights].map(([id, weight]) => ({ id, weight })), content };
}

function coverageOf(index: IndexData, q: PreparedQuery, sectionIdx: number): number {
  if (q.content.length === 0) return 0;
  const text = index.sectionMatch[sectionIdx]!;
  const has = (t: string, c: ContentWord) => t.includes(c.key) || c.synonyms.some((s) => s.targets.some((x) => t.includes(x)));
  // A compound is intact when it occurs as written (or through a synonym of the whole), or when all its parts
  // occur together in one passage of the section (接遇 … 研修); 人事評価 is not intact in a section that only
  // speaks of 評価.
  const intact = new Map<Compound, boolean>();
  const isIntact = (cp: Compound): boolean => {
    let ok = intact.get(cp);
    if (ok === undefined) {
      ok =
        text.includes(cp.key) ||
        cp.synonyms.some((s) => s.targets.some((x) => text.includes(x))) ||
        index.sectionPassages[sectionIdx]!.some((pi) => cp.parts.every((c) => has(index.passageMatch[pi]!, c)));
      intact.set(cp, ok);
    }
    return ok;
  };
  let total = 0;
  let covered = 0;
  for (const c of q.content) {
    total += c.weight;
    if (!has(text, c)) continue;
    covered += c.compound === undefined || isIntact(c.compound) ? c.weight : c.weight * BROKEN_COMPOUND;
  }
  return total > 0 ? covered / total : 0;
}

function scorePassage(index: IndexData, q: PreparedQuery, pi: number): number {
  const fwd = index.forward[pi]!;
  let score = 0;
  for (const t of q.terms) {
    const tf = fwd.get(t.id);
    if (tf !== undefined) score += (t.weight * tf * (K1 + 1)) / (tf + K1);
  }
  return score;
}

export function createRetriever(sections: Section[]): Retriever {
  const { index, passages } = buildIndex(sections);
  const n = passages.length;
  const m = sections.length;
  // Scratch space reused by every query; reset only where a query wrote.
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const seen = new Uint8Array(n);
  const secFirst = new Float64Array(m);
  const secSecond = new Float64Array(m);
  const secTouched = new Int32Array(m);
  const secSeen = new Uint8Array(m);

  const bestOf = (q: PreparedQuery, sectionIdx: number, count: number): PassageHit[] =>
    index.sectionPassages[sectionIdx]!
      .map((pi) => ({ passage: passages[pi]!, score: scorePassage(index, q, pi) }))
      .sort((a, b) => b.score - a.score || a.passage.start - b.passage.start)
      .slice(0, count);

  const search = (query: string, k = DEFAULT_K): Retrieval => {
    const q = prepareQuery(index, query);
    // 1. Passage scores: walk the postings of the query's terms only.
    let touchedCount = 0;
    for (const t of q.terms) {
      const p = index.postings[t.id]!;
      const w = t.weight * (K1 + 1);
      const docs = p.docs;
      const tfs = p.tfs;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j]!;
        const tf = tfs[j]!;
        if (!seen[d]) {
          seen[d] = 1;
          touched[touchedCount++] = d;
        }
        acc[d]! += (w * tf) / (tf + K1);
      }
    }
    // 2. Section scores: best passage + a share of the second best.
    let secCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i]!;
      const sc = acc[d]!;
      const si = index.passageSection[d]!;
      if (!secSeen[si]) {
        secSeen[si] = 1;
        secTouched[secCount++] = si;
      }
      if (sc > secFirst[si]!) {
        secSecond[si] = secFirst[si]!;
        secFirst[si] = sc;
      } else if (sc > secSecond[si]!) secSecond[si] = sc;
    }
    // 3. Keep the best few sections (bounded insertion), then apply the heading boost and cut to k.
    const keep = Math.max(RERANK, k);
    const cand: { si: number; score: number }[] = [];
    for (let i = 0; i < secCount; i++) {
      const si = secTouched[i]!;
      const sc = secFirst[si]! + SECOND_PASSAGE * secSecond[si]!;
      if (cand.length === keep && !better(sc, si, cand[keep - 1]!)) continue;
      let at = cand.length;
      while (at > 0 && better(sc, si, cand[at - 1]!)) at--;
      cand.splice(at, 0, { si, score: sc });
      if (cand.length > keep) cand.pop();
    }
    let queryWeight = 0;
    for (const t of q.terms) queryWeight += t.weight;
    for (const c of cand) {
      const title = index.titleTerms[c.si]!;
      let inTitle = 0;
      for (const t of q.terms) if (title.has(t.id)) inTitle += t.weight;
      c.score *= 1 + (TITLE_BONUS * inTitle) / Math.max(queryWeight, 1e-9);
    }
    cand.sort((a, b) => b.score - a.score || a.si - b.si);
    const ranked = cand.slice(0, Math.max(0, k));
    const hits: Hit[] = ranked.map((r) => {
      const own: PassageHit[] = [];
      for (const d of index.sectionPassages[r.si]!) if (seen[d]) own.push({ passage: passages[d]!, score: acc[d]! });
      own.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start);
      return { section: sections[r.si]!, score: r.score, passages: own.slice(0, PASSAGES_PER_HIT) };
    });
    // 4. Reset the scratch space.
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i]!;
      acc[d] = 0;
      seen[d] = 0;
    }
    for (let i = 0; i < secCount; i++) {
      const si = secTouched[i]!;
      secFirst[si] = 0;
      secSecond[si] = 0;
      secSeen[si] = 0;
    }
    const coverage = ranked.length > 0 ? coverageOf(index, q, ranked[0]!.si) : 0;
    return { hits, found: hits.length > 0 && coverage >= FOUND_COVERAGE, coverage };
  };

  const sectionIndex = new Map(sections.map((s, i) => [s.id, i]));
  return {
    passages,
    search,
    bestPassages(query: string, sectionId: string, count = PASSAGES_PER_HIT): PassageHit[] {
      const si = sectionIndex.get(sectionId);
      if (si === undefined) return [];
      return bestOf(prepareQuery(index, query), si, count);
    },
  };
}

/** Higher score first; on a tie, the earlier section. */
function better(score: number, si: number, than: { si: number; score: number }): boolean {
  return score > than.score || (score === than.score && si < than.si);
}
