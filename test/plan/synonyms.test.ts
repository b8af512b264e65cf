import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/corpus.js';
import { matchForm } from '../../src/plan/normalize.js';
import { GLOSSARY } from '../../src/plan/glossary.js';
import { buildIndex } from '../../src/plan/plan-index.js';
import { loadSudachiSynonyms } from '../../src/plan/sudachi.js';
import { compileSynonyms, findSynonyms, SYNONYMS } from '../../src/plan/synonyms.js';

describe('synonym table', () => {
  const planText = matchForm(loadPlan().sections.map((s) => `${s.title}\n${s.text}`).join('\n'));

  it('maps only to wording the plan really uses (no dead targets)', () => {
    const dead = SYNONYMS.flatMap((e) => e.targets).filter((t) => !planText.includes(matchForm(t)));
    expect(dead).toEqual([]);
  });

  it('covers the staff wording named in the issue', () => {
    const to = (q: string) => findSynonyms(matchForm(q)).flatMap((m) => m.targets);
    expect(to('上司')).toContain(matchForm('管理監督者'));
    expect(to('職場研修')).toContain(matchForm('OJT'));
    expect(to('研修の種類')).toContain(matchForm('形態'));
    expect(to('若手')).toContain(matchForm('若手職員'));
    expect(to('提案')).toContain(matchForm('改善提案'));
    expect(to('表彰')).toContain(matchForm('区長表彰'));
    expect(to('朝会')).toContain(matchForm('朝礼'));
    expect(to('オフサイトMTG')).toContain(matchForm('ミーティング'));
    expect(to('区長賞ってなに')).toContain(matchForm('区長表彰'));
    expect(to('morning assemblies')).toContain(matchForm('朝礼'));
  });

  it('holds only what Sudachi does not already give (no key whose Sudachi synonyms include the same target)', () => {
    // Sudachi's own groups (not the loanwords it reaches through the glossary, which is ours).
    const vocabulary = buildIndex(loadPlan().sections).vocabulary;
    const sudachi = loadSudachiSynonyms((t) => vocabulary.has(t));
    const again = SYNONYMS.flatMap((e) =>
      e.keys.filter((k) => (sudachi.get(matchForm(k)) ?? []).some((t) => e.targets.map(matchForm).includes(t.term))).map((k) => `${k} → ${e.targets.join('/')}`),
    );
    // トラブル → 問題 is Sudachi's; the entry is there for 課題, which Sudachi does not give.
    expect(again).toEqual(['トラブル → 課題/問題']);
  });

  it('reaches the plan from a loanword through its English spelling and the glossary, not from an abbreviation', () => {
    const sudachi = buildIndex(loadPlan().sections).sudachi;
    const to = (k: string) => (sudachi.get(matchForm(k)) ?? []).map((t) => t.term);
    expect(to('トレーニング')).toContain(matchForm('研修')); // training
    expect(to('スキル')).toContain(matchForm('能力')); // skill
    expect(to('セミナー')).toContain(matchForm('研修')); // seminar
    expect(to('レジ')).toEqual([]); // a till (register, abbreviated), not 登録制
    expect(to('ナビ')).not.toContain(matchForm('目的地')); // the bot's name (navigation, abbreviated)
    expect(to('ホームルーム')).toEqual([]); // HR
  });

  it('gives every entry its reason, and the English glossary maps to the plan’s own words', () => {
    expect(SYNONYMS.filter((e) => !e.why)).toEqual([]);
    const dead = GLOSSARY.flatMap((e) => e.targets).filter((t) => !planText.includes(matchForm(t)));
    expect(dead).toEqual([]);
    const to = (q: string) => findSynonyms(matchForm(q)).flatMap((m) => m.targets);
    expect(to('What are the three mindsets?')).toContain(matchForm('心構え'));
    expect(to('ward mayor award')).toContain(matchForm('区長表彰'));
    // English keys start a word: "role" is not found inside "control".
    expect(to('quality control')).not.toContain(matchForm('役割'));
    // A short key is a whole word or its plural: "pr" is not in "program", nor "car" in "carrying" or "card".
    expect(to('a volunteer program')).not.toContain(matchForm('広報'));
    expect(to('who is carrying out OJT? my ID card')).not.toContain(matchForm('車'));
    expect(to('PR for the ward')).toContain(matchForm('広報'));
    expect(to('the car metaphor, cars')).toContain(matchForm('車'));
  });

  it('reports where a key matched, in the matchForm of the query', () => {
    const q = matchForm('うちの上司の役割');
    const m = findSynonyms(q).find((s) => s.targets.includes(matchForm('管理監督者')))!;
    expect(q.slice(m.index, m.index + m.length)).toBe('上司');
  });

  it('prefers the longest key of an entry and does not double-count keys inside it', () => {
    const entries = compileSynonyms([{ keys: ['研修', '研修の種類'], targets: ['形態'] }]);
    const found = findSynonyms(matchForm('研修の種類は'), entries);
    expect(found).toHaveLength(1);
    expect(found[0]!.length).toBe('研修の種類'.length);
  });

  it('matches katakana and hiragana spellings alike', () => {
    const entries = compileSynonyms([{ keys: ['ボランティア'], targets: ['ボランティア'] }]);
    expect(findSynonyms(matchForm('ぼらんてぃあ'), entries)).toHaveLength(1);
  });
});
