import { describe, expect, it } from 'vitest';
import { action, asks, asksAll, HOLDS } from '../../src/plan/intent.js';
import { splitParts } from '../../src/plan/parts.js';

describe('splitParts', () => {
  it('cuts coordinated topics and separate questions', () => {
    expect(splitParts('区長表彰と改善提案について教えて')).toEqual(['区長表彰について教えて', '改善提案について教えて']);
    expect(splitParts('文書管理と広報の体制はどう変わる？')).toEqual(['文書管理の体制はどう変わる', '広報の体制はどう変わる']);
    expect(splitParts('改善箱はどこ？あと意見はどう扱われるの？')).toEqual(['改善箱はどこ', '意見はどう扱われるの']);
    // A piece in kana only is a part when the retriever reads plan terms in it (readsAsPlan); the analyzer alone cannot.
    expect(splitParts('改善箱 の いけん は どうなる？ あと、しょくいん も ていあん できる？')).toHaveLength(1);
    expect(splitParts('改善箱 の いけん は どうなる？ あと、しょくいん も ていあん できる？', (kana) => kana.includes('ていあん'))).toEqual(['改善箱 の いけん は どうなる', 'しょくいん も ていあん できる']);
    expect(splitParts('みなと～くって誰が発行してて、どのくらいの頻度で出てるの？')).toHaveLength(2);
    expect(splitParts('区長表彰はどういう職員が対象になるのか、また毎年何名くらいが表彰されているのか')).toHaveLength(2);
    // と、 after okurigana (心構え), not after a verb's conditional (参加すると、).
    expect(splitParts('３つの心構えと、職員にもとめられる能力のほうと、それぞれどんなものがあるのかね')).toEqual(['3つの心構え', '職員にもとめられる能力のほうどんなものがあるのかね']);
    expect(splitParts('ワールドカフェに参加すると、手当は出ますか')).toHaveLength(1);
    // 「どうにも」 asks nothing: the clauses around a bare 、 are one question.
    expect(splitParts('うちの係だけじゃどうにもならない、いくつもの課に関わる課題は区としてどうする？')).toHaveLength(1);
    // Before a verb of doing together, a noun's と、 is "with": one question.
    expect(splitParts('いちばん上の人と、ヒラでもじかに話せる場ってある？')).toHaveLength(1);
    expect(splitParts('イメージ図の横軸は何が並んでるのかと、意見交換は管理職だけなのか')).toHaveLength(2);
    // 「…は何かと、…はあるか」: と、 after a question (何か, あるか), not 「何かと、忙しい」 (in many ways).
    expect(splitParts('研修の3つの形態は何かと、自己啓発で通信講座を受けるときの補助制度はあるか、の2つです。')).toHaveLength(2);
    expect(splitParts('何かと、忙しい時期ですが朝礼は毎日？')).toHaveLength(1);
    // それぞれ asks for each part: it is not a word of the last one.
    expect(splitParts('管理職の役割と、ふつうの職員の役割、それぞれどう書いてある？')).toEqual(['管理職の役割', 'ふつうの職員の役割どう書いてある']);
    // Too many pieces once noun phrases are cut too: the sentences and clauses alone.
    expect(splitParts('区長と職員の意見交換について伺います。対象となる職員の範囲と、出された意見がその後どう扱われるのかを教えてください。加えて、今年度の開催日程が決まっていれば知りたいです。')).toHaveLength(4);
    expect(splitParts('Is the morning meeting every day, and what time does it start?')).toEqual(['Is the morning meeting every day', 'what time does it start']);
    expect(splitParts('研修または自己啓発について')).toEqual(['研修または自己啓発について']);
    expect(splitParts('Managers and staff: what are their roles?')).toHaveLength(1);
  });

  it('gives each side of a comparison its own part', () => {
    expect(splitParts('OJTとOFF-JTの違いは？')).toEqual(['OJT', 'OFF-JT']);
    expect(splitParts('管理監督者の役割と、ふつうの職員の役割って、どう違うんですか？')).toEqual(['管理監督者の役割', 'ふつうの職員の役割']);
    // In English: "A vs B", "A versus B", "the difference between A and B"; beside another question too.
    expect(splitParts('OJT vs OFF-JT')).toEqual(['OJT', 'OFF-JT']);
    expect(splitParts('OJT versus OFF-JT: what is the difference?')).toEqual(['OJT', 'OFF-JT']);
    expect(splitParts("What's expected of regular staff versus managers? Like what's the actual split of roles?")).toEqual([
      "What's expected of regular staff",
      'managers',
      "Like what's the actual split of roles",
    ]);
    expect(splitParts("What's the difference between OJT and OFF-JT, and how do I apply for a course?")).toEqual(['OJT', 'OFF-JT', 'how do I apply for a course']);
  });

  it('cuts numbered lists and 「…のか、…のか」 into their questions', () => {
    expect(splitParts('保健福祉課から3点まとめて転送します。①区長表彰はどんな職員が対象か ②表彰は毎年何月頃か ③副賞は出るのか')).toEqual([
      '区長表彰はどんな職員が対象か',
      '表彰は毎年何月頃か',
      '副賞は出るのか',
    ]);
    expect(splitParts('改善提案はどういう内容のものを募集しているのか、採用された提案に報奨金は出るのか。')).toEqual([
      '改善提案はどういう内容のものを募集しているのか',
      '採用された提案に報奨金は出るのか',
    ]);
    expect(splitParts('3つの心構えって何か 教えて')).toHaveLength(1);
    // A list on lines: each item is a question, with or without ？, and its number is no part of it.
    expect(splitParts('研修関係をまとめたいのでお願いします。\n1. 研修はどういう形態に分けられるか\n2. 所属研修で強化しようとしている分野\n3. 来年度の所属研修の予算額')).toEqual([
      '研修はどういう形態に分けられるか',
      '所属研修で強化しようとしている分野',
      '来年度の所属研修の予算額',
    ]);
    expect(splitParts('係会で確認です。\n①4の(1)の⑥って何の取組でしたっけ\n②広報主任の任期')).toEqual(['4の(1)の⑥って何の取組でしたっけ', '広報主任の任期']);
    // Items within a line, and a part that names only a section number.
    expect(splitParts('①区長表彰はいつ ②朝礼は何のため？')).toEqual(['区長表彰はいつ', '朝礼は何のため']);
    expect(splitParts('番号で言われてもピンとこなくて。\n①4の(1)の⑥って何の取組でしたっけ\n②4の(2)の⑤は？')).toEqual(['4の(1)の⑥って何の取組でしたっけ', '4の(2)の⑤は']);
    // Bracketed numbers too, and ", and" before one; a section's (1) is no item (4(1) and 4(2) stay one comparison).
    expect(splitParts("two things: (1) who's on the genki up kaigi, and (2) do they get paid extra for being on it?")).toEqual([
      "who's on the genki up kaigi",
      'do they get paid extra for being on it',
    ]);
    expect(splitParts('4(1)と4(2)の違いは？')).toEqual(['4(1)と4(2)の違いは？']);
    // Asked for each (それぞれ), two sides in kana joined by と、 are two parts.
    expect(splitParts('かんりかんとくしゃのやくわりと、ふつうの職員のやくわり、それぞれおしえて')).toEqual(['かんりかんとくしゃのやくわり', 'ふつうの職員のやくわりおしえて']);
    expect(splitParts('区長との意見交換について。\n・誰が参加できるんですか\n・出た意見はその後どうなるんですか')).toEqual([
      '区長との意見交換について',
      '誰が参加できるんですか',
      '出た意見はその後どうなるんですか',
    ]);
    expect(splitParts('所属研修で何を伸ばすのかと、申込の締切はいつか、という問い合わせです')).toHaveLength(2);
  });

  it('cuts 「AのXとBのY」, which the analyzer reads with a case-particle と', () => {
    expect(splitParts('職員の役割と管理監督者の役割 それぞれざっくり')).toEqual(['職員の役割', '管理監督者の役割 それぞれざっくり']);
    expect(splitParts('職員の役割と責任について')).toEqual(['職員の役割について', '職員の責任について']);
  });

  it('keeps one question whole: と meaning "with", one clause', () => {
    for (const q of ['区長と直接話せる機会はありますか', '職員と区長との意見交換はある？', '地域の方々と一緒に活動するうえで、どのような力が必要ですか。']) {
      expect(splitParts(q), q).toEqual([q]);
    }
  });
});

describe('intent', () => {
  it('tells which detail is asked', () => {
    expect(asks('朝礼って何時から始まるの？')).toBe('time');
    expect(asks('区役所の開庁時間は？')).toBe('time');
    expect(asks('職員ボランティアの登録締め切りっていつ？')).toBe('deadline');
    expect(asks('港区将来ビジョンっていつ作られたの？')).toBe('when');
    expect(asks('所属研修は年に何回開催されていますか。')).toBe('times');
    expect(asks('区長表彰の賞金っていくら？')).toBe('cost');
    // In hiragana, and with spaces, as slow typists write: the same details.
    expect(asks('みなとーく つぎ なんがつにでる？')).toBe('next');
    expect(asks('清掃は なんようび？')).toBe('weekday');
    expect(asks('朝礼は なんかい やるの')).toBe('times');
    expect(asks('くちょうひょうしょうの ふくしょうって なにもらえるの')).toBe('cost');
    expect(asks('ちょうれいの しかいとうばんって だれがきめるの')).toBe('name');
    // …but not inside other words: 「みたいなんどこに」 (な + んどこ), 「なんかいい」 (なんか + いい), 「なんども」.
    expect(asks('笑顔がほめ言葉や、みたいなんどこに書いてあった？')).toBeUndefined();
    expect(asks('なんかいい研修ある？')).toBeUndefined();
    expect(asks('なんども聞いてすみません、朝礼の目的は？')).toBeUndefined();
    expect(asks('研修に行くときの交通費はどう精算しますか')).toBe('cost');
    expect(asks('元気アップ会議はコスト削減のアイデアも出すの？')).toBeUndefined();
    expect(asks('広報主任って何人いるの？')).toBe('people');
    expect(asks('いいアイデアを思いついたんだけど、出せる仕組みある？')).toBeUndefined();
    expect(asks('平成２４年８月に何が始まったのでしょうか')).toBeUndefined();
    expect(asks('港区運営方針ってどのくらいのスパンで作ってる？')).toBe('frequency');
    expect(asks('当時の区長はどなたでしたか。')).toBe('name');
    expect(asks('Who signed this plan?')).toBe('name');
    expect(asks('区長の名前は？')).toBe('name');
    expect(asks('区長って今どなたでしたっけ？')).toBe('name');
    expect(asks('3つの心構えのそれぞれの名前は？')).toBeUndefined();
    expect(asks('What happens when an issue involves several divisions?')).toBeUndefined();
    expect(asks('清掃ボランティアって何曜日？')).toBe('weekday');
    expect(asks('Which day of the week is the clean-up done?')).toBe('weekday');
    expect(asks('World cafe is which day?')).toBe('weekday');
    expect(asks('What day-to-day habits does the plan want?')).toBeUndefined();
    expect(asks('Kouhou shunin get extra teate money?')).toBe('cost');
    // Whether answers are anonymous: the plan never says (4(2)⑤ names the survey only).
    expect(asks('Is the staff survey anonymous?')).toBe('treatment');
    // Is it every day? asks how often (毎日 answers it).
    expect(asks('the morning chorei, it is every day in all sections?')).toBe('frequency');
    expect(asks('こちらでは毎日行うのでしょうか')).toBe('frequency');
    // …and then the budget, which the plan does not give: both must be there to answer.
    expect(asksAll('How much budget does each section get for training every year?')).toEqual(['frequency', 'cost', 'number']);
    expect(asks('職員アンケートは匿名で回答できますか？')).toBe('treatment');
    // Kana and English forms of the same details (round 9, dev writers wBJ, wBK and wBM).
    expect(asks('コウホウシュニンになったら、テアテってつくの？')).toBe('cost');
    expect(asks('ほめられたら、おかねとかもらえるの？')).toBe('cost');
    expect(asks('do we get paid for it?')).toBe('cost');
    expect(asks('How much will the ward cover if I take a course?')).toBe('cost');
    expect(asks('かいぜんていあんはひとりなんけんまでだせる？')).toBe('number');
    expect(asks('FA system — min years of service to apply?')).toBe('number');
    expect(asks("What's the retirement age for Osaka city staff?")).toBe('age');
    expect(asks('さいにんようは なんさいまで はたらけますか')).toBe('age');
    expect(asks('元気アップ会議の次の開催日は？')).toBe('next');
    expect(asks('朝礼 時間')).toBe('time');
    expect(asks('How many hours is the training?')).toBe('time');
    expect(asks('研修を休むときはどこに連絡すればいい？')).toBe('procedure');
    expect(asks('who do I ping when the printer jams?')).toBe('procedure');
    expect(asks('How do I actually sign up for the volunteer registry?')).toBe('procedure');
    expect(asks('Where exactly is the training center?')).toBe('place');
    expect(asks('Who handles IT support around here?')).toBe('name');
    // Who holds a post now, however it is put: "who's the current …", "who exactly are the current …".
    expect(asks("Who's the current PR lead in the community affairs section?")).toBe('name');
    expect(asks('Who exactly are the current Genki Up members? Can I get a list?')).toBe('name');
    expect(asks('Who are the members of the Genki Up meeting?')).toBeUndefined();
    // Not these: an aspect after a topic (目的, not 時間), who is in charge of a thing the plan says is done (a role, not a person).
    expect(asks('朝礼 目的')).toBeUndefined();
    expect(asks('Who is in charge of the staff newsletter?')).toBeUndefined();
    // Round 11 (dev writer wCA): a count of people, a phone number, a day and a time, cost cutting as a topic.
    expect(asks('How many staff work at the ward office in total?')).toBe('people');
    expect(asksAll('職員は何人？')).toEqual(['people']);
    expect(asksAll('How many staff work here?')).toEqual(['people', 'number']);
    expect(asks('何人かで参加してもいい？')).toBeUndefined();
    expect(asks("What's the phone extension for the secretariat?")).toBe('contact');
    expect(asks('事務局の連絡先を教えて')).toBe('contact');
    expect(asksAll('What day and time is the cleanup?')).toEqual(['time', 'weekday']);
    expect(asks('Is there a group working on cost cutting?')).toBeUndefined();
  });

  it('tells how-to-apply and who-holds-the-post questions, and not their look-alikes', () => {
    expect(asks('テレワークの申請方法を教えてください')).toBe('procedure');
    expect(asks('職員ボランティアの登録ってどの様式でどこに提出するんですか？')).toBe('procedure');
    expect(asks('How do I apply for overtime? Is there a form?')).toBe('procedure');
    expect(asks('所属研修の申込みって、どうやってするんですか？')).toBe('procedure');
    expect(asks('つうきんてあてのしんせいほうほう')).toBe('procedure');
    expect(asks('まどぐちでどなられたらだれにほうこくすればいいの')).toBe('procedure');
    expect(asks('Who am I supposed to report that to?')).toBe('procedure');
    expect(asks('How do I book a meeting room for my team?')).toBe('procedure');
    expect(asks('職員ボランティアに登録したいんだけど、様式は何で誰に出せばいい？')).toBe('procedure');
    expect(asks('ちょうれいのしかいはだれがやるの')).toBe('name');
    // Where proposals go is the plan's scheme (改善提案, 4(2)⑦), not paperwork.
    expect(asks('改善のアイデア、どこに出せばいいの？')).toBeUndefined();
    // The bot itself signs people up: that is answered with /worldcafe, not refused.
    expect(asks('ワールドカフェの申し込み方法は？')).toBeUndefined();
    expect(action('ワールドカフェの申し込み方法は？')).toBe('worldcafe');
    expect(asks('申請書とか個人情報の紙の扱いについて区として何か力入れてる？')).toBeUndefined();
    expect(asks('うちの課の広報主任って誰がやってるの？')).toBe('name');
    expect(asks('Who is the PR lead for our section?')).toBe('name');
    expect(asks('新人の指導は誰がやることになってる？')).toBeUndefined();
    // 「何人か」 is "a few people", 「思いつき」 is not いつ, "When people …" is not "when?".
    expect(asks('若い子らが何人か集まって、むだを減らす集まりがあるって聞いた')).toBeUndefined();
    expect(asks('こうしたらもっと楽になるで、って思いつき出したら、みんなに広めてくれるん？')).toBeUndefined();
    expect(asks('When people write down complaints, does anyone read them?')).toBeUndefined();
    expect(asks('When do the World Café sessions take place?')).toBe('when');
    // A bare 「いつ？」 is answered by 勤務時間外 or 毎日; a particular day (次の, 日程, next) is not.
    expect(asks('わーるどかふぇっていつ')).toBe('when');
    expect(HOLDS.when.test('勤務時間外における職員交流の機会')).toBe(true);
    // A day to come: a date the plan gives is past, only 毎日 / 毎年 says when the next one is.
    expect(asks('次のワールドカフェはいつ？')).toBe('next');
    expect(asks('区内ガイド＆ウォーキング、次はいつ？')).toBe('next');
    expect(asks("When's the next World Café?")).toBe('next');
    expect(asks('次の区長の公募っていつあるの？')).toBe('next');
    expect(HOLDS.next.test('平成24年8月に公募により就任した')).toBe(false);
    expect(HOLDS.date.test('平成24年8月に公募により就任した')).toBe(true);
    expect(asks('ワールドカフェの日程は？')).toBe('date');
    expect(HOLDS.date.test('勤務時間外における職員交流の機会')).toBe(false);
    // How many times is not answered by 「定期的に」; how often is.
    expect(asks('清掃ボランティアは月に何回？')).toBe('times');
    expect(HOLDS.times.test('定期的な清掃ボランティア')).toBe(false);
    expect(asks('How often is the clean-up?')).toBe('frequency');
    expect(HOLDS.frequency.test('定期的な清掃ボランティア')).toBe(true);
    // 「日常的、継続的・反復的に」 (OJT) says how often too, not how many times.
    expect(HOLDS.frequency.test('各職場において職務に直結して日常的、継続的・反復的に行い')).toBe(true);
    expect(HOLDS.times.test('各職場において職務に直結して日常的、継続的・反復的に行い')).toBe(false);
    // 「いつやるの？勤務中？」 asks whether it is in working hours, which the plan says (勤務時間外).
    expect(asks('ワールドカフェはいつやりますか？勤務中？')).toBeUndefined();
    // How long, and how often in other words.
    expect(asks('朝礼って何分くらいやるんですか？')).toBe('time');
    expect(asks('How long does the morning meeting last?')).toBe('time');
    expect(asks('みなと～くって何か月おきに出てるの')).toBe('times');
    expect(asks('みなくって月1発行やっけ？')).toBe('times');
    expect(asks('みなと～くは何か月に一回でますか')).toBe('times');
    // Where: the plan says it for the suggestion box (区役所１階), not for the World Café.
    expect(asks('ワールドカフェの会場ってどこ？')).toBe('place');
    expect(asks('Where is the suggestion box?')).toBe('place');
    // Where the members come from is who they are, not a place.
    expect(asks('From where are the members of the Genki Up Kaigi chosen?')).toBeUndefined();
    expect(asks('区の中のおすすめの場所を、みんなで歩いてめぐる催しってある？')).toBeUndefined();
    expect(HOLDS.place.test('区役所1階に設置した「み・な・と改善箱」')).toBe(true);
    // 「各課に」 and 「全職場で」 say where too (the 広報主任 are in each section); a centre's name does not say where it is.
    expect(HOLDS.place.test('新たに広報主任を各課に配置し')).toBe(true);
    expect(HOLDS.place.test('毎日全職場で行い')).toBe(true);
    expect(HOLDS.place.test('職員人材開発センターや所属・外部機関で実施する研修です')).toBe(false);
    expect(asks('ワールドカフェ の ばしょ は どこかね')).toBe('place');
    expect(asks('区内ガイド＆ウォーキングってどのコースまわるの')).toBe('place');
    expect(asks('Where can I find back issues of the newsletter?')).toBe('place');
    // Money in kana, a season, who holds the post in a longer sentence.
    expect(asks('ワールドカフェのサンカヒっているの？')).toBe('cost');
    expect(asks('わーるどかふぇ でたら ざんぎょうだい でる？')).toBe('cost');
    expect(asks('出張の日当っていくら？')).toBe('cost');
    expect(asks('資格取得のテキスト代とかの補助ってある？')).toBe('cost');
    expect(asks('Is the walking tour held in spring or autumn?')).toBe('date');
    expect(asks('この春に異動してきました。区について知る機会はありますか')).toBeUndefined();
    expect(asks('広報主任、うちの課は誰がなってるんでしたっけ？')).toBe('name');
    expect(asks('ぼらんてぃあきゅうかってなんにちあるん')).toBe('number');
    expect(asks('職員ボランティアに登録したいんやけど、どこの係に申し込んだらええ？')).toBe('procedure');
    expect(asks('歓迎会ってあるん？新人はお金払わんでいいやんな？')).toBe('cost');
    // How taking part counts (working time, overtime): asked last, after what else is asked.
    expect(asksAll('清掃ボランティアは何曜日？勤務時間として扱われる？')).toEqual(['weekday', 'treatment']);
    expect(asks('does joining the world cafe after work count as overtime?')).toBe('treatment');
    const cases: [string, ReturnType<typeof asks>][] = [
      // …so do leave to go during working hours and what staying away costs (the plan says 勤務時間外, never these);
      // whether a session is held during working hours the plan does say.
      ['健診の再検査って、勤務時間中に行ってもええん？', 'treatment'],
      ['ワールドカフェって勤務時間中にやるの？', undefined],
      ['研修休んだらペナルティとかある？', 'treatment'],
      ['If I skip the volunteering, is there any penalty?', 'treatment'],
      ['出ないと評価下がるの？', 'treatment'],
      // Who wrote the plan is the signature's name; who makes the in-house booklet (冊子) is not a name.
      ['このプラン、誰が書いたの？', 'name'],
      ['うちら向けに配られてる冊子、あれだれが作ってんの？', undefined],
      ['Which day of the month does the newsletter come out?', 'date'],
      ["where's the smoking area these days?", 'place'],
      // An English detail word asks as 頻度 and 時期 do (and, like them, is no topic word that the plan lacks).
      ['chorei frequency', 'frequency'],
      ['offsite meeting timing', 'when'],
    ];
    for (const [q, kind] of cases) expect(asks(q), q).toBe(kind);
    // Several at once, in ASKS order (the first one ranks the passages).
    expect(asksAll('清掃ボランティアは何曜日の何時から？集合場所も知りたい')).toEqual(['place', 'time', 'weekday', 'when']);
    expect(asksAll('職員の心構えって？')).toEqual([]);
  });

  it('knows which passages hold such an answer', () => {
    // 「定期的な清掃」 says how often, not on which day; a section number is not a count.
    expect(HOLDS.date.test('定期的な清掃ボランティアを実施')).toBe(true);
    expect(HOLDS.weekday.test('定期的な清掃ボランティアを実施')).toBe(false);
    expect(HOLDS.weekday.test('毎週水曜日に実施')).toBe(true);
    expect(HOLDS.number.test('4(2)⑦の取組')).toBe(false);
    expect(HOLDS.number.test('3つの心構え')).toBe(true);
    expect(HOLDS.number.test('職員20人が参加')).toBe(true);
    // 「3つの心構え」 is a count, not of people.
    expect(HOLDS.people.test('3つの心構え')).toBe(false);
    expect(HOLDS.people.test('職員20人が参加')).toBe(true);
  });

  it('tells what the person wants to do', () => {
    expect(action('ワールドカフェに申し込みたい')).toBe('worldcafe');
    expect(action('改善提案を出したい')).toBe('proposal');
    expect(action('毎朝の話題がほしい')).toBe('morning');
    expect(action('ワールドカフェって何？')).toBeUndefined();
  });
});
