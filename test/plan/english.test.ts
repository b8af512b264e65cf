import { describe, expect, it } from 'vitest';
import { correctEnglish, englishKind } from '../../src/plan/english.js';

describe('English words without a tagger (english.ts)', () => {
  it('tells topic words from framing, verbs and adverbs by their form', () => {
    expect(englishKind('the')).toBeUndefined();
    expect(englishKind("we're")).toBeUndefined();
    expect(englishKind('finally')).toBeUndefined();
    expect(englishKind('join')).toBe('unknown'); // a glossary word stays a topic word
    expect(englishKind('relying')).toBe('verb');
    expect(englishKind('tighten')).toBe('verb');
    expect(englishKind('wasteful')).toBe('adjective');
    expect(englishKind('parking')).toBe('unknown'); // -ing of no common verb: a noun
    expect(englishKind('looking')).toBe('verb');
    expect(englishKind('locker')).toBe('unknown');
  });

  it('corrects a word one edit from exactly one glossary word, and nothing else', () => {
    expect(correctEnglish('do we have a sugestion box?')).toBe('do we have a suggestion box?');
    expect(correctEnglish('the three mindests')).toBe('the three mindsets');
    expect(correctEnglish('parking for staff')).toBe('parking for staff');
    expect(correctEnglish('朝礼 moring meeting')).toBe('朝礼 morning meeting');
    // A quote after a word is not part of it; an apostrophe inside one is (staff's is not corrected).
    expect(correctEnglish("the 'jinzai managment' part")).toBe("the 'jinzai management' part");
    expect(correctEnglish("the staff's role")).toBe("the staff's role");
    // Only to a topic word of the glossary: "park" is not "part" (of "take part", a frame word).
    expect(correctEnglish('Can I park my car?')).toBe('Can I park my car?');
  });
});
