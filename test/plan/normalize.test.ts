import { describe, expect, it } from 'vitest';
import { compactForMatch, foldKana, matchForm, normalizeText, splitSentences, termKey } from '../../src/plan/normalize.js';

describe('normalizeText', () => {
  it('applies NFKC: full-width Latin, digits and brackets become ASCII', () => {
    expect(normalizeText('ＯＪＴ（職場研修）は３つ')).toBe('OJT(職場研修)は3つ');
  });

  it('collapses white space and trims', () => {
    expect(normalizeText('  平成 24年\n\t 8月　スタート ')).toBe('平成 24年 8月 スタート');
  });

  it('unifies wave dashes and dashes typed inside katakana words', () => {
    expect(normalizeText('みなと〜く')).toBe(normalizeText('みなと～く'));
    expect(normalizeText('ミ－ティング')).toBe('ミーティング');
    expect(normalizeText('ﾐｰﾃｨﾝｸﾞ')).toBe('ミーティング');
    expect(normalizeText('OFF-JT')).toBe('OFF-JT');
  });

  it('keeps kana as they are (the segmenter needs katakana)', () => {
    expect(normalizeText('ボランティア')).toBe('ボランティア');
  });
});

describe('compactForMatch', () => {
  it('removes all white space after NFKC, so a quote with tidied spaces still matches', () => {
    expect(compactForMatch('平成 24年 8月、公募区長の\n就任')).toBe('平成24年8月、公募区長の就任');
    expect(compactForMatch('ＰＤＣＡ サイクル')).toBe('PDCAサイクル');
  });
});

describe('kana folding', () => {
  it('folds katakana to hiragana and lower-cases Latin', () => {
    expect(foldKana('ボランティア')).toBe('ぼらんてぃあ');
    expect(termKey('OJT')).toBe('ojt');
    expect(matchForm('ワールド・カフェ')).toBe(matchForm('わーるど・かふぇ'));
  });
});

describe('splitSentences', () => {
  it('cuts at 。！？ but not inside 「」 or （）', () => {
    expect(splitSentences('区民の皆さんとともに「いいまち、一緒につくりましょう！」')).toEqual([
      '区民の皆さんとともに「いいまち、一緒につくりましょう！」',
    ]);
    expect(splitSentences('一つ目です。二つ目（注。）です。\n・箇条書き')).toEqual(['一つ目です。', '二つ目（注。）です。', '・箇条書き']);
  });
});
