import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/plan/normalize.js';
import { charBigrams, isContentSurface, segmentWords } from '../../src/plan/tokenize.js';

describe('segmentWords', () => {
  it('finds Japanese words with offsets into the input, keys kana-folded', () => {
    const text = normalizeText('元気アップ会議を設置し');
    const words = segmentWords(text);
    expect(words.map((w) => w.surface)).toContain('会議');
    for (const w of words) expect(text.slice(w.index, w.index + w.length)).toBe(w.surface);
    expect(words.find((w) => w.surface === 'アップ')!.key).toBe('あっぷ');
  });

  it('skips punctuation and white space', () => {
    expect(segmentWords('、。 ？').length).toBe(0);
  });
});

describe('charBigrams', () => {
  it('makes bigrams inside runs, not across punctuation', () => {
    expect(charBigrams('朝礼、会議')).toEqual(['朝礼', '会議']);
    expect(charBigrams('区長表彰')).toEqual(['区長', '長表', '表彰']);
    expect(charBigrams('図')).toEqual(['図']);
  });

  it('folds kana', () => {
    expect(charBigrams('アップ')).toEqual(charBigrams('あっぷ'));
  });
});

describe('isContentSurface', () => {
  it('treats kanji, katakana and Latin words as content, hiragana-only words as function words', () => {
    expect(isContentSurface('会議')).toBe(true);
    expect(isContentSurface('アンケート')).toBe(true);
    expect(isContentSurface('OJT')).toBe(true);
    expect(isContentSurface('ですか')).toBe(false);
    expect(isContentSurface('の')).toBe(false);
  });
});
