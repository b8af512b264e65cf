import { describe, expect, it } from 'vitest';
import { pack, SLACK_LIMITS, splitText, splitUtf8, utf8Bytes } from '../../src/slack/split.js';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('splitText', () => {
  it('returns short text whole', () => {
    expect(splitText('短い文です。', 3000)).toEqual(['短い文です。']);
  });

  it('splits at paragraph, then sentence boundaries, within the limit, losing nothing', () => {
    const para = '職員一人ひとりが市民目線で考え、改革意識を持って行動します。'.repeat(30); // 30 sentences
    const text = `${para}\n\n${para}\n\n${para}`;
    const pieces = splitText(text, 1000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(1000);
    expect(squash(pieces.join(''))).toBe(squash(text));
    // Each piece ends at a sentence end (never mid-sentence).
    for (const p of pieces.slice(0, -1)) expect(p).toMatch(/。$/);
  });

  it('hard-cuts text with no break at all, still losing nothing', () => {
    const text = 'あ'.repeat(7000);
    const pieces = splitText(text, 3000);
    expect(pieces.map((p) => p.length)).toEqual([3000, 3000, 1000]);
    expect(pieces.join('')).toBe(text);
  });

  it('never splits a surrogate pair (emoji)', () => {
    const text = '😀'.repeat(100);
    for (const p of splitText(text, 33)) expect(p).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
    expect(splitText(text, 33).join('')).toBe(text);
  });

  it('closes and reopens a code block cut in two', () => {
    const code = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const pieces = splitText(`前置き\n\`\`\`\n${code}\n\`\`\`\n後書き`, 500);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(500);
      expect((p.match(/```/g) ?? []).length % 2).toBe(0);
    }
  });

  it('counts bytes for streamed messages: Japanese is 3 bytes a character', () => {
    const text = '港区役所の職員力向上基本プランについて説明します。'.repeat(400); // 10,000 chars ≈ 30,000 bytes
    expect(utf8Bytes(text)).toBe(text.length * 3);
    const pieces = splitUtf8(text, SLACK_LIMITS.streamMessageBytes);
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const p of pieces) expect(utf8Bytes(p)).toBeLessThanOrEqual(SLACK_LIMITS.streamMessageBytes);
    expect(pieces.join('')).toBe(text);
  });
});

describe('pack', () => {
  it('keeps pages within item and size limits, in order', () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ i, n: 1000 }));
    const pages = pack(items, (x) => x.n, 50, 40_000);
    expect(pages.map((p) => p.length)).toEqual([40, 40, 40]);
    expect(pages.flat().map((x) => x.i)).toEqual(items.map((x) => x.i));
    expect(pack(items.slice(0, 10), () => 1, 4, 1e9).map((p) => p.length)).toEqual([4, 4, 2]);
  });
});
