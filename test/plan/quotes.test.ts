import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { verifyCitation, verifyCitations } from '../../src/plan/quotes.js';

const plan = loadPlan();
const GENKI = '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し';

describe('quote verification', () => {
  it('keeps a verbatim quote and returns the plan’s own words with the section title', () => {
    const c = verifyCitation(plan, { section: '4(2)②', quote: GENKI });
    expect(c).toEqual({ section: '4(2)②', title: plan.byId.get('4(2)②')!.title, text: GENKI });
  });

  it('tolerates white space and full-width/half-width differences, but shows the plan’s spelling', () => {
    // The plan writes "ＩＴ利用・活用" in full-width letters; the model quotes half-width with stray spaces.
    const c = verifyCitation(plan, { section: '2(1)', quote: '文書作成、 IT利用・活用の 能力等を含む' });
    expect(c?.section).toBe('2(1)');
    expect(c?.text).toBe('文書作成、ＩＴ利用・活用の能力等を含む');
  });

  it('drops an invented quote', () => {
    expect(verifyCitation(plan, { section: '4(2)②', quote: '元気アップ会議は毎週金曜日に区長室で開催します' })).toBeUndefined();
  });

  it('drops a quote whose wording was changed even slightly', () => {
    expect(verifyCitation(plan, { section: '4(2)②', quote: '各職場から選ばれた若手職員を中心メンバーとする元気アップ会議' })).toBeUndefined();
  });

  it('drops quotes too short to prove anything', () => {
    expect(verifyCitation(plan, { section: '4(2)②', quote: '元気' })).toBeUndefined();
    expect(verifyCitation(plan, { section: '1', quote: '港区' })).toBeUndefined();
  });

  it('re-attributes a real quote cited under the wrong section', () => {
    const c = verifyCitation(plan, { section: '1', quote: GENKI });
    expect(c?.section).toBe('4(2)②');
  });

  it('accepts a section id written with full-width parentheses and digits', () => {
    const c = verifyCitation(plan, { section: '４（２）②', quote: GENKI });
    expect(c?.section).toBe('4(2)②');
  });

  it('treats an unknown section id like a wrong one: the quote decides', () => {
    expect(verifyCitation(plan, { section: '9(9)', quote: GENKI })?.section).toBe('4(2)②');
    expect(verifyCitation(plan, { section: '9(9)', quote: '存在しない文章をでっちあげた引用です' })).toBeUndefined();
  });

  it('accepts an elided quote when every part is in the same section, in order', () => {
    const c = verifyCitation(plan, { section: '4(2)②', quote: '若手職員を中心メンバーとする…区役所全体で自主的な取り組みを進めます。' });
    expect(c?.text).toBe('若手職員を中心メンバーとする…区役所全体で自主的な取り組みを進めます。');
    // Parts out of order, or from two different sections, do not verify.
    expect(verifyCitation(plan, { section: '4(2)②', quote: '区役所全体で自主的な取り組みを進めます…若手職員を中心メンバーとする' })).toBeUndefined();
  });

  it('quotes spanning a line break come back on one line', () => {
    const c = verifyCitation(plan, { section: '4(1)⑥', quote: '３つの形態に分類されます。「OJT（職場内研修）」は、各職場において' });
    expect(c?.text).toBe('３つの形態に分類されます。「OJT（職場内研修）」は、各職場において');
    expect(compactForMatch(plan.byId.get('4(1)⑥')!.text)).toContain(compactForMatch(c!.text));
  });

  it('a quote of a heading verifies against that section', () => {
    expect(verifyCitation(plan, { section: '4(2)', quote: '風通しの良い職場づくり' })?.section).toBe('4(2)');
  });

  it('keeps the good citations of a list, in order, merging duplicates', () => {
    const out = verifyCitations(plan, [
      { section: '4(2)②', quote: GENKI },
      { section: '4(2)②', quote: '元気アップ会議は区長が主催します' },
      { section: '4(2)②', quote: '元気アップ会議を設置し' },
      { section: '4(1)⑥', quote: '「OJT（職場内研修）」は、各職場において職務に直結して日常的、継続的・反復的に行い' },
    ]);
    expect(out.map((c) => c.section)).toEqual(['4(2)②', '4(1)⑥']);
    expect(out[0]!.text).toBe(GENKI);
  });

  it('never throws on malformed claims', () => {
    expect(verifyCitations(plan, [{ section: 4 as unknown as string, quote: GENKI }, { section: '1', quote: null as unknown as string }])).toEqual([]);
  });
});
