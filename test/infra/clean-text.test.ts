import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/infra/clean-text.js';

const FAMILY = '👨\u200D👩\u200D👧\u200D👦';
const SCOTLAND = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
const TECHNOLOGIST = '👩🏽\u200D💻';
const HEART_ON_FIRE = '❤\uFE0F\u200D🔥';
const KEYCAP = '1\uFE0F\u20E3';

describe('cleanText', () => {
  it.each([
    ['RLO … PDF (the issue\'s 請求書 example)', '請求書\u202Etxt.exe\u202C', '請求書txt.exe'],
    ['LRE, RLE, LRO', 'a\u202Ab\u202Bc\u202Dd', 'abcd'],
    ['LRI, RLI, FSI, PDI', 'x\u2066y\u2067z\u2068w\u2069', 'xyzw'],
    ['NUL and other C0 controls', '会議\u0000室\u0007\u001B[31m', '会議室[31m'],
    ['DEL and C1 controls', 'a\u007Fb\u0085c\u009Bd', 'abcd'],
    ['a zero-width space between letters', 'ad\u200Bmin', 'admin'],
    ['a zero-width joiner between letters', 'ad\u200Dmin', 'admin'],
    ['a ZWNJ and a word joiner', 'a\u200Cb\u2060c', 'abc'],
    ['invisibles at the start and the end', '\u200B\uFEFF\u200D会議\u200D\u200E', '会議'],
    ['LRM, RLM and ALM', 'a\u200Eb\u200Fc\u061Cd', 'abcd'],
    ['a soft hyphen', 'pay\u00ADpal', 'paypal'],
    ['tag characters hidden after letters (ASCII smuggling)', 'ok\u{E0069}\u{E0067}\u{E006E}', 'ok'],
    ['the Hangul filler that looks like a blank name', '\u3164', ''],
    ['a joiner left dangling after an emoji', '👍\u200Dabc', '👍abc'],
  ])('removes %s', (_what, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  it.each([
    ['a family (three joiners)', FAMILY],
    ['a flag with tag characters', SCOTLAND],
    ['a skin tone and a joiner', TECHNOLOGIST],
    ['a variation selector and a joiner', HEART_ON_FIRE],
    ['a keycap', KEYCAP],
    ['a national flag', '🇯🇵'],
  ])('keeps emoji sequences whole: %s', (_what, emoji) => {
    const out = cleanText(`家族 ${emoji} です\u200B`);
    expect(out).toBe(`家族 ${emoji} です`);
    expect([...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(out)].map((s) => s.segment)).toContain(emoji);
  });

  it('keeps ideographic variation selectors (異体字) and ordinary Japanese', () => {
    expect(cleanText('辻\u{E0100}さん')).toBe('辻\u{E0100}さん');
    expect(cleanText('元気アップ会議は若手職員が中心です。')).toBe('元気アップ会議は若手職員が中心です。');
  });

  it('keeps tabs and newlines; CR LF, CR, U+2028 and U+2029 become newlines', () => {
    expect(cleanText('a\tb\r\nc\rd\u2028e\u2029f\ng')).toBe('a\tb\nc\nd\ne\nf\ng');
  });

  it('single-line mode turns newlines and runs of white space into one space', () => {
    expect(cleanText('区民\n\n目線を\t 語ろう', { singleLine: true })).toBe('区民 目線を 語ろう');
  });

  it('NFC-normalises (a decomposed が becomes one character)', () => {
    expect(cleanText('か\u3099')).toBe('が');
  });

  it('is idempotent', () => {
    const input = `\u202E${FAMILY}\u200Bad\u200Dmin\u0000${SCOTLAND}\u2066`;
    expect(cleanText(cleanText(input))).toBe(cleanText(input));
  });
});
