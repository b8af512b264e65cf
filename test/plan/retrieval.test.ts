import { describe, expect, it } from 'vitest';
import { loadPlan, parsePlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { createRetriever, splitPassages } from '../../src/plan/retrieval.js';
import { sectionReference } from '../../src/plan/section-ref.js';

const plan = loadPlan();
const retriever = createRetriever(plan.sections);

describe('splitPassages', () => {
  it('cuts bodies into verbatim sentences and bullets, with their labels as context', () => {
    const passages = splitPassages(plan.byId.get('1')!);
    for (const p of passages) expect(plan.byId.get('1')!.text.slice(p.start, p.start + p.text.length)).toBe(p.text);
    const smile = passages.find((p) => p.text.startsWith('区民の皆さんの笑顔が'))!;
    expect(smile.context).toEqual(['港区役所職員の３つの心構え', '【区民志向】']);
    const bullet = passages.find((p) => p.text.startsWith('・区民への説明責任'))!;
    expect(bullet.context).toContain('【プロ意識】');
    // Labels are context, not passages of their own.
    expect(passages.some((p) => p.text === '【区民志向】')).toBe(false);
  });

  it('gives the 〔参考〕 answers their question line as context', () => {
    const pdca = splitPassages(plan.byId.get('4(1)⑥')!).find((p) => p.text.startsWith('マネジメントサイクルの一つで'))!;
    expect(pdca.context).toEqual(['〔参考〕', '○ＰＤＣＡサイクルってなんだ？']);
  });

  it('keeps a block of short labels (the diagram ladder) as one passage', () => {
    const ladder = splitPassages(plan.byId.get('図')!).find((p) => p.text.startsWith('区長\n'))!;
    expect(ladder.text).toBe('区長\n副区長\n課長\n課長代理\n係長\n係員等');
  });

  it('covers every sentence of every section', () => {
    for (const s of plan.sections) {
      const labels = new Set(splitPassages(s).flatMap((p) => p.context));
      const covered = compactForMatch(splitPassages(s).map((p) => p.text).join('') + [...labels].join(''));
      for (const line of s.text.split('\n').filter((l) => l.trim())) expect(covered, `${s.id}: ${line}`).toContain(compactForMatch(line));
    }
  });
});

describe('createRetriever.search', () => {
  it.each([
    ['元気アップ会議とは？', '4(2)②'],
    ['上司の役割は？', '3(2)'],
    ['職場研修って何？', '4(1)⑥'],
    ['研修の種類は？', '4(1)⑥'],
    ['３つの心構えとは？', '1'],
    ['朝会は毎日あるの？', '4(2)①'],
    ['ボランティアに参加したい', '4(2)⑧'],
  ])('puts the answering section first for %s', (q, id) => {
    const r = retriever.search(q);
    expect(r.hits[0]!.section.id).toBe(id);
    expect(r.found).toBe(true);
  });

  it('ranks best first, returns at most k hits, and scores are positive', () => {
    const r = retriever.search('改善提案', 3);
    expect(r.hits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < r.hits.length; i++) expect(r.hits[i - 1]!.score).toBeGreaterThanOrEqual(r.hits[i]!.score);
    for (const h of r.hits) expect(h.score).toBeGreaterThan(0);
  });

  it('treats katakana and hiragana, full and half width alike', () => {
    expect(retriever.search('わーるどかふぇ').hits[0]!.section.id).toBe('4(2)③');
    expect(retriever.search('ｏｊｔ').hits[0]!.section.id).toBe(retriever.search('OJT').hits[0]!.section.id);
  });

  it.each([
    ['こころがまえ', '1'],
    ['3つの心がまえ', '1'],
    ['三つの心構え', '1'],
    ['ちょうれいってなに？', '4(2)①'],
    ['ボランテア活動はある？', '4(2)⑧'],
    ['ぼらんてぃあかつどうはある？', '4(2)⑧'],
    ['管理観得者の役割', '3(2)'],
    ['区民思考ってどういうこと', '1'],
    ['What is OJT?', '4(1)⑥'],
    ['Does the plan say anything about my career growth?', '3(1)'],
    ['Can you show me the hierarchy, from the ward mayor down to regular staff?', '図'],
    ['What are the three mindsets?', '1'],
    ['What is people management in the plan?', '4(1)'],
    ['区長の名前は？', '前文'],
    // The closing words are unsigned: the name at the plan's end is the preface's signature.
    ['このプランの最後に名前が出てる区長って誰？', '前文'],
    ['Whose name is at the end of the plan?', '前文'],
    ['4(2)⑥ってどんな取組？', '4(2)⑥'],
    ['4-2-8 ってなんの取り組み？', '4(2)⑧'],
    ['4-(1)-③ってなんの取組？', '4(1)③'],
    ['取り組みの(1)の③は何でしたか', '4(1)③'],
    ['人材マネジメントの①～⑥で、表彰の話は何番？', '4(1)⑤'],
    ['4(2)の7つ目ってなんだっけ', '4(2)⑦'],
    ['3-(2) 要点', '3(2)'],
    ['求められる能力の(1)のほう、何個ある？', '2(1)'],
    ['求められる能力の（２）にはどんな能力がある？', '2(2)'],
    ['取組の(2)のリード文では、最終的にどんな区役所をめざすとしている？', '4(2)'],
    ['プランの3番には何が書いてある？', '3'],
    ['What does chapter 2 say overall?', '2'],
    ['第二章の(1)には何がある', '2(1)'],
    ['二番目の章の(2)', '2(2)'],
    ['人材マネジメントのとこの三番目、何の話だっけ', '4(1)③'],
    // The words point inside an item, the ordinal is under the section whose title the question names.
    ['風通しのええ職場づくりの１番目の取り組みってなに？', '4(2)①'],
    ['人材マネジメントの6項目を教えて', '4(1)'],
    ['研修の３形態のうち1番目に挙がってるのはどれ？', '4(1)⑥'],
    ['プランの一番さいご、なんて書いて終わってる？', '結び'],
    ['どんな言葉でしめくくられてるの？', '結び'],
    ['Is there a conclusion at the end of the plan? What does it say?', '結び'],
    ['How does the document close?', '結び'],
    ['最後のまとめの章には何が書いてある？', '結び'],
    // English ordinals under a numbered section, as 「4(2)の4つ目」 (not "3 types").
    ['Item 4 of section 4(2) — what is it?', '4(2)④'],
    ["what's the 2nd item under 4(1)?", '4(1)②'],
    ['プランはじめて読んだけど、3つの心構えって何？', '1'],
    // A role the question sets aside does not count: staff's role, not the managers'.
    ['係長じゃない係員の役割って何？', '3(1)'],
    ['As an ordinary employee, not a supervisor, what role do I have?', '3(1)'],
    // A chapter named by its words goes first, even though those words are in its sections' titles too.
    ['役割の章って、誰と誰のことが書いてあるの？', '3'],
    ['In the chapter on required abilities, what is the opening about?', '2'],
    // Why the plan itself was made: the preface; the aim of one initiative inside it is that initiative's.
    ['この決めごと、そもそも何のためにこしらえたん？', '前文'],
    ['Why did the ward put this plan together in the first place?', '前文'],
    ['職員向けのアンケートについて、プランではどういった目的で実施すると書かれていますでしょうか。', '4(2)⑤'],
    ['朝礼', '4(2)①'],
    ['kuchou hyoushou って、どんな人がもらえるの？', '4(1)⑤'],
    ['Who can get the kuchō hyōshō?', '4(1)⑤'],
    // Romaji without macrons (chōrei written chorei).
    ["What's the point of chorei?", '4(2)①'],
    ['Are morning assemblies held every day?', '4(2)①'],
    ['Hey, quick q: what does the Genki Up council work on?', '4(2)②'],
    ['any team building events after work?', '4(2)③'],
    ['わーるどかふぇっていつ', '4(2)③'],
    ['オージェーティー はだれがやりますか', '4(1)⑥'],
    ['職場外県集ってなに', '4(1)⑥'],
    ['庁内高募はプランに出てきますか', '4(1)①'],
    ['キャリアケイセイ はジブンでやるもの？', '3(1)'],
    ['オフサイトミーティングってなに', '4(2)③'],
    ['みなとーく ってなに', '4(2)④'],
    ['Where is the suggestion box?', '4(2)⑤'],
  ])('holds up for how people type: %s → %s', (q, id) => {
    const r = retriever.search(q);
    expect(r.hits[0]!.section.id).toBe(id);
    expect(r.found).toBe(true);
  });

  it('says found=false for questions the plan does not cover', () => {
    for (const q of ['年休は何日？', '明日の天気は？', '駐車場はありますか', 'ボーナスの支給日', '研修の旅費は出ますか', '清掃ボランティアって何曜日？', '職員ボランティアの登録はどの様式でどこに提出するんですか？', 'うちの課の広報主任って誰がやってるの？', 'ワールドカフェの会場ってどこ？']) {
      const r = retriever.search(q);
      expect(r.found, q).toBe(false);
    }
    // A loanword typed in hiragana that the plan lacks (テレワーク), unlike one it has (メンバー).
    expect(retriever.search('てれわーく できる？').evidence.absent).toBe(1);
    expect(retriever.search('てれわーくを申請したい').evidence.absent).toBeGreaterThan(0);
    expect(retriever.search('げんきあっぷかいぎのめんばーは').evidence.absent).toBe(0);
    // A run of kana the analyzer could not cut is covered only as far as its readings are (しょくいん, not しょくどう).
    expect(retriever.search('しょくいんしょくどうはありますか').evidence.coverage).toBeLessThan(0.6);
    expect(retriever.search('しょくいんのやくわりはなんですか').evidence.coverage).toBeGreaterThan(0.8);
    // 年休 is the only noun, and the plan has it nowhere.
    expect(retriever.search('年休は何日？').evidence.absent).toBe(1);
  });

  it('says found=false when a detail is asked that the plan does not give, though the topic is there', () => {
    for (const q of ['朝礼って何時から始まるの？', '区長表彰の賞金っていくら？', '副区長の名前は？', '清掃ボランティアに参加した時間は、勤務時間として扱われますか', 'newsletter frequency']) {
      const r = retriever.search(q);
      expect(r.detailMissing, q).toBe(true);
      expect(r.found, q).toBe(false);
    }
    expect(retriever.search('港区将来ビジョンっていつ作られたの？').found).toBe(true); // 平成25年３月
    // Each detail asked must be there: 区庁舎周辺 says where the cleaning is, nothing says on which day.
    expect(retriever.search('清掃ボランティアってどこでやってるの？').found).toBe(true);
    expect(retriever.search('清掃ボランティアってどこで、何曜日にやってるの？').detailMissing).toBe(true);
    // The passage holding the name (the signature) is quoted though other passages of the preface match better.
    const who = retriever.search('あの基本プランを出した区長はどなたですか？');
    expect(who.found).toBe(true);
    expect(who.hits[0]!.passages.some((p) => p.passage.text.includes('田端'))).toBe(true);
    // …and so it is when no word of the question is in the signature at all.
    for (const q of ['このプラン、誰が書いたの？', 'who wrote this plan?']) {
      const r = retriever.search(q);
      expect(r.found, q).toBe(true);
      expect(r.hits[0]!.passages.some((p) => p.passage.text.includes('田端')), q).toBe(true);
    }
  });

  it('returns nothing for empty or content-free input', () => {
    for (const q of ['', '   ', '？？', '😀👍']) {
      const r = retriever.search(q);
      expect(r.found).toBe(false);
      expect(r.hits).toEqual([]);
    }
  });

  it('reads what English-writing staff call the 広報主任 ("PR chief", "PR lead") as the plan\'s term', () => {
    for (const q of ['PR chief', 'What do the PR leads do?']) {
      const r = retriever.search(q);
      expect(r.hits[0]!.section.id).toBe('4(1)③');
      expect(r.evidence.absent).toBe(0);
    }
  });

  it('an aspect noun the plan lacks (ポスト) leaves the rest of its compound whole', () => {
    const r = retriever.search('広報主任ポスト');
    expect(r.hits[0]!.section.id).toBe('4(1)③');
    expect(r.evidence).toMatchObject({ absent: 0, coverage: 1 });
  });

  it('copes with a very long question', () => {
    const r = retriever.search('元気アップ会議について'.repeat(1000));
    expect(r.hits[0]!.section.id).toBe('4(2)②');
  });

  it('reads the preface and the closing words named in English', () => {
    const named = (q: string) => sectionReference(q, plan.byId)?.section.id;
    expect(named('In his opening message, what does the ward mayor say he expects from individual employees?')).toBe('前文');
    expect(named('To what end was this plan drawn up, according to its own preface?')).toBe('前文');
    expect(named("I'm writing a little intro about the ward for my family. What does the plan aim for?")).toBeUndefined();
    expect(named('How does the plan close?')).toBe('結び');
    expect(named('What time does the cafeteria close?')).toBeUndefined();
    expect(named('What are the 3 types of training in 4(1)?')).toBe('4(1)');
  });

  it('handles a few English words through the synonym table', () => {
    expect(retriever.search('What is the morning meeting?').hits[0]!.section.id).toBe('4(2)①');
    // An English detail word asks for the detail and is no topic word that the plan lacks (as 頻度 is not): 毎日 answers it.
    const often = retriever.search('chorei frequency');
    expect([often.hits[0]!.section.id, often.asks, often.evidence.coverage, often.evidence.absent]).toEqual(['4(2)①', 'frequency', 1, 0]);
    // A word inside a longer phrase of the table is the phrase's: "team" in "a normal team member" (職員) is not the
    // チーム of プロジェクトチーム (4(1)④), as it is in "a project team".
    expect(retriever.search('What is expected of me as a normal team member, not a manager?', 3).hits.map((h) => h.section.id)).not.toContain('4(1)④');
    expect(retriever.search('Is there a project team?').hits[0]!.section.id).toBe('4(1)④');
  });

  it('attaches the best passages of each hit, verbatim, best first', () => {
    const hit = retriever.search('元気アップ会議のメンバーは誰？').hits[0]!;
    expect(hit.passages.length).toBeGreaterThan(0);
    expect(hit.passages[0]!.passage.text).toContain('若手職員を中心メンバー');
    for (const p of hit.passages) {
      expect(p.passage.sectionId).toBe(hit.section.id);
      expect(hit.section.text.slice(p.passage.start, p.passage.start + p.passage.text.length)).toBe(p.passage.text);
    }
  });

  it('picks the answering sentence inside a long section', () => {
    const hit = retriever.search('PDCAサイクルってなに？').hits[0]!;
    expect(hit.section.id).toBe('4(1)⑥');
    expect(hit.passages[0]!.passage.text).toMatch(/^マネジメントサイクルの一つで/);
  });

  it('does not keep state between queries', () => {
    const a = retriever.search('区長表彰');
    retriever.search('朝礼');
    const b = retriever.search('区長表彰');
    expect(b.hits.map((h) => [h.section.id, h.score])).toEqual(a.hits.map((h) => [h.section.id, h.score]));
  });
});

describe('createRetriever.bestPassages', () => {
  it('ranks the passages of any section for a query', () => {
    const best = retriever.bestPassages('OJTは誰が実施するの？', '4(1)⑥', 2);
    expect(best).toHaveLength(2);
    expect(best[0]!.passage.text).toContain('管理監督者が直接部下職員に対して実施');
    expect(retriever.bestPassages('x', 'no-such-section')).toEqual([]);
  });
});

describe('createRetriever on other sections', () => {
  it('works on any corpus, e.g. a tiny plan', () => {
    const tiny = parsePlan('## １ 休暇\n\n年次休暇は二十日です。\n\n## ２ 給与\n\n給与は毎月支給します。\n');
    const r = createRetriever(tiny.sections);
    expect(r.search('休暇は何日？').hits[0]!.section.id).toBe('1');
    expect(r.search('給与はいつ？').hits[0]!.section.id).toBe('2');
  });
});
