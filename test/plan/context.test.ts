import { describe, expect, it } from 'vitest';
import { asideSpans, contextSpans, withoutBackground } from '../../src/plan/context.js';

describe('background sentences (context.ts)', () => {
  it('marks the sentences that ask nothing, when another one asks', () => {
    const q = '他区から異動してまいりました。部下の育成は誰の責任ですか。';
    expect(contextSpans(q).map((s) => q.slice(s.index, s.index + s.length))).toEqual(['他区から異動してまいりました。']);
    // One sentence, or no sentence that asks: nothing is background.
    expect(contextSpans('部下の育成は誰の責任ですか。')).toEqual([]);
    expect(contextSpans('異動してきました。よろしくお願いします。')).toEqual([]);
    // 「…のかね」「…やろ」 ask too (both sentences are questions).
    expect(contextSpans('元気アップ会議は、だれがでるのかね。それと、なん曜日にやるのかね')).toEqual([]);
    // A request that names nothing frames the question that follows; one that names its topic asks.
    const framed = 'お手すきの際に教えてください。一般の職員はどんな姿勢で仕事に取り組むのでしょうか。';
    expect(contextSpans(framed).map((s) => framed.slice(s.index, s.index + s.length))).toEqual(['お手すきの際に教えてください。']);
    expect(contextSpans('窓口から質問です。改善箱ってどこにありますか？')).toHaveLength(1);
    expect(contextSpans('区長表彰はどんな職員が対象ですか？表彰式の日程も知りたいです。')).toEqual([]);
    // Who passed the question on sets the scene too, as a clause.
    expect(withoutBackground('保健福祉課の若手から聞かれたんだけど、元気アップ会議ってなに？')).toBe('元気アップ会議ってなに？');
    expect(contextSpans('区民から聞かれたとき、理由を説明できるようにって書いてある？')).toEqual([]);
    expect(withoutBackground('窓口課の新人なんですが、区長と話せる場はありますか？')).toBe('区長と話せる場はありますか？');
    expect(contextSpans('テレワークを申請したいのですが、手続きの方法は？')).toEqual([]);
  });

  it('drops background sentences for cutting a question into parts, and keeps a sentence naming the topic', () => {
    expect(withoutBackground('来月、部下を研修に出す予定です。交通費はどう精算しますか。')).toBe('交通費はどう精算しますか。');
    expect(withoutBackground('意見交換について伺います。誰が出られますか。')).toBe('意見交換について伺います。誰が出られますか。');
    // The sentence that asks names nothing itself: the other one says what it is about.
    expect(contextSpans('まちの清掃を職員でやるって話あったよね。どのへんをやるの？')).toEqual([]);
    // A question that was put to the asker is reported, not asked.
    expect(withoutBackground('課員からワールドカフェについて質問がありました。あれは勤務時間内なのか外なのか。')).toBe('あれは勤務時間内なのか外なのか。');
  });

  it('marks the roles a question sets aside (管理職ではない, 係長だけでなく, not a manager), and nothing else', () => {
    const aside = (q: string) => asideSpans(q).map((s) => q.slice(s.index, s.index + s.length));
    expect(aside('管理職ではない一般の職員の役割は？')).toEqual(['管理職']);
    expect(aside('係長だけでなく係員も出られますか')).toEqual(['係長']);
    expect(aside('管理職ちゃうふつうの職員の役割ってなにがあるん？')).toEqual(['管理職']);
    expect(aside('What is my role as regular staff, not a manager?')).toEqual(['manager']);
    expect(aside('管理職の役割は？')).toEqual([]);
    expect(aside('研修は義務ではない？')).toEqual([]);
  });
});
