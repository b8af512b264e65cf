import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/plan/analyzer.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { normalizeText } from '../../src/plan/normalize.js';
import { analyzeText, charBigrams, contentBigrams } from '../../src/plan/terms.js';
import { buildVocabulary, shortVowels, withinOneEdit } from '../../src/plan/vocabulary.js';

describe('analyze (Lindera, IPADIC)', () => {
  it('gives contiguous tokens with offsets, base forms, parts of speech and readings', () => {
    const text = '管理監督者の役割を行います。 What is OJT?';
    const tokens = analyze(text);
    expect(tokens.map((t) => t.surface).join('')).toBe(text);
    for (const t of tokens) expect(text.slice(t.index, t.index + t.length)).toBe(t.surface);
    const verb = tokens.find((t) => t.surface === '行い')!;
    expect(verb).toMatchObject({ lemma: '行う', pos: 'verb', reading: 'おこない' });
    expect(tokens.find((t) => t.surface === '役割')).toMatchObject({ pos: 'noun', reading: 'やくわり' });
    expect(tokens.find((t) => t.surface === 'OJT')).toMatchObject({ pos: 'unknown', lemma: 'ojt' });
  });

  it('reads okurigana and digit variants alike (心がまえ / 心構え, 3つ / ３つ / 三つ)', () => {
    const reading = (s: string) => analyze(normalizeText(s)).map((t) => t.reading).join('');
    expect(reading('心がまえ')).toBe(reading('心構え'));
    expect(reading('3つ')).toBe('みっつ');
    expect(reading('３つ')).toBe('みっつ');
    expect(reading('三つ')).toBe('みっつ');
    expect(analyze(normalizeText('三つの心構え')).map((t) => t.lemma)).toContain('3つ');
    // A count or an ordinal says which or how many, not what about: not a content word (intent reads it).
    expect(analyzeText(normalizeText('心構えの２つ目、5番目の能力')).words.map((w) => w.key)).toEqual(['心構え', '能力']);
  });

  it('joins Latin pieces the dictionary splits (OFF-JT)', () => {
    expect(analyzeText('OFF-JTとは').words.map((w) => w.key)).toContain('off-jt');
  });

  it("takes quotes off an English word, not the apostrophe inside it ('professional', staff's, don't)", () => {
    expect(analyzeText("What does being a 'professional' mean? staff's role, don't").words.map((w) => w.key)).toEqual(['professional', 'staff', 'role']);
  });
});

describe('terms', () => {
  it('keeps content words by base form, drops framing and endings, finds noun compounds', () => {
    const a = analyzeText(normalizeText('元気アップ会議って何をするところですか？'));
    expect(a.words.map((w) => w.key)).toEqual(['元気', 'あっぷ', '会議']);
    expect(a.compounds.map((c) => c.key)).toEqual(['元気あっぷ会議']);
    expect(analyzeText('What are the three mindsets?').words.map((w) => w.key)).toEqual(['mindset']);
    // さん / 様 after a post is politeness: 区長さん is 区長, not a compound of its own.
    const polite = analyzeText(normalizeText('区長さんってだれ'));
    expect(polite.words.map((w) => w.key)).toEqual(['区長']);
    expect(polite.compounds).toEqual([]);
  });

  it('bigrams: content only for the query, kana folded', () => {
    expect(charBigrams('区長表彰')).toEqual(['区長', '長表', '表彰']);
    expect(charBigrams('アップ')).toEqual(charBigrams('あっぷ'));
    expect(contentBigrams(analyzeText('朝礼はいつですか'))).toEqual(['朝礼']);
  });
});

describe('vocabulary', () => {
  const vocab = buildVocabulary(loadPlan().sections.map((s) => analyzeText(normalizeText(s.text))));

  it('finds plan terms by reading', () => {
    expect(vocab.byReading('こころがまえ')).toContain('心構え');
    expect(vocab.byReading('ちょうれい')).toContain('朝礼');
    expect(vocab.byReading('かんりかんとくしゃ')).toContain('管理監督者');
  });

  it('finds them by reading with the long vowels short, as romaji without macrons writes them (chorei, koho shunin)', () => {
    expect(shortVowels('ちょうれい')).toBe('ちょれい');
    expect(vocab.byShortReading('ちょれい')).toContain('朝礼');
    expect(vocab.byShortReading('こほしゅにん')).toContain('広報主任');
    expect(vocab.byReading('ちょれい')).toEqual([]);
  });

  it('corrects one edit on long terms only', () => {
    expect(vocab.typoNeighbours('ぼらんてあ')).toContain('ぼらんてぃあ');
    expect(vocab.typoNeighbours('管理監督車')).toContain('管理監督者');
    expect(vocab.typoNeighbours('職員証')).toEqual([]); // three characters: never corrected
    expect(vocab.typoNeighbours('管理監督者')).toEqual([]); // in the plan as typed
    expect(withinOneEdit('abcd', 'abdc')).toBe(true);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
  });
});
