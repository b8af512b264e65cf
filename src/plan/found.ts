/**
 * Deciding `found` on evidence that generalises (docs/retrieval.md):
 * - coverage: the weighted share of the question's content words that the top section covers, literally or
 *   through an expansion (synonym, reading, typo) whose plan wording it contains;
 * - absent: the weighted share of the question's nouns (compounds as one unit) that the plan has nowhere;
 * - detailMissing (retrieval.ts): a time, date, number or name is asked and the quoted passages hold none.
 */
import type { IndexData } from './plan-index.js';
import { termKey } from './normalize.js';
import type { PreparedQuery, QueryWord } from './query.js';
import type { Compound } from './terms.js';

export interface FoundThresholds {
  coverage: number;
  absent: number;
}

/** Credit for the parts of a compound (人事+評価) whose whole does not occur in the hit. */
const BROKEN_COMPOUND = 0.5;
/** Coverage credit of a word covered only through a typo match. */
const TYPO_CREDIT = 0.8;
/**
 * found = coverage ≥ FOUND_COVERAGE and absent < FOUND_ABSENT. Calibrated on the dev split only
 * (`npm run eval -- --calibrate`), see docs/evaluation.md.
 */
export const FOUND_COVERAGE = 0.1;
export const FOUND_ABSENT = 0.55;
export const DEFAULT_THRESHOLDS: FoundThresholds = { coverage: FOUND_COVERAGE, absent: FOUND_ABSENT };

export function decideFound(coverage: number, absent: number, t: FoundThresholds = DEFAULT_THRESHOLDS): boolean {
  return coverage >= t.coverage && absent < t.absent;
}

function wordCredit(index: IndexData, q: PreparedQuery, w: QueryWord, text: string): number {
  if (text.includes(w.key) || text.includes(termKey(w.surface))) return 1;
  let credit = 0;
  for (const e of q.expansions) {
    if (!(e.index < w.index + w.length && w.index < e.index + e.length)) continue;
    if (e.targets.some((t) => text.includes(t))) credit = Math.max(credit, e.source === 'typo' ? TYPO_CREDIT : 1);
  }
  return credit;
}

export function coverageOf(index: IndexData, q: PreparedQuery, sectionIdx: number): number {
  if (q.words.length === 0) return 0;
  const text = index.sectionMatch[sectionIdx]!;
  // A compound is intact when it occurs as written (or through an expansion of the whole), or when all its parts
  // occur together in one passage of the section (接遇 … 研修); 人事評価 is not intact where only 評価 is.
  const intact = new Map<Compound, boolean>();
  const isIntact = (cp: Compound): boolean => {
    let ok = intact.get(cp);
    if (ok === undefined) {
      const parts = q.words.filter((w) => w.compound === cp);
      ok =
        text.includes(cp.key) ||
        q.expansions.some((e) => e.index <= cp.index && e.index + e.length >= cp.index + cp.length && e.targets.some((t) => text.includes(t))) ||
        index.sectionPassages[sectionIdx]!.some((pi) => parts.every((w) => wordCredit(index, q, w, index.passageMatch[pi]!) > 0));
      intact.set(cp, ok);
    }
    return ok;
  };
  let total = 0;
  let covered = 0;
  for (const w of q.words) {
    total += w.weight;
    const credit = wordCredit(index, q, w, text);
    if (credit === 0) continue;
    covered += credit * w.weight * (w.compound === undefined || isIntact(w.compound) ? 1 : BROKEN_COMPOUND);
  }
  return total > 0 ? covered / total : 0;
}

/**
 * Share of the question's noun weight that the plan has nowhere (年休, 駐車場, 旅費 …). A compound counts as one
 * unit, weighing as its rarest part: when the plan never writes it and its pieces (prefixes too: 再+発行) never
 * meet in one passage, it is BROKEN_COMPOUND missing (fully, when a part is missing, or when a suffix derives it).
 */
export function absentOf(index: IndexData, q: PreparedQuery): number {
  let total = 0;
  let missing = 0;
  const done = new Set<Compound>();
  for (const w of q.words) {
    if (w.compound) {
      if (done.has(w.compound)) continue;
      done.add(w.compound);
      const parts = q.words.filter((x) => x.compound === w.compound);
      const weight = Math.max(...parts.map((x) => x.weight));
      total += weight;
      const nouns = parts.filter((x) => x.kind === 'noun' || x.kind === 'unknown');
      // A suffix makes another thing of a word (参加 → 参加費, 職員 → 職員証, 会議 → 会議室): such a compound is
      // in the plan only as written (or through an expansion of the whole).
      const derived = parts.some((x) => x.kind === 'suffix');
      if (nouns.some((x) => wordCredit(index, q, x, index.planMatch) === 0)) missing += weight;
      else if (!compoundSomewhere(index, q, w.compound, !derived)) missing += derived ? weight : weight * BROKEN_COMPOUND;
      continue;
    }
    if (w.kind !== 'noun' && w.kind !== 'unknown') continue;
    total += w.weight;
    if (wordCredit(index, q, w, index.planMatch) === 0) missing += w.weight;
  }
  return total > 0 ? missing / total : 0;
}

function compoundSomewhere(index: IndexData, q: PreparedQuery, cp: Compound, piecesMayMeet: boolean): boolean {
  if (index.planMatch.includes(cp.key)) return true;
  if (q.expansions.some((e) => e.index <= cp.index && e.index + e.length >= cp.index + cp.length && e.targets.some((t) => index.planMatch.includes(t)))) return true;
  if (!piecesMayMeet) return false;
  const pieces = q.analysis.tokens.filter((t) => t.index >= cp.index && t.index + t.length <= cp.index + cp.length).map((t) => termKey(t.surface));
  return index.passageMatch.some((text) => pieces.every((p) => text.includes(p)));
}

