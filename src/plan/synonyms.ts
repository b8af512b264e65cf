/**
 * How staff talk → how the plan says it: the hand table, only for the plan's own jargon that no dictionary has
 * (Sudachi's synonym groups come from sudachi.ts; English from glossary.ts). Each entry says why it exists.
 *
 * Each entry: when any `keys` phrase occurs in the query (compared in `matchForm`: NFKC, lower case, katakana
 * folded to hiragana), the `targets` (plan wording) are added to the query with a lower weight, and the query
 * words under the key count as covered when a target occurs in the hit (see `found` in retrieval.ts).
 * Keep entries general (ways of saying a thing), never tied to one test question. Since the second round of the
 * evaluation, an entry is added only for wording that at least two of the independent writers of the dev split
 * used for the same thing (the writers are named in `why`: A–E, docs/evaluation.md).
 */
import { GLOSSARY } from './glossary.js';
import { matchForm, normalizeText } from './normalize.js';

export interface SynonymEntry {
  keys: string[];
  targets: string[];
  /** Why the entry exists (what no dictionary gives). */
  why?: string;
  /** Default TABLE_WEIGHT. */
  weight?: number;
}

export const TABLE_WEIGHT = 0.8;

export const SYNONYMS: SynonymEntry[] = [
  // Roles: the plan names people by its own terms.
  { keys: ['上司', '上長', 'ボス', 'マネージャー', 'マネジャー', '幹部', 'リーダー', 'マネジメント職', 'マネジメントする側', 'マネジメント層', '管理する側'], targets: ['管理監督者', '管理職'], why: 'the plan calls every boss 管理監督者; Sudachi links 管理職 to it (sudachi.ts), not 上司 / 上長 (マネジメント職, マネジメントする側: writers E, BA)' },
  { keys: ['若手', '若い職員', '若い人', '新人', '新規採用', '新採', '新任', '入庁'], targets: ['若手職員', '後輩'], why: 'the plan speaks of 若手職員 and 後輩, never 新人' },
  { keys: ['後輩', '先輩'], targets: ['後輩', '指導'], why: 'a 先輩 in the plan is the one who 指導s the 後輩 (2(1))' },
  { keys: ['文句', '要望', '苦情', 'クレーム', '不満', '声'], targets: ['意見', 'ご意見'], why: 'what people bring is ご意見 in the plan (4(2)⑤)' },
  { keys: ['知らせる', 'お知らせ', '周知', '情報発信', '発信', 'チラシ', 'sns', 'pr'], targets: ['広報'], why: 'telling residents is 広報 in the plan (4(1)③)' },
  { keys: ['無理', 'できっこない', 'やったことない', 'やったことがない'], targets: ['できない理由', '前例がない'], why: '1\'s 「できない理由」を探すのではなく and 前例がないことを恐れず' },
  { keys: ['担当外', '担当じゃない', '担当以外', '自分の仕事以外', '他の課の仕事', 'ほかの課の仕事', '他の課の業務', 'ほかの課の業務', '他課の仕事', '他課の業務', '他部署の業務', '他部署の仕事', '隣の課の仕事', '違う課の仕事', '別の課の仕事'], targets: ['業務以外', '関心'], why: '1\'s 直接携わる業務以外の区役所業務に対しても関心を持ち (other sections\' work: writers A, B, D, E)' },
  { keys: ['区のトップ', 'トップ', '区の長', '一番偉い人', '区のボス', 'いちばん上の人', '一番上の人', 'いちばん上に', '区のいちばん上', '区の一番上'], targets: ['区長'], why: 'staff call the 区長 the ward\'s トップ / いちばん上 (writers B, K)' },
  { keys: ['厄介ごと', '困りごと', '困り事', 'トラブル', '揉め事', 'もめごと', '難題', '案件'], targets: ['課題', '問題'], why: 'the plan speaks of 課題 to solve (an 案件 across sections: writers B, E)' },
  { keys: ['課にまたがる', '課をまたぐ', '課をまたい', '複数の課', 'いくつかの課', '部署をまたぐ', '部署にまたがる', '複数の部署', '課を横断', '部署横断'], targets: ['課をまたがる'], why: '4(1)④ 課をまたがる課題: writers A, B, E' },
  { keys: ['一般職員', '一般の職員', '平職員', 'ヒラ', '係員', 'スタッフ'], targets: ['職員'], why: '3(1) is about 職員 as opposed to 管理監督者; office slang ヒラ / 係員' },
  { keys: ['区民', '住民', '市民', 'お客様', 'お客さん', '来庁者'], targets: ['区民'], why: 'the plan says 区民 for everyone the office serves' },
  { keys: ['課長', '係長', '課長代理', '所属長', '部長', 'かちょう', 'かかりちょう'], targets: ['管理監督者'], why: 'the plan\'s 管理監督者 are the 課長 and 係長 (図): writers B, D, E' },
  { keys: ['役職', '職階', '組織図', '階層', '上下の並び', '上から順', 'えらい順', '偉い順'], targets: ['副区長', '課長代理', '係長', 'イメージ図'], why: 'the ranks appear only as labels of the イメージ図 (上下の並び: writers K, AE)' },
  { keys: ['絵', '図解'], targets: ['イメージ図'], why: 'staff call the イメージ図 「あの絵」: writers K, M, U, W, AA, AE' },
  { keys: ['育てる', '育て', '育成', '人を育て', '教育', '指導', '面倒を見', '仕事を教え', '仕事教え', '教える側', '教えるのも', '教えること'], targets: ['人材育成', '育成', '指導'], why: 'the plan\'s word is 人材育成' },
  { keys: ['セミナー', '講習', '講座', '勉強会', '研修会'], targets: ['研修'], why: 'the plan says 研修 for every kind of course' },
  { keys: ['研修の種類', '研修の分類', '研修の区分', '研修のタイプ', '種類', '分類'], targets: ['形態', '分類'], why: '4(1)⑥ calls the kinds of training 形態' },
  { keys: ['部署', '所属課', '部局', 'セクション'], targets: ['課'], why: 'the plan\'s unit is the 課 (各課)' },
  { keys: ['区長賞', 'くちょうしょう', 'クチョウショウ'], targets: ['区長表彰'], why: 'staff shorten 区長表彰 to 区長賞 (8 dev questions, 5 writers); two edits away, so the typo match misses it' },
  { keys: ['mtg'], targets: ['ミーティング'], why: 'the office abbreviation of ミーティング (オフサイトMTG, 職場MTG); Sudachi has no entry for it' },
  { keys: ['pdca', 'ピーディーシーエー'], targets: ['pdcaサイクル'], why: 'the plan always writes ＰＤＣＡサイクル' },
  { keys: ['オージェーティー', 'オージェイティー', 'オージェイティ', 'オージェーティ'], targets: ['ojt'], why: 'OJT spelt out in kana: writers B, G' },
  { keys: ['オフジェーティー', 'オフジェイティー', 'オフジェイティ', 'オフジェーティ'], targets: ['off-jt'], why: 'OFF-JT spelt out in kana: writers B, G' },
  { keys: ['ゴミ拾い', 'ごみ拾い', 'ゴミひろい', 'ごみひろい', 'ゴミ掃除', '掃除', 'クリーンアップ', '清掃活動'], targets: ['清掃ボランティア'], why: '4(2)⑧ 清掃ボランティア: writers D, G' },
  { keys: ['キャリアアップ', 'キャリア', '出世', '昇任', '成長'], targets: ['キャリア形成', '成長'], why: 'the plan says キャリア形成' },
  { keys: ['心構え', '心得', '心がけ', '姿勢', 'マインド', '行動指針', '大事にすること', '大切にすること', '基本姿勢', '価値観'], targets: ['心構え'], why: 'the three 心構え are the plan\'s statement of values; Sudachi does not expand from 姿勢 (expandControl 1)' },
  { keys: ['接客', '窓口', '電話対応', '対応', '応対', '感じよく', '愛想', '丁寧な対応'], targets: ['接遇', '応対'], why: 'the plan\'s word for service at the counter is 接遇' },
  { keys: ['地域に出', '地域に入', '地域へ出', '地域に行', '現場に出', '地域に飛び込'], targets: ['地域に飛び込み'], why: '2(2)\'s own phrase 地域に飛び込み' },
  { keys: ['人事異動', '異動', '配置換え', '配置転換', '部署の希望', '希望部署', '希望の部署', '希望', '部署に移', '部署へ移', '部署に行きた', '別の部署', '手を挙げ', '手をあげ'], targets: ['人事配置', '庁内公募', '自己申告制度'], why: 'transfers appear as the plan\'s schemes: 庁内公募, 自己申告制度, 人事配置 (moving by raising one\'s hand: writers A, B, D)' },
  { keys: ['書類', '紙の', 'ファイル', '公文書', '保管', '文書の管理', '文書の扱い', 'ペーパー'], targets: ['文書管理', '文書'], why: 'the everyday words for what the plan calls 文書管理 (4(1)②): writers A, B, D, E' },
  { keys: ['個人の情報', '個人情報', 'プライバシー'], targets: ['個人情報'], why: '4(1)② 個人情報の適切な管理: writers A, B, D' },
  { keys: ['他の課', 'ほかの課', '他課', '隣の課', '別の課', '違う課', '他部署', 'ほかの部署', '他の部署', '横のつながり', '横のつながり', '部署を越え', '課の垣根', '縦割り'], targets: ['課を越えた', '職員交流', '交流'], why: 'the plan\'s 課を越えたコミュニケーション and 職員交流 (4(2), 4(2)③): writers A, B, D, E' },
  { keys: ['言いにくい', '言いづらい', '言い出しにくい', '本音', 'もの申せ', '物申せ', '意見を言え', '声を上げ', '発言しにくい', '発言しづらい'], targets: ['言いたいことを声に出して言える'], why: '4(2)③ 言いたいことを声に出して言える職場: writers D, E, I' },
  { keys: ['車のたとえ', 'クルマのたとえ', '車の例え', 'たとえ話', '比喩', 'メタファー'], targets: ['車', 'エンジン'], why: 'the 前文 likens the office to a car (エンジン, 運転手): writers B, D, K' },
  { keys: ['シティ・マネージャー', 'シティマネージャー', 'シティーマネージャー', 'city manager'], targets: ['港区シティ・マネージャー'], why: '前文 「港区シティ・マネージャー」 (the 区長): writers G, I' },
  { keys: ['節約', 'コスト削減', 'コストカット', '経費削減', '経費を減ら', '無駄を減ら', 'むだを減ら', '出費を減ら'], targets: ['経費の節減'], why: '4(2)② 経費の節減: writers E, H, I' },
  { keys: ['裏付け', '裏づけ', '根拠', '理由をつけて', 'エビデンス', 'データに基づ', '筋道'], targets: ['根拠をもって'], why: '2(2) 根拠をもって正確に説明: writers G, I and the first set' },
  { keys: ['署名', 'しょめい', 'サインしてる', 'サインした'], targets: ['港区長'], why: 'the 前文 is signed 「大阪市港区長」: writers E, I' },
  { keys: ['まち歩き', '街歩き', '町歩き', '区内を歩', '散策', '港区のこと', '区のことを知', '地元を知'], targets: ['区内ガイド&ウォーキング', '港区に対する理解'], why: '4(2)③ 「区内ガイド＆ウォーキング」 to know the ward: writers A, D' },
  { keys: ['昔ながら', '昔のまま', '従来のやり方', '今までのやり方', '古いやり方', 'やり方が古', '今までの教え方', '昔の教え方', '教え方のまま', '従来の指導', '自己流'], targets: ['今までの指導のあり方', '違うアプローチ'], why: '3(2) 今までの指導のあり方とは違うアプローチ: writers E, K, AM and the first set' },
  { keys: ['分かってもらえ', 'わかってもらえ', '理解してもらえ', '納得してもらえ', '納得してもら', '理解いただけ', 'ご理解いただ'], targets: ['納得していただく', '説明'], why: '2(1), 2(2) 説明し、納得していただくことができる能力: writers B, E' },
  { keys: ['朝礼', '朝会', '朝のミーティング', '朝ミーティング', '朝ミーティ', '朝の会', '毎朝', '始業', '朝一', '朝イチ'], targets: ['朝礼'], why: 'office names for the morning meeting, 朝礼 in the plan' },
  { keys: ['情報誌', '社内報', '庁内報', 'ニュースレター', '職員向けの冊子', '冊子', '社内誌', '読み物', '広報誌', 'みなとーく', 'みなと~く'], targets: ['庁内情報誌', 'みなと~く'], why: 'the in-house newsletter 「みなと～く」 (4(2)④)' },
  { keys: ['改善箱', '目安箱', '意見箱', 'ご意見箱', '投書箱', '投書'], targets: ['み・な・と改善箱', '改善箱'], why: 'the suggestion box is called 「み・な・と改善箱」 (4(2)⑤)' },
  { keys: ['表彰', '褒め', 'ほめ', '賞', '表彰状', '顕彰'], targets: ['区長表彰', '表彰'], why: 'the plan\'s award is the 区長表彰 (4(1)⑤)' },
  { keys: ['元気アップ'], targets: ['元気アップ会議'], why: 'the plan\'s young-staff council (4(2)②)' },
  { keys: ['ワールドカフェ', 'ワールド・カフェ', 'world cafe', 'worldcafe'], targets: ['ワールドカフェ'], why: 'spellings of the plan\'s World Café (4(2)③)' },
  { keys: ['職場研修', '現場研修', 'ojt', 'オンザジョブ', '仕事をしながら学', '教わりながら', '教わって覚え', '見て覚え', 'やりながら覚え', 'ながら教え', 'ながら教わ', 'ながら覚え', '働きながら', 'はたらきながら', '仕事をしながら', 'しごとをしながら', '横について教え', 'そばで教え', '手取り足取り'], targets: ['ojt', '職場内研修', '職場研修'], why: 'the plan\'s OJT is also called 職場内研修 / 職場研修; being taught while working (働きながら教わる, 横について教える): writers e, R, T, W, AE, AW, AY, BD' },
  { keys: ['外部研修', '集合研修', '座学', 'off-jt', 'offjt', 'オフjt'], targets: ['off-jt', '職場外研修'], why: 'the plan\'s OFF-JT is 職場外研修' },
  { keys: ['提案', 'アイデア', 'アイディア', '改善案', '意見を出', '思いつ', '思い付', 'こうしたらもっと', 'こうすればもっと', 'こうしたら楽', 'こうしたらええ', 'ええ考え', 'いい考え', '良い考え'], targets: ['改善提案', '提案'], why: 'the plan\'s scheme is 改善提案 (4(2)⑦); an idea that came to mind (思いついたこと, こうしたらもっと良くなる): writers A, K, M, Q, T, U, W, AE, AM, AV, BF, BH' },
  { keys: ['集まり', 'あつまり', '集い', 'つどい'], targets: ['会議', 'ミーティング'], why: 'the plan\'s meetings (元気アップ会議, オフサイトミーティング, 朝礼) are called 集まり: writers M, Q, R, T, W, AA, AE, AG, AH, AO, BA and more' },
  { keys: ['イベント', '催し', '行事'], targets: ['機会', '実施'], why: 'the plan speaks of 機会 and 実施, not of events' },
  { keys: ['まちの姿', 'どんなまち', '理想のまち', '将来像', 'めざしてる町', 'めざす町', 'めざすまち', '目指す町', '目指すまち'], targets: ['いちばん住みたいまち', '将来像'], why: 'the ward\'s goal 「いちばん住みたいまち…」' },
  { keys: ['作られた', '作った', 'つくった', '策定', '作成された'], targets: ['策定'], why: 'plans are 策定 in the plan\'s wording' },
  { keys: ['立場', '位置づけ', '位置付け', 'ポジション'], targets: ['位置づけ'], why: 'the 区長\'s 「港区シティ・マネージャー」の位置づけ (前文)' },
  { keys: ['仕事が終わった後', '仕事の後', '業務時間外', '時間外', '終業後', '定時後', 'アフター5', 'アフターファイブ', '定時のあと', '定時の後', '勤務後', '退庁後', '仕事終わり', '仕事のあと', 'しごとのあと', '仕事が終わってから', 'しごとが終わってから', 'しごとがおわってから', '勤め終わ', '勤めが終わ'], targets: ['勤務時間外'], why: 'the plan\'s 勤務時間外 (4(2)③); after work (定時のあと, しごとのあと, 勤めが終わってから): writers T, Z, AA, AE, AT, AY, BB, BC, BF' },
  { keys: ['区長と話', '区長と直接', '区長に直接', '区長に意見', '区長と意見', '区長との対話', 'タウンミーティング', '区長さんと', 'くちょうさんと', '区長とじかに', 'くちょうとはな', 'くちょうと話', 'トップと話', 'トップに直接', 'トップと直接', '上に直接'], targets: ['意見交換', '区長と直接意見交換'], why: 'the plan\'s 区長と直接意見交換 (4(2)⑥); talking with the 区長 face to face: writers A, B, D' },
  { keys: ['この計画', 'このプラン', 'プランの目的', 'プランを作', 'プランが作', 'プランはなぜ', '基本プラン', 'この資料', 'この冊子'], targets: ['職員力向上基本プラン'], why: 'the plan names itself 「職員力向上基本プラン」 (前文)' },
  { keys: ['取組', '取り組'], targets: ['取り組'], why: 'okurigana of 取り組み that the analyzer splits differently' },
  { keys: ['はっきりさせ', 'はっきり示', 'はっきりと示'], targets: ['明確'], why: '4(1) 各課の果たすべき責務について明確にし, 3(2) 目標を明確に示し: writers K, Q' },
];

export interface SynonymMatch {
  /** Offset and length of the matched key in the matchForm'ed query. */
  index: number;
  length: number;
  /** Targets in matchForm (for substring checks). */
  targets: string[];
  /** Targets as normalised text (for tokenising; kana not folded). */
  surfaces: string[];
  weight: number;
}

export interface CompiledSynonyms {
  keys: string[];
  targets: string[];
  surfaces: string[];
  weight: number;
}

export function compileSynonyms(entries: readonly SynonymEntry[]): CompiledSynonyms[] {
  return entries.map((e) => ({
    keys: e.keys.map(matchForm).filter((k) => k.length > 0).map(pluralReady),
    targets: e.targets.map(matchForm),
    surfaces: e.targets.map(normalizeText),
    weight: e.weight ?? TABLE_WEIGHT,
  }));
}

const LATIN_KEY = /^[a-z]/;
const LETTER_BEFORE = /[a-z]$/;
/**
 * A short English key (pr, car, hr) is a whole word, or its plural: "pr" is not in "process", nor "car" in "carry"
 * or "card". Longer keys start a word (award → awards, abilit → abilities).
 */
const SHORT_KEY = 3;
const LETTERS_AFTER = /^[a-z]*/;
const PLURAL = /^(?:e?s)?$/;
const startsWord = (q: string, k: string, i: number) =>
  !(i > 0 && LETTER_BEFORE.test(q.slice(0, i))) && !(k.length <= SHORT_KEY && !PLURAL.test(LETTERS_AFTER.exec(q.slice(i + k.length))![0]));
/** An English key ending in consonant + y also finds its plural: "morning assembly" → "morning assembl" (assemblies). */
const pluralReady = (k: string) => (LATIN_KEY.test(k) && k.length >= 7 ? k.replace(/(?<=[a-z][^aeiou\s])y$/, '') : k);

const COMPILED = compileSynonyms([...SYNONYMS, ...GLOSSARY]);

const GLOSSARY_BY_KEY = new Map(COMPILED.slice(SYNONYMS.length).flatMap((e) => e.keys.map((k) => [k, e] as const)));
/** The glossary entry whose key is exactly this English word or phrase ("training" → 研修), if any. */
export function glossaryEntry(english: string): CompiledSynonyms | undefined {
  return GLOSSARY_BY_KEY.get(matchForm(english));
}

/**
 * Synonym keys found in a query already in matchForm: every key's first occurrence, except keys lying inside a
 * longer key of the same entry that matched. Work is proportional to the table size (a few hundred short keys).
 */
export function findSynonyms(queryMatchForm: string, entries: readonly CompiledSynonyms[] = COMPILED): SynonymMatch[] {
  const out: SynonymMatch[] = [];
  for (const e of entries) {
    const found: { index: number; length: number }[] = [];
    for (const k of e.keys) {
      let i = queryMatchForm.indexOf(k);
      // An English key starts a word: "role" is not found in "control" (startsWord).
      while (i >= 0 && LATIN_KEY.test(k) && !startsWord(queryMatchForm, k, i)) i = queryMatchForm.indexOf(k, i + 1);
      if (i >= 0) found.push({ index: i, length: k.length });
    }
    if (found.length === 0) continue;
    found.sort((a, b) => b.length - a.length);
    const kept: { index: number; length: number }[] = [];
    for (const f of found) {
      if (kept.some((k) => f.index < k.index + k.length && k.index < f.index + f.length)) continue;
      kept.push(f);
      out.push({ ...f, targets: e.targets, surfaces: e.surfaces, weight: e.weight });
    }
  }
  // The longest match wins across entries too: "suggestion box" is not also a "suggestion".
  return out.filter((m) => !out.some((o) => o.length > m.length && o.index <= m.index && m.index + m.length <= o.index + o.length));
}
