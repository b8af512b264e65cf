/**
 * Lexical retrieval over the plan for Japanese (and English) questions. No network, no model.
 * Design and measurements: docs/retrieval.md.
 *
 * - Passages (passages.ts), indexed once with BM25F over content words by base form, noun compounds and
 *   character bigrams (plan-index.ts, terms.ts; morphological analysis by Lindera, analyzer.ts).
 * - The question is analysed the same way and expanded: Sudachi synonyms, the plan-jargon table, the English
 *   glossary, reading matches and one-edit typo matches (query.ts).
 * - Ranking: a section scores its best passage plus SECOND_PASSAGE × its second best; passages that hold the
 *   kind of answer asked for (who / when / how many, intent.ts) weigh ANSWER_KIND more; the best RERANK
 *   sections then get the heading boost × (1 + TITLE_BONUS × share of the query's weight in their own title).
 * - The question bank's nearest neighbours (question-bank.ts) add (BANK + BANK_ABSENT × absent + BANK_UNCOVERED ×
 *   the share the first section leaves uncovered) × the top score × their share of the vote to the sections they
 *   vote for; their share for "not in the plan" is one feature of `found`.
 * - found (found.ts): the question's content words, weighted by rarity and kind, must be covered by
 *   the top section — literally or through an expansion whose plan wording it contains — and none of its
 *   key nouns may be missing from the whole plan.
 */
import { absenceOf, coverageOf } from './found.js';
import { withoutSpans } from './context.js';
import { decideFound, FOUND_MODEL, isLatin, type FoundEvidence, type FoundModel } from './found-model.js';
import { asksAll, asksWhatItIs, type AnswerKind } from './intent.js';
import { buildIndex, K1, termBagCache, type IndexData } from './plan-index.js';
import type { Passage } from './passages.js';
import { analyseQuestion, prepareQuery, type PreparedQuery } from './query.js';
import { EMPTY_BANK, type BankVote, type QuestionBank } from './question-bank.js';
import { sectionReference } from './section-ref.js';
import type { Section } from './types.js';

export type { Passage } from './passages.js';
export { splitPassages } from './passages.js';
export { decideFound, FOUND_MODEL, type FoundModel } from './found-model.js';

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
  /**
   * What `found` was decided on (found-model.ts): coverage by the top hit, the share of nouns absent from the plan,
   * whether the topic is absent, the question bank's "not in the plan" share, …; calibration refits on it.
   */
  evidence: FoundEvidence;
  /** The evidence says the plan covers the question (found, before the check for an asked detail). */
  covered: boolean;
  /** What kind of answer the question asks for, if any (a name, a time, a date, how often, how many). */
  asks?: AnswerKind;
  /** The question asks for such a detail and the top section's best passages hold none: the plan does not say. */
  detailMissing: boolean;
}


export interface Retriever {
  search(query: string, k?: number): Retrieval;
  /** The same retriever (same index) deciding `found` with another model: for calibration on dev. */
  withModel(m: FoundModel): Retriever;
  /** The same retriever with another question bank (dev: the bank without the asking writer). */
  withBank(bank: QuestionBank): Retriever;
  readonly bank: QuestionBank;
  /** The n passages of one section that best match the query, best first. */
  bestPassages(query: string, sectionId: string, n?: number): PassageHit[];
  /** All passages, in document order. */
  readonly passages: readonly Passage[];
  readonly model: FoundModel;
}

const SECOND_PASSAGE = 0.2;
const TITLE_BONUS = 0.5;
const RERANK = 20;
/** Passages holding the kind of answer asked for weigh this much more (a name: the answer itself). */
const ANSWER_KIND = 1.3;
const ANSWER_NAME = 2;
const answerKindWeight = (kind: AnswerKind) => (kind === 'name' ? ANSWER_NAME : ANSWER_KIND);
const PASSAGES_PER_HIT = 3;
/** Weight of the question bank's vote, relative to the top lexical score (fitted on dev, writers left out). */
const BANK = 0.5;
/** …plus this much × `absent`: the less of the question the plan has, the more its neighbours count. */
const BANK_ABSENT = 1;
/** …plus this much × the share of the question the lexical first does not cover (everyday wording, round 4). */
const BANK_UNCOVERED = 1;
const DEFAULT_K = 5;
/** When no word of the question is in the plan, the neighbours' votes alone rank the sections, on this scale. */
const NO_LEXICAL_SCALE = 1;

/** `bank`: labelled questions about these sections (question-bank.ts); none by default. */
export function createRetriever(sections: Section[], bank: QuestionBank = EMPTY_BANK): Retriever {
  return retrieverOver(buildIndex(sections), FOUND_MODEL, bank);
}

function retrieverOver(index: IndexData, model: FoundModel, bank: QuestionBank): Retriever {
  const { sections } = index;
  const { passages } = index;
  const n = passages.length;
  const m = sections.length;
  const acc = new Float64Array(n);
  const touched = new Int32Array(n);
  const seen = new Uint8Array(n);
  const secFirst = new Float64Array(m);
  const secSecond = new Float64Array(m);
  const secTouched = new Int32Array(m);
  const secSeen = new Uint8Array(m);
  const sectionIndex = new Map(sections.map((s, i) => [s.id, i]));
  const passageIdx = new Map(passages.map((p, i) => [p, i]));
  const byId = new Map(sections.map((s) => [s.id, s]));
  const byBank = new WeakMap<QuestionBank, Retriever>();
  const bagOf = termBagCache();

  /** Does one of the hit's quoted passages hold the kind of answer asked for? */
  const seenKind = (pi: number, kind: AnswerKind, quoted: PassageHit[]) =>
    index.passageKinds[pi]![kind] && quoted.some((h) => h.passage === passages[pi]);

  const scorePassage = (q: PreparedQuery, pi: number): number => {
    const fwd = index.forward[pi]!;
    let score = 0;
    for (const t of q.terms) {
      const tf = fwd.get(t.id);
      if (tf !== undefined) score += (t.weight * tf * (K1 + 1)) / (tf + K1);
    }
    return score;
  };

  const search = (query: string, k = DEFAULT_K): Retrieval => {
    const q = prepareQuery(index, query, bagOf);
    const kinds = asksAll(query);
    const kind = kinds[0];
    let touchedCount = 0;
    for (const t of q.terms) {
      const p = index.postings[t.id]!;
      const w = t.weight * (K1 + 1);
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j]!;
        const tf = p.tfs[j]!;
        if (!seen[d]) {
          seen[d] = 1;
          touched[touchedCount++] = d;
        }
        acc[d]! += (w * tf) / (tf + K1);
      }
    }
    let secCount = 0;
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i]!;
      if (kind && index.passageKinds[d]![kind]) acc[d]! *= answerKindWeight(kind);
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
    const { absent, topicAbsent } = absenceOf(index, q);
    // The neighbours are asked about what the question asks, not about the role it sets aside (「管理職ではない職員」).
    const asked = q.aside.length > 0 ? analyseQuestion(withoutSpans(q.analysis.text, q.aside)) : q.analysis;
    const vote = bank.vote(asked, { ...(kind ? { asks: kind } : {}), nounsInPlan: absent === 0 }, q.planTerms);
    const uncovered = cand[0] ? 1 - coverageOf(index, q, cand[0].si) : 0;
    addVotes(cand, vote, sectionIndex, BANK + BANK_ABSENT * absent + BANK_UNCOVERED * uncovered);
    // A section named by its number goes first, unless the words already point inside it; one named by its words
    // (「役割の章」) goes first all the same. A name asked of the plan's end is the preface's signature (結び is unsigned).
    const named = sectionReference(query, byId, cand[0] ? sections[cand[0].si] : undefined);
    const ref = kind === 'name' && named?.section.id === '結び' ? byId.get('前文') : named?.section;
    const refIdx = ref ? sectionIndex.get(ref.id)! : -1;
    if (ref && named && !(cand[0] && (cand[0].si === refIdx || (!named.byName && sections[cand[0].si]!.parents.includes(ref.id))))) {
      const at = cand.findIndex((c) => c.si === refIdx);
      const entry = at >= 0 ? cand.splice(at, 1)[0]! : { si: refIdx, score: 0 };
      entry.score = Math.max(entry.score, cand[0]?.score ?? 0);
      cand.unshift(entry);
    }
    const ranked = cand.slice(0, Math.max(0, k));
    const hits: Hit[] = ranked.map((r) => {
      const own: PassageHit[] = [];
      for (const d of index.sectionPassages[r.si]!) if (seen[d]) own.push({ passage: passages[d]!, score: acc[d]! });
      // A section only the bank voted for: its passages in document order.
      if (own.length === 0) for (const d of index.sectionPassages[r.si]!) own.push({ passage: passages[d]!, score: 0 });
      own.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start);
      const quoted = own.slice(0, PASSAGES_PER_HIT);
      // When the best passages hold none of the kind of answer asked for, the best matched passage of the section that
      // does (for a name, the signature, matched or not) is quoted in place of the last, as if it matched best.
      if (kind && !quoted.some((h) => index.passageKinds[passageIdx.get(h.passage)!]![kind])) {
        let best = -1;
        for (const d of index.sectionPassages[r.si]!) if (index.passageKinds[d]![kind] && (acc[d]! > 0 || kind === 'name') && (best < 0 || acc[d]! > acc[best]!)) best = d;
        if (best >= 0) quoted.splice(Math.min(quoted.length, PASSAGES_PER_HIT - 1), 1, { passage: passages[best]!, score: Math.max(acc[best]!, quoted[0]?.score ?? 0) });
      }
      return { section: sections[r.si]!, score: r.score, passages: quoted };
    });
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
    const top = hits[0];
    const detailMissing =
      top !== undefined && kinds.some((kd) => !index.sectionPassages[ranked[0]!.si]!.some((pi) => seenKind(pi, kd, top.passages)));
    const evidence: FoundEvidence = { coverage, absent, topScore: top?.score ?? 0, latin: isLatin(query), length: query.length, topicAbsent, bankOff: vote.off };
    // 「みなと～くってなに？」 about a term the top section wholly covers: its neighbours asked other things about it.
    const definesPlanTerm = kind === undefined && absent === 0 && coverage >= 0.99 && asksWhatItIs(query);
    const covered = hits.length > 0 && (ref !== undefined || definesPlanTerm || decideFound(evidence, model));
    return {
      hits,
      found: covered && !detailMissing,
      covered,
      evidence,
      detailMissing,
      ...(kind ? { asks: kind } : {}),
    };
  };

  return {
    passages,
    search,
    model,
    bank,
    withModel: (m) => retrieverOver(index, m, bank),
    // Once per bank: the keyless answer asks the bank-free one about parts of many questions (and keeps its term cache).
    withBank: (b) => byBank.get(b) ?? byBank.set(b, retrieverOver(index, model, b)).get(b)!,
    bestPassages(query: string, sectionId: string, count = PASSAGES_PER_HIT): PassageHit[] {
      const si = sectionIndex.get(sectionId);
      if (si === undefined) return [];
      const q = prepareQuery(index, query, bagOf);
      return index.sectionPassages[si]!
        .map((pi) => ({ passage: passages[pi]!, score: scorePassage(q, pi) }))
        .sort((a, b) => b.score - a.score || a.passage.start - b.passage.start)
        .slice(0, count);
    },
  };
}

/** The bank's votes, scaled to the top lexical score, added to (or entering) the candidates; re-sorted. */
function addVotes(cand: { si: number; score: number }[], vote: BankVote, sectionIndex: Map<string, number>, weight: number): void {
  const voteTop = Math.max(0, ...vote.sections.values());
  if (voteTop <= 0) return;
  const lexTop = cand[0]?.score || NO_LEXICAL_SCALE;
  for (const [id, share] of vote.sections) {
    const si = sectionIndex.get(id);
    if (si === undefined) continue;
    const bonus = (weight * lexTop * share) / voteTop;
    const c = cand.find((x) => x.si === si);
    if (c) c.score += bonus;
    else cand.push({ si, score: bonus });
  }
  cand.sort((a, b) => b.score - a.score || a.si - b.si);
}

/** Higher score first; on a tie, the earlier section. */
function better(score: number, si: number, than: { si: number; score: number }): boolean {
  return score > than.score || (score === than.score && si < than.si);
}
