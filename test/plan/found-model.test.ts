import { describe, expect, it } from 'vitest';
import { decideFound, FEATURES, featureVector, FOUND_MODEL, foundScore, isLatin, type FoundEvidence } from '../../src/plan/found-model.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { createRetriever } from '../../src/plan/retrieval.js';

const base: FoundEvidence = { coverage: 0.8, absent: 0, topScore: 20, latin: false, length: 20, topicAbsent: false, bankOff: 0 };

describe('the found decision (found-model.ts)', () => {
  it('has one weight per feature, and moves the way the evidence says', () => {
    expect(featureVector(base)).toHaveLength(FEATURES.length);
    expect(decideFound(base)).toBe(true);
    // More of the question covered: more likely found; a better match never less (calibrate.ts keeps each weight to
    // its direction, and the fit on dev gives the top score no weight of its own beside coverage).
    // Nouns the plan lacks, a missing topic, neighbours saying "not in the plan": less.
    expect(foundScore({ ...base, coverage: 0.9 })).toBeGreaterThan(foundScore(base));
    expect(foundScore({ ...base, topScore: 30 })).toBeGreaterThanOrEqual(foundScore(base));
    expect(foundScore({ ...base, absent: 0.5 })).toBeLessThan(foundScore(base));
    expect(foundScore({ ...base, topicAbsent: true })).toBeLessThan(foundScore(base));
    expect(foundScore({ ...base, bankOff: 1 })).toBeLessThan(foundScore(base));
    // None of it in the plan and the neighbours say so too: refused. (With neighbours that vote for a section, a
    // question that shares no word with the plan may still be answered: everyday wording, English.)
    expect(decideFound({ ...base, coverage: 0, absent: 1, topicAbsent: true, bankOff: 1 })).toBe(false);
    // Nothing matched at all: never found, whatever the weights.
    expect(decideFound({ ...base, topScore: 0 }, { ...FOUND_MODEL, bias: 100 })).toBe(false);
  });

  it('tells English questions apart', () => {
    expect(isLatin('What is OJT?')).toBe(true);
    expect(isLatin('OJTとは？')).toBe(false);
  });

  it('reads the evidence off a search: a topic the plan lacks, a model swapped for calibration', () => {
    const retriever = createRetriever(loadPlan().sections);
    expect(retriever.search('区役所の防災訓練は新人も参加が必要でしょうか').evidence.topicAbsent).toBe(true);
    expect(retriever.search('改善箱ってどこにあるの').evidence.topicAbsent).toBe(false);
    const never = retriever.withModel({ ...FOUND_MODEL, bias: -100 });
    expect(never.search('改善箱ってどこにあるの').found).toBe(false);
    expect(retriever.search('改善箱ってどこにあるの').found).toBe(true);
  });
});
