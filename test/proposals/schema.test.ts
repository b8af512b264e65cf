import { describe, expect, it } from 'vitest';
import { charCount, LIMITS, validateProposalInput, validateStatusNote } from '../../src/proposals/schema.js';

const valid = {
  title: '窓口の待ち時間を表示する',
  category: 'service',
  problem: '待ち時間が分からず、区民の方が不安に感じている。',
  body: '番号札の発券状況をモニターに表示する。',
  effect: '待ち時間の不安が減り、問い合わせも減る。',
  anonymous: false,
};

describe('proposal input validation', () => {
  it('accepts a complete proposal and tidies white space', () => {
    const r = validateProposalInput({ ...valid, title: '  窓口の\n待ち時間  ', body: 'a\r\nb\u0007' });
    expect(r).toEqual({ ok: true, value: { ...valid, title: '窓口の 待ち時間', body: 'a\nb' } });
  });

  it('refuses a 5,000-character title with a message saying the limit and the length', () => {
    const r = validateProposalInput({ ...valid, title: 'あ'.repeat(5000) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.title).toBe('タイトルは80文字以内でお願いします（現在5000文字）。');
  });

  it('counts characters, not UTF-16 units: 80 emoji fit, 81 do not', () => {
    expect(charCount('😀'.repeat(80))).toBe(80);
    expect(validateProposalInput({ ...valid, title: '😀'.repeat(80) }).ok).toBe(true);
    expect(validateProposalInput({ ...valid, title: '😀'.repeat(81) }).ok).toBe(false);
  });

  it('enforces every limit', () => {
    for (const [field, max] of [['problem', LIMITS.problem], ['body', LIMITS.body], ['effect', LIMITS.effect]] as const) {
      expect(validateProposalInput({ ...valid, [field]: 'x'.repeat(max) }).ok).toBe(true);
      const r = validateProposalInput({ ...valid, [field]: 'x'.repeat(max + 1) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(Object.keys(r.errors)).toEqual([field]);
    }
  });

  it('reports every missing field at once, and refuses forged values', () => {
    const r = validateProposalInput({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['body', 'category', 'effect', 'problem', 'title']);
    const forged = validateProposalInput({ ...valid, category: 'hacked', title: { $gt: '' }, anonymous: 'yes' });
    expect(forged.ok).toBe(false);
    if (!forged.ok) {
      expect(forged.errors.category).toBe('区分を一覧から選んでください。');
      expect(forged.errors.title).toBeDefined();
      expect(forged.errors.anonymous).toBeDefined();
    }
    const blank = validateProposalInput({ ...valid, body: ' \n\u200B ' });
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.errors.body).toBe('提案内容を入力してください。');
  });

  it('requires a reason for 見送り only', () => {
    expect(validateStatusNote('見送り', '  ')).toEqual({ ok: false, errors: { note: expect.stringContaining('理由') } });
    expect(validateStatusNote('見送り', '予算の確保が難しいため')).toEqual({ ok: true, value: '予算の確保が難しいため' });
    expect(validateStatusNote('採用', undefined)).toEqual({ ok: true, value: '' });
    expect(validateStatusNote('採用', 'x'.repeat(LIMITS.note + 1)).ok).toBe(false);
  });
});

describe('proposal text is honest (one cleaning for every field)', () => {
  const valid = { title: '窓口の待ち時間', category: 'service', problem: '課題', body: '提案', effect: '効果' };

  it('drops bidi overrides and controls, keeps emoji sequences whole', () => {
    const r = validateProposalInput({ ...valid, title: '請求書\u202Etxt.exe\u202C', body: '家族 👨\u200D👩\u200D👧\u200D👦 で\u0000参加\u200B' });
    expect(r.ok && r.value.title).toBe('請求書txt.exe');
    expect(r.ok && r.value.body).toBe('家族 👨\u200D👩\u200D👧\u200D👦 で参加');
  });

  it('a title that is only invisible characters is empty', () => {
    const r = validateProposalInput({ ...valid, title: '\u200B\u2066\u3164\uFEFF' });
    expect(!r.ok && r.errors.title).toBe('タイトルを入力してください。');
  });
});
