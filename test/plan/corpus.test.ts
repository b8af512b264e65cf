import { describe, expect, it } from 'vitest';
import { loadPlan, parsePlan, sectionLabel } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';

const EXPECTED_IDS = [
  '前文',
  '1',
  '2', '2(1)', '2(2)',
  '3', '3(1)', '3(2)',
  '図',
  '4',
  '4(1)', '4(1)①', '4(1)②', '4(1)③', '4(1)④', '4(1)⑤', '4(1)⑥',
  '4(2)', '4(2)①', '4(2)②', '4(2)③', '4(2)④', '4(2)⑤', '4(2)⑥', '4(2)⑦', '4(2)⑧',
  '結び',
];

describe('loadPlan', () => {
  const plan = loadPlan();

  it('parses every section with stable, unique ids in document order', () => {
    const ids = plan.sections.map((s) => s.id);
    expect(ids).toEqual(EXPECTED_IDS);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...plan.byId.keys()]).toEqual(ids);
  });

  it('is cached: the same plan object on every call', () => {
    expect(loadPlan()).toBe(plan);
  });

  it.each([
    ['前文', '前文', 0, []],
    ['1', '港区役所職員としてめざすもの', 1, []],
    ['2(1)', '業務を遂行し、施策を実現していくために必要な能力', 2, ['2']],
    ['3(2)', '管理監督者の役割', 2, ['3']],
    ['図', '港区役所 職員力・組織力向上 イメージ図', 0, []],
    ['4(1)⑤', '区長表彰を実施します', 3, ['4', '4(1)']],
    ['4(1)⑥', '所属研修を実施し、ＰＤＣＡサイクルによる改善を図ります', 3, ['4', '4(1)']],
    ['4(2)⑧', '職員ボランティア活動を実施し、地域活動に貢献します', 3, ['4', '4(2)']],
  ])('section %s is titled %s', (id, title, level, parents) => {
    const s = plan.byId.get(id)!;
    expect(s.title).toBe(title);
    expect(s.level).toBe(level);
    expect(s.parents).toEqual(parents);
  });

  it('keeps the repaired heading of 4(2)② whole', () => {
    expect(plan.byId.get('4(2)②')!.title).toMatch(/^元気アップ会議を設置し/);
    expect(plan.byId.get('4(2)②')!.title).toMatch(/自主的な取り組みを進めます$/);
  });

  it('gives each section its own body only (no heading line, no child text)', () => {
    const s4 = plan.byId.get('4')!;
    expect(s4.text).toMatch(/^「職員は組織力の源」/);
    expect(s4.text).not.toContain('人材マネジメント');
    const s42 = plan.byId.get('4(2)②')!;
    expect(s42.text).toMatch(/^各職場から選出された若手職員/);
    for (const s of plan.sections) {
      expect(s.text.length, s.id).toBeGreaterThan(0);
      expect(s.text, s.id).not.toMatch(/^#/m);
    }
  });

  it('puts the 〔参考〕 explanations of OJT and PDCA under 4(1)⑥, the 区長 signature in 前文', () => {
    expect(plan.byId.get('4(1)⑥')!.text).toContain('〔参考〕');
    expect(plan.byId.get('4(1)⑥')!.text).toContain('○ＰＤＣＡサイクルってなんだ？');
    expect(plan.byId.get('前文')!.text).toMatch(/大阪市港区長 田端 尚伸$/);
    expect(plan.byId.get('図')!.text).toContain('＜風通しの良い職場づくり＞');
    expect(plan.byId.get('結び')!.text).toMatch(/^私たちは、港区をよく知り/);
  });

  it('loses no text between sections: bodies + headings make the whole plan', () => {
    const bodies = compactForMatch(plan.sections.map((s) => s.text).join(''));
    const withoutHeadings = compactForMatch(plan.fullText.split('\n').filter((l) => !l.startsWith('#')).join(''));
    expect(bodies).toBe(withoutHeadings);
  });

  it('every section text is verbatim in fullText', () => {
    for (const s of plan.sections) expect(plan.fullText).toContain(s.text);
  });

  it('labels sections for logs', () => {
    expect(sectionLabel(plan.byId.get('4(2)①')!)).toBe('4(2)① 朝礼や職場ミーティングを実施します');
  });
});

describe('parsePlan', () => {
  it('derives ids from the numbering, with explicit {#id} for unnumbered sections', () => {
    const p = parsePlan('# T\n\n## 序 {#intro}\n\nはじめに。\n\n## ２ 二\n\n本文。\n\n### （３）三\n\n#### ⑩十\n\n十の本文。\n');
    expect(p.sections.map((s) => s.id)).toEqual(['intro', '2', '2(3)', '2(3)⑩']);
    expect(p.byId.get('2(3)⑩')!.parents).toEqual(['2', '2(3)']);
    expect(p.byId.get('intro')!.title).toBe('序');
  });

  it('rejects duplicate ids and orphan sub-headings', () => {
    expect(() => parsePlan('## １ a\n\n## １ b\n')).toThrow(/duplicate/);
    expect(() => parsePlan('### （１）orphan\n')).toThrow(/enclosing/);
    expect(() => parsePlan('##### deep\n')).toThrow(/unexpected/);
  });
});
