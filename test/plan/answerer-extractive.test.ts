import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/infra/logger.js';
import { createPlanAnswerer } from '../../src/plan/answerer.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { createQuestionBank, loadQuestionBank } from '../../src/plan/question-bank.js';
import { createRetriever } from '../../src/plan/retrieval.js';
import type { Answer } from '../../src/plan/types.js';

/** Without OPENAI_API_KEY: answers are the plan's own sentences, with citations. */

const plan = loadPlan();
const qa = createPlanAnswerer({ model: 'unused', logger: silentLogger });
/** The keyless answerer as a dev writer would meet it: that writer's own questions left out of the bank. */
const asNewWriter = (writer: string) =>
  createPlanAnswerer({
    model: 'unused',
    logger: silentLogger,
    retriever: createRetriever(plan.sections, createQuestionBank(loadQuestionBank().filter((x) => x.group !== writer))),
  });

function expectVerbatim(a: Answer) {
  for (const c of a.citations) {
    const section = plan.byId.get(c.section);
    expect(section, c.section).toBeDefined();
    expect(c.title).toBe(section!.title);
    // Each quoted sentence is the plan's text (white space aside).
    for (const part of c.text.split('…')) expect(compactForMatch(section!.text)).toContain(compactForMatch(part));
    // The answer shows the quote.
    expect(a.answer).toContain(c.text);
  }
}

describe('extractive answers', () => {
  it('元気アップ会議とは？ → the plan’s own words from 4(2)②', async () => {
    const a = await qa.answer('元気アップ会議とは？');
    expect(a).toMatchObject({ question: '元気アップ会議とは？', found: true, mode: 'extractive' });
    expect(a.fallback).toBeUndefined();
    expect(a.citations[0]!.section).toBe('4(2)②');
    expect(a.citations[0]!.text).toContain('元気アップ会議を設置し');
    expect(a.answer.startsWith('プランの該当箇所を抜粋してお伝えします。')).toBe(true);
    expect(a.answer).toContain('【4(2)②');
    expectVerbatim(a);
  });

  it('picks the matching sentences from a long section instead of quoting all of it', async () => {
    const a = await qa.answer('PDCAサイクルってなに？');
    expect(a.found).toBe(true);
    const c = a.citations.find((x) => x.section === '4(1)⑥');
    expect(c).toBeDefined();
    expect(c!.text).toContain('ＰＤＣＡサイクル');
    expect(c!.text.length).toBeLessThan(plan.byId.get('4(1)⑥')!.text.length);
    expectVerbatim(a);
  });

  it('a list under a label is quoted as an outline: ３つの心構え gets all three', async () => {
    const a = await qa.answer('３つの心構えとは？');
    expect(a.citations[0]!.section).toBe('1');
    for (const label of ['【区民志向】', '【チャレンジ精神】', '【プロ意識】']) expect(a.citations[0]!.text).toContain(label);
    expectVerbatim(a);
  });

  it('at most three sections, best first', async () => {
    for (const q of ['３つの心構えとは？', '管理監督者の役割は？', '朝礼はいつやるの？']) {
      const a = await qa.answer(q);
      expect(a.found, q).toBe(true);
      expect(a.citations.length).toBeGreaterThan(0);
      expect(a.citations.length).toBeLessThanOrEqual(3);
      expectVerbatim(a);
    }
  });

  it('a question the plan does not cover → found:false, said plainly, no citations', async () => {
    for (const q of ['明日の大阪の天気は？', '有給休暇は何日取れますか？']) {
      const a = await qa.answer(q);
      expect(a, q).toMatchObject({ found: false, mode: 'extractive', citations: [] });
      expect(a.answer.startsWith('プランには記載がありません')).toBe(true);
    }
  });

  it('a section number the plan does not have → said so, with what is there; a topic beside it is still answered', async () => {
    const none = await qa.answer('4の(3)って何が書いてあるんだっけ？');
    expect(none).toMatchObject({ found: false, citations: [] });
    expect(none.answer).toContain('プランに「4(3)」という項目はありません');
    expect(none.answer).toContain('4(1) 人材マネジメントの推進');
    expect((await qa.answer('4(1)の⑦は？')).answer).toContain('4(1)⑥ 所属研修を実施し');
    expect((await qa.answer('What is chapter 6 about?')).answer).toMatch(/^The plan has no section "chapter 6"\. What it has there: 1 /);
    const topic = await qa.answer('4(3)の広報主任ってどこに置かれるの？');
    expect(topic.found).toBe(true);
    expect(topic.citations[0]!.section).toBe('4(1)③');
    // A section that exists is answered as before.
    expect((await qa.answer('4の(2)って何？')).found).toBe(true);
  });

  it('a question that calls the bot by its name is answered as the question alone, and echoed as asked', async () => {
    for (const q of ['みなとナビさん、朝礼って何のため？', 'ねえナビ、朝礼って何のため？', '@みなとナビ 朝礼って何のため？']) {
      const a = await qa.answer(q);
      expect(a.question).toBe(q);
      expect(a.found, q).toBe(true);
      expect(a.citations[0]!.section, q).toBe('4(2)①');
    }
  });

  it('a detail the plan does not give: says so, and quotes what it does say about the subject (found: false)', async () => {
    const a = await qa.answer('ワールドカフェに出たら残業扱いになりますか？');
    expect(a.found).toBe(false);
    expect(a.answer.startsWith('その点はプランには書かれていません。')).toBe(true);
    expect(a.citations.map((c) => c.section)).toEqual(['4(2)③']);
    expect(a.answer).toContain('勤務時間外における職員交流の機会');
    expectVerbatim(a);
  });

  it('several parts: each answered or said to be missing; a part pointing back stands or falls with the first', async () => {
    const a = await qa.answer('元気アップ会議ってのは、だれがでるのかね。それと、なん曜日にやっておるのかね');
    expect(a.found).toBe(true);
    expect(a.citations[0]!.section).toBe('4(2)②');
    expect(a.answer).toContain('「なん曜日にやっておるのかね」：その点はプランには書かれていません。');
    expectVerbatim(a);
    // "it" is the overtime request, which the plan does not cover: the second part does not ride on 管理監督者.
    const b = await qa.answer('How do I put in an overtime request? Do I need my section chief to approve it first?');
    expect(b).toMatchObject({ found: false, citations: [] });
    // A part naming no topic of its own follows on from the first, which the plan does not cover.
    const c = await qa.answer('出張旅費の精算ってどうやるの？ 課長に言えばいい？');
    expect(c).toMatchObject({ found: false, citations: [] });
    // So does an English part whose verb has no object of its own (take part in what? the drill).
    const e = await qa.answer('hey, when is the fire drill this year? do the part-timers have to take part?');
    expect(e).toMatchObject({ found: false, citations: [] });
    // A later part with no word of the plan (軍手, ゴミ袋) is about the first part's topic, not about what its neighbours
    // in the bank asked (asked as a new writer would: the writer's own questions left out of the bank).
    const f = await asNewWriter('wM').answer('清掃ボランティアって何時集合？軍手とかゴミ袋は配ってくれるん？');
    expect(f).toMatchObject({ found: false, citations: [] });
    // "sign up somewhere" has no object of its own either; "which day" asks for a day the plan does not give (weekday).
    const english = asNewWriter('wCQ');
    expect(await english.answer("When's the annual health checkup, and do I need to sign up somewhere?")).toMatchObject({ found: false, citations: [] });
    expect((await english.answer('World cafe is which day? Which room?')).found).toBe(false);
    // A part typed in kana with spaces is still a part: its plan terms are read (しょくいん → 職員, ていあん → 提案).
    const d = await qa.answer('改善箱 の いけん は どうなる？ あと、しょくいん も ていあん できる？');
    expect(d.citations.map((x) => x.section)).toEqual(['4(2)⑤', '4(2)⑦']);
    expectVerbatim(d);
  });

  it('several parts: the sources lead with the section the whole question points to', async () => {
    // "How does the document end" alone finds 文書管理 (document management); the whole question is about the closing words.
    const a = await qa.answer('How does the document end? Is there a closing message at the very end?');
    expect(a.citations[0]!.section).toBe('結び');
    expectVerbatim(a);
  });

  it('English question: a short English lead-in, the quotes in Japanese', async () => {
    const a = await qa.answer('What is OJT?');
    expect(a.found).toBe(true);
    expect(a.answer).toMatch(/^The plan covers this in section 4\(1\)⑥\./);
    expect(a.citations[0]!.text).toMatch(/OJT|ＯＪＴ/);
    expectVerbatim(a);
  });

  it('English question the plan does not cover → English "not covered"', async () => {
    const a = await qa.answer('What will the weather be tomorrow?');
    expect(a.found).toBe(false);
    expect(a.answer).toMatch(/^The plan does not cover this/);
  });

  it('onDelta gets the final text once', async () => {
    const deltas: string[] = [];
    const a = await qa.answer('元気アップ会議とは？', { onDelta: (d) => void deltas.push(d) });
    expect(deltas).toEqual([a.answer]);
  });
});
