/**
 * What kind of answer a question wants, beyond its topic:
 * - `asks`: who (a person's name, or who holds a post), when (a date or period; or a bare 「いつ？」, which 「毎日」 or
 *   「勤務時間外」 answers), how many / how much (a number; how many people), how to apply (a form, where to hand
 *   it in), how to reach someone (a telephone number). Passages that hold
 *   that kind of answer rank a little higher, and when none of the quoted passages does, the answer says
 *   「その点はプランには書かれていません」 beside what the plan does say.
 * - `action`: the person wants to do something the bot itself offers (sign up for a World Café session, send an
 *   improvement proposal, get the morning-meeting prompt): the answer points to the command.
 */
import { normalizeText } from './normalize.js';

export type AnswerKind = 'time' | 'deadline' | 'weekday' | 'date' | 'next' | 'when' | 'times' | 'frequency' | 'cost' | 'age' | 'number' | 'people' | 'name' | 'procedure' | 'place' | 'contact' | 'treatment';
export type Action = 'worldcafe' | 'proposal' | 'morning';

/** What the question asks for, tried in this order. */
const ASKS: [AnswerKind, RegExp][] = [
  ['name', /(長|者|員|主任|担当|ちょう)(さん)?の?(名前|氏名|お名前|なまえ)|(区長|副区長|課長|係長|くちょう)(さん)?(は|って|とは)(誰|だれ|どなた|どの方)|(署名|しょめい|サイン)[^。？?]*(誰|だれ|どなた)|(プラン|ぷらん|計画|前文|あいさつ|挨拶)[^。？?]{0,12}(誰|だれ|どなた)(が|の)?\s*(書|か[いく]|作|つく|策定|まとめ)|(誰|だれ|どなた)が\s*(書|か[いく]|作|つく|策定|まとめ)[^。？?]{0,8}(プラン|ぷらん|計画)|\bwho is the (ward )?mayor\b|\bname of the (ward )?mayor\b|\bwho (signed|wrote|issued|authored)\b|\bwhose (name|signature)\b/i],
  // Who holds a post now (「うちの課の広報主任って誰？」, "who is the PR lead"): a person, not a role the plan names.
  ['name', /(主任|担当者?|係長|課長|区長|司会|しかい|当番|とうばん|ファシリテーター|講師|リーダー|幹事|事務局)(さん)?(って|は|が|を)?\s*(今|いま|現在|今年)?(は)?\s*(誰|だれ|どなた)|(主任|係長|課長|当番|リーダー|幹事)[、,][^。？?]{0,8}(誰|だれ|どなた)が(なって|やって|務め|担当)|\bwho('s| is) (the )?(current |our )?(deputy|pr|facilitator|lead|leader|chief|head|contact|person in charge)\b|\bwho( exactly| actually)?('s| is| are)( exactly| actually)? (the |our )?(current|present)\b|\bwho('s| is) (the |our )?\S*(主任|担当|係長|課長|リーダー)|\bwho (won|got|received|handles|deals with|takes care of)\b/i],
  // How to apply or hand something in: the form, the desk, the steps (the plan names the schemes, not their paperwork).
  ['procedure', /(申し?込み?|申請|応募|登録|提出)(の)?(方法|手順|仕方|しかた|やり方|先|窓口|用紙|フォーム|様式)|どうやって(申し?込|申請|応募|登録|提出|手続|精算|せいさん|しんせい)|(どこ|誰|だれ|どの課)(に|へ|で|から)(申し?込|申請|提出|応募|もらえ|登録|送|渡)|(どの|どんな)(様式|書類|用紙|フォーム)|様式|(誰|だれ)に\s*(出|だ)(せば|す|して)|申込書|提出先|(手続き?|てつづき)(は|を|って|方法|の(方法|仕方|流れ))|\bhow (do|can|should|would) (i|we) (actually |even |just )?(apply|register|sign up|request|submit|enroll|put in|claim)\b|\b(application|registration|request|sign-?up|online|suggestion) form\b|(申し?込み?|申請|しんせい|もうしこみ|応募|提出|手続き?|てつづき)\s*(は|って|の)?[、,]?\s*(どう(やって|やる|する|すれば|したら)|どのように|どこから|ほうほう)|(誰|だれ|どこ|どちら)(に|へ)\s*(報告|ほうこく|相談|そうだん|通報|つうほう|連絡|れんらく|問い合わせ|といあわせ)(すれば|したら|する|を)|(どこ|どの)の?\s*(課|係|かか?り|窓口|部署)(に|へ)\s*(きけば|聞けば|問い合わせ|申し?込|もうしこ|申請|提出|応募|登録)|\bhow to (apply|register|sign up|request|submit|enroll|claim|book|reserve)\b|\b(procedure|process|steps) (for|to) (apply|register|sign(ing)? up|submit|enrol|request)|\bhow (do|can|should) (i|we) (book|reserve)\b|\bwho (am i supposed to|should i|do i|can i) (report|talk|speak|go)( \w+)? to\b|\breport (it|this|that) to\b|\bwhich form\b|\bwho (should|do|can|would) (i|we) (send|submit|give|hand|email|pass|ping|contact|call|ask)\b|\b(send|submit|hand) (it|this|that|them) to\b|\bis there a form\b/i],
  // Where a thing is (「ワールドカフェの会場はどこ？」, "where is the suggestion box?"): the plan says it for a few (1階, 周辺).
  ['place', /(場所|ばしょ|バショ|会場)\s*(は|って|が)?\s*(どこ|何処|[?？]|$|を?教え|知りたい)|(設置|実施|集合|開催)場所|最寄り|もより|行き方|どこで(読め|読む|見れ|見られ|もらえ|手に入)|(どこ|どの辺)を(回|まわ|歩)|どの(コース|ルート)|(?<!\bfrom )\bwhere('s| (exactly |actually )?(is|are)) (it|the)\b|\bhow (do|can|would) (i|we) get (there|to)\b|\bwhere (can|do|should) (i|we) (find|get|read|pick up)\b|\bwhich (room|route)\b|\blocation\b/i],
  // A time of day, or how long (何分くらい, how long does it last).
  ['time', /何時|なんじ|時刻|^\S+\s+(時間|じかん)$|(開庁|閉庁|開始|終了|受付|営業|所要)時間|何分|どのくらいの時間|\bwhat time\b|\b(day|date)s? (and|&) (what )?times?\b|\bopening hours\b|\bhow long\b|\bhow many (hours|minutes)\b/i],
  ['deadline', /締め?切|期限|いつまで|任期|\bdeadline\b|\buntil when\b/i],
  // A day of the week ("which day?", "what day of the week", not "what day-to-day…"): 「定期的に」 or 「毎日」 does not say which.
  ['weekday', /何曜|なんようび|曜日|\b(which|what) days?\b(?![-\w]| of the (month|year))/i],
  // 何回か / 何度か: "a few times", not "how many times".
  // How many times (月に何回, 週何回): 毎日 says it, 「定期的に」 does not; how often (頻度, how often): either does.
  ['times', /何回(?!か)|何度(?!か)|なんかい(?![かものい])|なんど(?![かものこ])|(月|年|週|日)に?(何|なん)(回|度)|何(ヶ|か|カ|ケ)月(おき|ごと|に(一|1)回)|月(1|一|イチ)(回|発行|で|とか|やっけ|だっけ|\?|？|$)|\bhow many times\b/i],
  ['frequency', /頻度|ペース|スパン|何号|\bhow often\b|\b(monthly|weekly|quarterly)\b(?!\s+(pay|salary|report))|\bfrequency\b|\bhow frequent(ly)?\b|\b(is|are|do|does|will|happens?|held|run|take place)\b[^.?!]{0,40}\bevery (day|morning|weekday|week|month|year)\b|毎(日|朝|週|月|年)(行う|やる|やって|ある|あり|実施|開催)/i],
  // Money: fees, expenses, allowances, prizes (旅費, 参加費, 受講料, 手当, 精算, 副賞 …).
  ['cost', /(交通|旅|参加|受講|会|材料|教材|研修|テキスト)費|(テキスト|交通|参加|受講|教材|残業|タクシー|バス|電車|昼食|弁当|飲み|会場)代|日当|いくら|何円|補助金|(さんか|サンカ|こうつう|コウツウ|りょ|リョ)(ひ|ヒ)|ひよう|ヒヨウ|残業代|ざんぎょうだい|ザンギョウダイ|費用|受講料|参加料|手数料|料金|金額|予算|手当|てあて|テアテ|(お金|おかね|オカネ)(とか|は|が|も|って|を)?(もらえ|出る|でる|出ま|でま|かか|いる|要る|必要|払|はら)|精算|支給|賞金|しょうきん|副賞|ふくしょう|報酬|謝礼|自己負担|無料|有料|いくらかか|\b(cost|costs|fee|fees|budget|reimburse\w*|allowance|expenses?|fare|prize money|overtime pay)\b|\b(extra|additional) (money|pay|cash)\b|\bteate\b|\b(get|be|are|is|am) paid\b|\bhow much (will|does|do|would|can) [^?]*\b(cover|pay)\b/i],
  // An age (定年, 再任用の上限): only a figure in 歳 says it, not any number.
  ['age', /何歳|なんさい|年齢|ねんれい|\b(retirement|minimum|maximum) age\b|\bage limit\b|\bhow old\b/i],
  // How many people (職員は何人？, how many staff; 何人か: "a few people"): a count of people, which 「3つの心構え」 does not give.
  ['people', /何人(?!か)|何名|なん(にん|めい)(?!か)|人数|\bhow many (people|staff|employees|members|participants|persons|workers|officials|attendees|seats)\b|\bheadcount\b/i],
  // 何件か: "a few", not "how many"; 何日もらえる: how many days (a date is 何日に). How many people is `people`.
  ['number', /何件(?!か)|なんけん(?!か)|(何|なん)(日|にち)(ある|あり|もら|取れ|とれ|使え|間)|件数|\bhow (many|much)\b|\bmin(imum)? (years|number)\b/i],
  // いつ, but not inside いつも, いつか, 思いついた / 思いつき, 追いつく; "When people come …" is not "when?".
  ['date', /(?<![思追])いつ(?![いくもか])|何日|何月|何年|なんにち|なんがつ|なんねん|時期|日程|日時|開催日|曜日|\b(which|what) (day|date) of the month\b|(?<!この|今年の|昨年の)(春|夏|秋|冬)(頃|ごろ)|(春|夏|秋|冬)(か|と|、)(春|夏|秋|冬)|\b(spring|summer|autumn|fall|winter) or (spring|summer|autumn|fall|winter)\b|\bwhich (season|month)\b|\btiming\b|^when\b(?!\s+(people|someone|somebody|a|an|the|i|we|you|they|staff|my|our|your|there)\b)|\bwhen (is|are|was|were|do|does|did|will|can|should)\b|\bdeadline\b/i],
  // How to reach someone: a telephone number, an extension, an address (the plan names posts, not their numbers).
  ['contact', /連絡先|電話番号|内線|メールアドレス|メアド|問い?合わ?せ先|\b(e-?mail address|phone number|extension( number)?|contact (details|info|information|number)|hotline)\b/i],
  // How taking part counts: as working time, overtime, a duty trip (「ワールドカフェは超過勤務になる？」, "does it count
  // as overtime?"), or what not taking part costs (ペナルティ, 評価が下がる, a penalty). The plan says when things happen
  // (勤務時間外), never how they count; nor whether answers are anonymous (匿名, "is the staff survey anonymous?"); last,
  // so it never leads.
  ['treatment', /勤務(時間)?(扱い|として)|超過勤務|時間外勤務|残業(扱い|に(なる|なん|なり)|申請|つく)|時間外手当|職免|職務専念|出張扱い|\bcount(s|ed)? (as|toward) (overtime|work|working|paid)|\bovertime\b|\bon the clock\b|\bpaid time\b|(勤務|業務|仕事)(時間)?中に[^。？?]{0,6}(受け|行っ|いっ|抜け)て(も|は)|ペナルティ|ぺなるてぃ|罰則|懲戒|処分され|評価が?(下が|さが)|評価に(響|ひび)|\bpenalt(y|ies)\b|\bpunish|\bdisciplinary\b|匿名|とくめい|\banonymous(ly)?\b|\banonymity\b/i],
];

/** Saving money is a topic of the plan (経費の節減, 4(2)②; cutting costs, cost cutting), not a question of how much. */
const SAVING = /(cut|cutting|reduc\w*|sav\w*|lower\w*)\s+(the\s+|our\s+)?costs?|\bcosts?[- ](cutting|cuts?|reduction|savings?|saving|control)\b|経費|コスト(削減|カット)|削減|節減|節約/i;

/** 「いつやるの？勤務中？」 asks whether it is during working hours, which the plan does say (勤務時間外, 4(2)③). */
const WORK_HOURS = /勤務(中|時間)|就業時間|業務時間|定時(後|外)|時間外|\b(working|work|office) (hours|time)\b|\bafter (work|hours)\b|\bduring work\b/i;

/**
 * A particular day or period (「次のワールドカフェはいつ？」, "when is the next session?"), not a bare 「いつやるの？」,
 * which the plan answers where it says 毎日 or 勤務時間外.
 */
const PARTICULAR_DAY = /(春|夏|秋|冬)(頃|ごろ|か|と|、)|\b(spring|summer|autumn|fall|winter|season|month)\b|何日|何月|何年|時期|日程|日時|日付|開催日|次(回|の|は|に|いつ|も)|今度|今年|来年|来月|今月|予定|スケジュール|\b(next|dates?|scheduled?|this (year|month)|deadline)\b/i;

/** A day still to come (次の, 来年度, next): a date the plan gives is past; only 毎日 or 毎年 says when the next one is. */
const COMING = /次(回|の|は|に|いつ)|つぎ(の|は|に|いつ|\s)|今度の|こんどの|来年|来月|来週|\b(next|upcoming)\b/i;

export function asks(question: string): AnswerKind | undefined {
  return asksAll(question)[0];
}

/**
 * Every kind of answer the question asks for, in ASKS order (「何曜日の何時から？集合場所も」: a time, a day, a place);
 * the plan says only when it holds each of them.
 */
export function asksAll(question: string): AnswerKind[] {
  const q = normalizeText(question);
  // How to sign up for what the bot itself offers (/worldcafe, /proposal) is answered with the command.
  const offered = action(question) !== undefined;
  const kinds = ASKS.filter(
    ([kind, re]) =>
      re.test(q) && !(kind === 'cost' && SAVING.test(q)) && !(kind === 'procedure' && offered) && !(kind === 'date' && WORK_HOURS.test(q)),
  ).map(([kind]): AnswerKind => (kind !== 'date' ? kind : COMING.test(q) ? 'next' : PARTICULAR_DAY.test(q) ? 'date' : 'when'));
  return [...new Set(kinds)];
}

/** Does a passage hold that kind of answer? (A person's name is found by the analyzer: see plan-index.ts.) */
export const HOLDS: Record<Exclude<AnswerKind, 'name'>, RegExp> = {
  time: /\d+\s*時(?!間外)|時刻|\d+\s*分(間|程度|まで|から)/,
  deadline: /(平成|令和|昭和)\s*\d+\s*年|\d+\s*月|\d+\s*日|年度末|年度まで|まで(に|の間)/,
  weekday: /[月火水木金土日]曜/,
  // 「いつ？」 is answered by a date or by how often (朝礼は毎日).
  date: /(平成|令和|昭和)\s*\d+\s*年|\d+\s*月|\d+\s*日|年度末|年度まで|毎日|毎朝|毎年|毎月|毎週|定期的/,
  next: /毎日|毎朝|毎年|毎月|毎週/,
  when: /(平成|令和|昭和)\s*\d+\s*年|\d+\s*月|\d+\s*日|年度末|年度まで|毎日|毎朝|毎年|毎月|毎週|定期的|勤務時間外|時間外/,
  times: /毎日|毎朝|毎年|毎月|毎週|年\s*\d+\s*回|月\s*\d+\s*回/,
  frequency: /毎日|毎朝|毎年|毎月|毎週|年\s*\d+\s*回|月\s*\d+\s*回|定期的|日常的|継続的|反復的/,
  cost: /\d+\s*(円|万円)|費用|予算|手当|報酬|無料|有料|自己負担/,
  age: /\d+\s*(歳|才)/,
  number: /\d+\s*(人|名|件|回|つ|か所|箇所|ヶ所|歳|才|円|%|％|割|倍|時間|日|週|か月|ヶ月|年)|[一二三四五六七八九十]つ/,
  procedure: /申請書|申込書|提出先|申し?込み?(方法|先)|手続きの流れ/,
  place: /\d+\s*階|周辺|途上|各課に配置|全職場で/,
  people: /\d+\s*(人|名)|[一二三四五六七八九十]+(人|名)(?!称)/,
  contact: /\d{2,4}-\d{2,4}-\d{3,4}|内線\s*\d|@/,
  treatment: /勤務扱い|超過勤務|時間外勤務|職務専念義務/,
};

/** Wanting to do: 〜したい, 〜たいです, 〜ほしい, 〜には？, how do I …, I want to … */
const WANT = /(たい|ほしい|欲しい|方法|やり方|どうすれば|どうしたら|には[?？]?$|\bwant to\b|\bhow (do|can) i\b|\bi'?d like to\b)/i;

const ACTIONS: [Action, RegExp][] = [
  ['worldcafe', /(ワールド\s*カフェ|オフサイト|ウォーキング|world\s*caf).*(申し?込|参加|登録|予約|sign|join|register)|(申し?込|参加|sign|join).*(ワールド\s*カフェ|world\s*caf)/i],
  ['proposal', /(提案|アイデア|アイディア|改善案|proposal|suggestion|idea).*(出|送|提出|投稿|応募|したい|submit|send|make)|(提案|propose)したい/i],
  ['morning', /(毎朝|朝礼|朝の|morning).*(話題|ネタ|テーマ|お題|topic|prompt)/i],
];

export function action(question: string): Action | undefined {
  const q = normalizeText(question);
  if (!WANT.test(q) && !/話題|ネタ|お題|topic|prompt/i.test(q)) return undefined;
  return ACTIONS.find(([, re]) => re.test(q))?.[0];
}

/** 「Xってなに？」「Xとは」 "What is X?": what a thing is. When every noun of it is the plan's, the plan says. */
const DEFINITION = /(って|とは|て)\s*(なに|何|なん|どんな)|とは[?？]?$|\bwhat('s| is| are)\b/i;

export function asksWhatItIs(question: string): boolean {
  return DEFINITION.test(normalizeText(question));
}
