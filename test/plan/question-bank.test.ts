import { describe, expect, it } from 'vitest';
import { buildIndex, termBagCache } from '../../src/plan/plan-index.js';
import { analyseQuestion, prepareQuery } from '../../src/plan/query.js';
import { bankEntry, createQuestionBank, EMPTY_BANK, readingBigrams } from '../../src/plan/question-bank.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { createRetriever } from '../../src/plan/retrieval.js';

const bank = createQuestionBank([
  bankEntry('上の人に言いにくいことを話せる場はありますか', ['4(2)②'], 'a'),
  bankEntry('How do I take part in volunteering?', ['4(2)⑧'], 'a'),
  bankEntry('駐車場は使えますか', [], 'b'),
  bankEntry('職員用の駐車場の場所は？', [], 'b'),
]);

describe('the question bank (question-bank.ts)', () => {
  it('lets the nearest labelled questions vote for their sections', () => {
    const v = bank.vote(analyseQuestion('上司に言いにくいことはどこで話せばいい？'));
    expect([...v.sections.keys()][0]).toBe('4(2)②');
    // 上司 (じょうし) shares a reading bigram with 駐車場 (ちゅうしゃじょう): a far neighbour, a small share.
    expect(v.sections.get('4(2)②')).toBeGreaterThan(0.6);
    expect(v.off).toBeLessThan(0.4);
    expect(bank.vote(analyseQuestion('Can I join the volunteering?')).sections.has('4(2)⑧')).toBe(true);
  });

  it('says "not in the plan" where its neighbours do, and nothing where no neighbour shares a word', () => {
    expect(bank.vote(analyseQuestion('駐車場ってある？')).off).toBeGreaterThan(0.5);
    const none = bank.vote(analyseQuestion('ｘｙｚ'));
    expect(none.sections.size).toBe(0);
    expect(none.off).toBe(0);
  });

  it('does not let a question the plan leaves out only for its detail speak for one that does not ask it', () => {
    const detail = createQuestionBank([bankEntry('朝礼は何時から？', [], 'a'), bankEntry('朝礼の目的は？', ['4(2)①'], 'b')]);
    expect(detail.vote(analyseQuestion('朝礼'), { nounsInPlan: true }).off).toBe(0);
    expect(detail.vote(analyseQuestion('朝礼は週何回？'), { asks: 'times', nounsInPlan: true }).off).toBe(0);
    expect(detail.vote(analyseQuestion('朝礼は何時から？'), { asks: 'time', nounsInPlan: true }).off).toBeGreaterThan(0.3);
    expect(detail.vote(analyseQuestion('朝礼は何時に始まる？')).off).toBeGreaterThan(0.3);
  });

  it('meets a question typed in hiragana through the readings of one written in kanji', () => {
    const kana = createQuestionBank([bankEntry('職員の役割は？', ['3(1)'], 'a'), bankEntry('駐車場は使えますか', [], 'b')]);
    expect(readingBigrams(analyseQuestion('職員の役割'))).toEqual(expect.arrayContaining(['しょ', 'いん', 'やく', 'わり']));
    const v = kana.vote(analyseQuestion('しょくいんのやくわりってなに'));
    expect([...v.sections.keys()]).toEqual(['3(1)']);
    expect(v.off).toBe(0);
    // English has no readings: its vote is what its words give.
    expect(readingBigrams(analyseQuestion("What are the staff's roles?"))).toEqual([]);
  });

  it('meets a Japanese question through the plan terms both expand to (上長 and ボス are 管理監督者), not an English one', () => {
    const index = buildIndex(loadPlan().sections);
    const planTerms = (q: string) => prepareQuery(index, q, termBagCache()).planTerms;
    const entry = (q: string, sections: string[]) => bankEntry(q, sections, 'a', planTerms(q));
    expect(planTerms('ボスの役目は？')).toContain('管理監督者');
    expect(planTerms('Who is the boss here?')).toEqual([]);
    const expanded = createQuestionBank([entry('ボスの役目は？', ['3(2)']), entry('年休は何日？', [])]);
    const q = '上長に求められること';
    expect([...expanded.vote(analyseQuestion(q), {}, planTerms(q)).sections.keys()]).toEqual(['3(2)']);
    // Without its expansions the same question meets nobody: it shares no word, bigram or reading with either.
    expect(expanded.vote(analyseQuestion(q)).sections.size).toBe(0);
  });

  it('moves the voted section up the ranking', () => {
    const sections = loadPlan().sections;
    const q = '上の人に言いにくいことってどこで話せる？';
    const plain = createRetriever(sections, EMPTY_BANK).search(q);
    const banked = createRetriever(sections, bank).search(q);
    const rank = (r: typeof plain) => r.hits.findIndex((h) => h.section.id === '4(2)②');
    const score = (r: typeof plain) => r.hits.find((h) => h.section.id === '4(2)②')?.score ?? 0;
    expect(score(banked)).toBeGreaterThan(score(plain));
    expect(rank(banked)).toBeGreaterThanOrEqual(0);
    expect(rank(plain) < 0 || rank(banked) <= rank(plain)).toBe(true);
    expect(plain.evidence.bankOff).toBe(0);
  });

  it('is not asked about the role a question sets aside (「管理職ではない」)', () => {
    const sections = loadPlan().sections;
    const managers = createQuestionBank([
      bankEntry('管理職が気をつけることは？', ['3(2)'], 'a'),
      bankEntry('管理職として心がけることは？', ['3(2)'], 'a'),
      bankEntry('一般の職員には何が求められる？', ['3(1)'], 'b'),
    ]);
    const r = createRetriever(sections, managers).search('管理職ではない一般の職員が気をつけることは？');
    expect(r.hits[0]!.section.id).toBe('3(1)');
  });
});

describe('a question that shares no word with the plan', () => {
  it('is ranked by its neighbours alone', () => {
    const sections = loadPlan().sections;
    // Someone's made-up word for the after-hours sessions, which another writer used too.
    const q = 'zorblax?';
    expect(createRetriever(sections, EMPTY_BANK).search(q).hits).toHaveLength(0);
    const slang = createQuestionBank([bankEntry('is there a zorblax after work?', ['4(2)③'], 'a')]);
    expect(createRetriever(sections, slang).search(q).hits[0]?.section.id).toBe('4(2)③');
  });
});
