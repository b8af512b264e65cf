/**
 * Is the question answered by the plan? A linear decision over the evidence of one search (found.ts, retrieval.ts):
 *
 *   found ⇔ Σ weightᵢ · featureᵢ + bias ≥ 0
 *
 * with the features below. The weights are a logistic regression fitted on the dev split only, with both
 * classes weighted alike and each weight kept to its direction, and the bias then set so that the whole answering
 * pipeline best meets both targets on dev (answered ≥ 95 %, refused ≥ 90 %): `npm run eval -- --calibrate` prints
 * the constants (docs/evaluation.md).
 * No constant here was looked at on the holdout or test splits.
 *
 * A detail that is asked and not in the quoted passages (detailMissing) is decided apart, in retrieval.ts.
 */

export interface FoundEvidence {
  /** Weighted share (0..1) of the question's content words that the top section covers. */
  coverage: number;
  /** Weighted share (0..1) of the question's nouns that the plan has nowhere. */
  absent: number;
  /** BM25F score of the top section (0 when nothing matched). */
  topScore: number;
  /** The question is written in Latin letters (English): its words reach the plan only through the glossary. */
  latin: boolean;
  /** Length of the question in characters (long questions carry context words the plan need not have). */
  length: number;
  /** What the question is about (the noun before は / って / とは / について) is nowhere in the plan. */
  topicAbsent: boolean;
  /** The question bank's nearest neighbours' share of votes for "not in the plan" (question-bank.ts). */
  bankOff: number;
}

export interface FoundModel {
  coverage: number;
  absent: number;
  /** Weight of log(1 + topScore). */
  score: number;
  latin: number;
  /** Weight of log(1 + length). */
  length: number;
  topic: number;
  bankOff: number;
  bias: number;
}

export const FEATURES = ['coverage', 'absent', 'score', 'latin', 'length', 'topic', 'bankOff'] as const satisfies readonly (keyof FoundModel)[];

/** The feature vector, in FEATURES order. */
export function featureVector(e: FoundEvidence): number[] {
  return [e.coverage, e.absent, Math.log1p(e.topScore), e.latin ? 1 : 0, Math.log1p(e.length), e.topicAbsent ? 1 : 0, e.bankOff];
}

/** Fitted on dev (each writer with their own questions left out of the bank) by `npm run eval -- --calibrate` (2026-12-02, round 5). */
export const FOUND_MODEL: FoundModel = { coverage: 1.27, absent: -1.21, score: 0, latin: -0.78, length: 0.98, topic: -0.35, bankOff: -5.15, bias: -0.89 };

export function foundScore(e: FoundEvidence, m: FoundModel = FOUND_MODEL): number {
  const x = featureVector(e);
  return FEATURES.reduce((z, name, i) => z + m[name] * x[i]!, m.bias);
}

export function decideFound(e: FoundEvidence, m: FoundModel = FOUND_MODEL): boolean {
  return e.topScore > 0 && foundScore(e, m) >= 0;
}

const LATIN_ONLY = /^[\p{Script=Latin}\p{N}\p{P}\p{S}\s]+$/u;

export function isLatin(question: string): boolean {
  return LATIN_ONLY.test(question);
}
