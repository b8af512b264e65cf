/**
 * How staff talk → how the plan says it.
 *
 * Each entry: when any `keys` phrase occurs in the query (compared in `matchForm`: NFKC, lower case, katakana
 * folded to hiragana), the `targets` (plan wording) are added to the query with a lower weight, and the query
 * words under the key count as covered when a target occurs in the hit (see `found` in retrieval.ts).
 * Keep entries general (ways of saying a thing), never tied to one test question.
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
  // People and roles
  { keys: ['上司', '上長', '管理職', 'ボス', 'マネージャー', 'マネジャー', '幹部', 'リーダー'], targets: ['管理監督者', '管理職'] },
  { keys: ['部下'], targets: ['部下職員'] },
  { keys: ['若手', '若い職員', '若い人', '新人', '新規採用', '新採', '新任', '入庁'], targets: ['若手職員', '後輩'] },
  { keys: ['後輩', '先輩'], targets: ['後輩', '指導'] },
  { keys: ['一般職員', '一般の職員', '平職員', 'ヒラ', '係員', 'スタッフ'], targets: ['職員'] },
  { keys: ['区長'], targets: ['区長'] },
  { keys: ['区民', '住民', '市民', 'お客様', 'お客さん', '来庁者'], targets: ['区民'] },
  { keys: ['役職', '職階', '組織図', '階層', 'ポスト'], targets: ['副区長', '課長代理', '係長', 'イメージ図'] },

  // Developing people
  { keys: ['育てる', '育て', '育成', '人を育て', '教育', '指導', '面倒を見'], targets: ['人材育成', '育成', '指導'] },
  { keys: ['職場研修', '現場研修', 'ojt', 'オンザジョブ', '仕事をしながら学'], targets: ['ojt', '職場内研修', '職場研修'] },
  { keys: ['外部研修', '集合研修', '座学', 'off-jt', 'offjt', 'オフjt'], targets: ['off-jt', '職場外研修'] },
  { keys: ['研修の種類', '研修の分類', '研修の区分', '研修のタイプ', '種類', '分類'], targets: ['形態', '分類'] },
  { keys: ['区役所の中でやる研修', '区役所内の研修', '庁内研修', '内部研修', '所内研修', '区の研修'], targets: ['所属研修', '区役所内研修'] },
  { keys: ['課ごと', '各課', '課単位', '部署ごと'], targets: ['各課'] },
  { keys: ['部署', '所属課', '部局', 'セクション'], targets: ['課'] },
  { keys: ['自己啓発', '自分で勉強', '自主学習', '独学'], targets: ['自己啓発'] },
  { keys: ['評価', '振り返り', 'ふりかえり', '見直し', '改善サイクル'], targets: ['評価結果', 'pdca', '改善'] },
  { keys: ['研修が終わった後', '研修後', '受講後', '研修の後'], targets: ['研修受講後'] },
  { keys: ['pdca', 'ピーディーシーエー'], targets: ['pdcaサイクル'] },
  { keys: ['キャリアアップ', 'キャリア', '出世', '昇任', '成長'], targets: ['キャリア形成', '成長'] },
  { keys: ['強み', '得意', '長所'], targets: ['強み'] },
  { keys: ['弱み', '苦手', '短所'], targets: ['弱み'] },

  // Attitudes and abilities
  { keys: ['心構え', '心得', '心がけ', '姿勢', 'マインド', '行動指針', '大事にすること', '大切にすること', '基本姿勢', '価値観'], targets: ['心構え'] },
  { keys: ['能力', 'スキル', '必要な力', '求められる力', 'ちから'], targets: ['能力'] },
  { keys: ['役割', '役目'], targets: ['役割'] },
  { keys: ['責任', '責務'], targets: ['責務', '責任'] },
  { keys: ['プロ意識', 'プロフェッショナル', 'プロとして'], targets: ['プロ意識'] },
  { keys: ['チャレンジ', '挑戦', '前例'], targets: ['チャレンジ'] },
  { keys: ['説明責任', 'アカウンタビリティ'], targets: ['説明責任', 'アカウンタビリティ'] },
  { keys: ['専門性', '専門知識', '専門スキル'], targets: ['専門的な知識', '専門性'] },
  { keys: ['接客', '窓口', '電話対応', '対応', '応対'], targets: ['接遇', '応対'] },
  { keys: ['コンプラ', '法令遵守', '法令順守'], targets: ['コンプライアンス'] },
  { keys: ['地域に出', '地域に入', '地域へ出', '地域に行', '現場に出', '地域に飛び込'], targets: ['地域に飛び込み'] },
  { keys: ['課題を見つけ', '問題を見つけ', '課題発見', '問題発見'], targets: ['課題を発見', '問題を発見'] },

  // Personnel management (4(1))
  { keys: ['人事異動', '異動', '配置換え', '配置転換', '部署の希望', '希望部署', '希望の部署', '希望'], targets: ['人事配置', '庁内公募', '自己申告制度'] },
  { keys: ['公募'], targets: ['庁内公募'] },
  { keys: ['fa制度', 'フリーエージェント'], targets: ['fa制度'] },
  { keys: ['自己申告'], targets: ['自己申告制度'] },
  { keys: ['文書', '書類', 'ファイリング', '公文書'], targets: ['文書管理'] },
  { keys: ['広報', 'ＰＲ活動', '情報発信', 'お知らせ'], targets: ['広報', '広報主任'] },
  { keys: ['課をまたが', '課をまたぐ', '課にまたが', '部署をまたが', '部署をまたぐ', '横断', '縦割り', '複数の課'], targets: ['課をまたがる', 'プロジェクトチーム'] },
  { keys: ['チーム', 'タスクフォース', 'ワーキンググループ'], targets: ['プロジェクトチーム'] },
  { keys: ['表彰', '褒め', 'ほめ', '賞', '表彰状', '顕彰'], targets: ['区長表彰', '表彰'] },

  // Open workplace (4(2))
  { keys: ['朝礼', '朝会', '朝のミーティング', '朝ミーティング', '朝ミーティ', '朝の会'], targets: ['朝礼'] },
  { keys: ['打ち合わせ', '打合せ', '課内会議', '係会議'], targets: ['職場ミーティング'] },
  { keys: ['元気アップ'], targets: ['元気アップ会議'] },
  { keys: ['経費を減ら', '経費削減', 'コスト削減', 'コストを減ら', '節約', '節減'], targets: ['経費の節減'] },
  { keys: ['効率化', '業務改善', '効率'], targets: ['効率化', '業務の工夫'] },
  { keys: ['活発', '活性', '盛り上げ', '盛り上が'], targets: ['活性化', '活発'] },
  { keys: ['風通し', '言いたいことが言え', '雰囲気', '働きやすい', '話しやすい'], targets: ['風通しの良い'] },
  { keys: ['ワールドカフェ', 'ワールド・カフェ', 'world cafe', 'worldcafe'], targets: ['ワールドカフェ'] },
  { keys: ['オフサイト', '合宿'], targets: ['オフサイトミーティング'] },
  { keys: ['交流', '懇親', '親睦', '職員同士'], targets: ['職員交流', '交流'] },
  { keys: ['仕事が終わった後', '仕事の後', '業務時間外', '時間外', '終業後', '定時後', 'アフター5', 'アフターファイブ'], targets: ['勤務時間外'] },
  { keys: ['名所', '歩いて', '散策', '街歩き', 'まち歩き', 'ウォーキング', 'ガイド'], targets: ['区内ガイド&ウォーキング', '名所'] },
  { keys: ['ほかの役所', '他の役所', '他機関', '他の機関', 'ほかの機関', '国の機関', '警察', '消防', '税務署'], targets: ['行政機関'] },
  { keys: ['情報誌', '社内報', '庁内報', 'ニュースレター', '職員向けの冊子', '広報誌', 'みなとーく', 'みなと~く'], targets: ['庁内情報誌', 'みなと~く'] },
  { keys: ['改善箱', '目安箱', '意見箱', 'ご意見箱', '投書箱', '投書'], targets: ['み・な・と改善箱', '改善箱'] },
  { keys: ['アンケート', '意見募集', 'ご意見'], targets: ['アンケート'] },
  { keys: ['区長と話', '区長と直接', '区長に直接', '区長に意見', '区長と意見', '区長との対話', 'タウンミーティング'], targets: ['意見交換', '区長と直接意見交換'] },
  { keys: ['提案', 'アイデア', 'アイディア', '改善案', '意見を出'], targets: ['改善提案', '提案'] },
  { keys: ['ボランティア', '社会貢献', '奉仕'], targets: ['ボランティア'] },
  { keys: ['イベント', '催し', '行事'], targets: ['機会', '実施'] },
  { keys: ['仕組み', '仕組'], targets: ['しくみ', '制度'] },
  { keys: ['清掃', '掃除', 'ごみ拾い', 'ゴミ拾い', 'クリーン'], targets: ['清掃ボランティア', '清掃'] },
  { keys: ['地域活動', '市民活動', '地域のイベント', '地域行事'], targets: ['市民活動', '地域活動'] },

  // The plan, the vision, the preface
  { keys: ['目指', 'めざ'], targets: ['めざ', '目指'] },
  { keys: ['まちの姿', 'どんなまち', '理想のまち', '将来像'], targets: ['いちばん住みたいまち', '将来像'] },
  { keys: ['ビジョン', '将来ビジョン'], targets: ['港区将来ビジョン'] },
  { keys: ['運営方針'], targets: ['港区運営方針'] },
  { keys: ['柱'], targets: ['5つの柱'] },
  { keys: ['縦軸', '横軸', 'キーワード'], targets: ['縦軸のキーワード', '横軸のキーワード'] },
  { keys: ['イメージ図', '図'], targets: ['イメージ図'] },
  { keys: ['この計画', 'このプラン', 'プランの目的', 'プランを作', 'プランが作', 'プランはなぜ', '基本プラン'], targets: ['職員力向上基本プラン'] },
  { keys: ['作られた', '作った', 'つくった', '策定', '作成された'], targets: ['策定'] },
  { keys: ['たとえ', '例え', '比喩'], targets: ['例える', 'エンジン', '車体'] },
  { keys: ['立場', '位置づけ', '位置付け', 'ポジション'], targets: ['位置づけ'] },
  { keys: ['市政改革', '改革'], targets: ['市政改革'] },
  { keys: ['始まった', '始まり', 'スタート', '開始'], targets: ['スタート'] },
  { keys: ['組織力', '組織の力', 'チーム力'], targets: ['組織力'] },
  { keys: ['上げる', '上げ', '高める', '高め', 'アップ', '伸ばす', '伸ば', 'レベルアップ', 'スキルアップ'], targets: ['向上'] },
  { keys: ['職員力', '職員の力'], targets: ['職員力'] },
  { keys: ['頻度', '毎年', 'いつ作', '何年ごと'], targets: ['毎年度'] },

  // Orthographic variants the plan uses
  { keys: ['皆さん', '皆様', 'みなさま'], targets: ['みなさん', '皆さん'] },
  { keys: ['一人一人', 'ひとりひとり', '1人1人'], targets: ['一人ひとり'] },
  { keys: ['取組', '取り組'], targets: ['取り組'] },
  { keys: ['作る', '作り', '造る'], targets: ['つくる', 'づくり'] },
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
    keys: e.keys.map(matchForm).filter((k) => k.length > 0),
    targets: e.targets.map(matchForm),
    surfaces: e.targets.map(normalizeText),
    weight: e.weight ?? TABLE_WEIGHT,
  }));
}

const COMPILED = compileSynonyms([...SYNONYMS, ...GLOSSARY]);
const LATIN_KEY = /^[a-z]/;
const LETTER_BEFORE = /[a-z]$/;

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
      // An English key starts a word: "role" is not found in "control".
      while (i > 0 && LATIN_KEY.test(k) && LETTER_BEFORE.test(queryMatchForm.slice(0, i))) i = queryMatchForm.indexOf(k, i + 1);
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
  return out;
}
