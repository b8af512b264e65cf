/**
 * From analysed text to retrieval terms: content words (lemmas), noun compounds, readings and character bigrams.
 * The same function serves the plan's passages (index) and the questions (query), so that both sides agree.
 *
 * - Content words: nouns (not 非自立 / 代名詞), independent verbs and adjectives (by base form: 行います → 行う),
 *   and words the dictionary does not know (Latin, new katakana words); minus STOP_LEMMAS.
 * - Compounds: runs of two or more adjacent noun-like tokens (元気|アップ|会議, 管理|監督|者), keyed as written.
 * - Bigrams: character bigrams of the text, with function words blanked so that they neither score nor glue
 *   content words together.
 */
import { analyze, type Token } from './analyzer.js';
import { englishKind, englishStem } from './english.js';
import { termKey } from './normalize.js';

export type WordKind = 'noun' | 'verb' | 'adjective' | 'unknown' | 'suffix';

export interface ContentWord {
  key: string;
  surface: string;
  reading: string;
  kind: WordKind;
  index: number;
  length: number;
}

export interface Compound {
  key: string;
  reading: string;
  index: number;
  length: number;
  /** Content words inside the compound. */
  words: ContentWord[];
}

export interface Analysis {
  text: string;
  tokens: Token[];
  words: ContentWord[];
  compounds: Compound[];
}

/** Base forms that carry no topic: question framing, light verbs, the document itself. */
export const STOP_LEMMAS = new Set(
  [
    // question framing
    '何', 'なに', 'なん', '誰', 'だれ', 'いつ', 'どこ', '何時', '教える', '教え', '教示', '知る', '知りたい', '聞く', '意味', '方法', '具体',
    '具体的', '的', '場合', '内容', '件', 'こと', '事', '物', 'もの', '方', '時', '点', '等', '所', '感じ', '今', '今度', '最近',
    '本当', '理由', '名前', '名称', '大切', '大事', 'なぜ', 'どう', 'どんな', 'どの', 'どういう', 'どれ', 'どのくらい', 'どれくらい',
    'ところ', 'ため', 'よう', 'そう', 'ほう', 'くらい', 'ぐらい', '何か', '以外', 'どうして', '他', 'ほか', '話',
    // memory framing: 「…ってなんだっけ、忘れちゃった」「思い出せない」
    '忘れる', 'わすれる', '思い出す', 'おもいだす', '思い出せる',
    // framing and colloquial fillers: 結局, ざっくり, マジ, 全部, 正式には, 両方, アレ, やつ
    '結局', '全部', '全て', 'すべて', '全体', '全体像', '要点', 'ざっくり', 'だめ', 'ダメ', 'まじ', 'マジ', '正式', '両方', 'あれ',
    'やつ', '一体', '普通', '実際', '主', '例', '例え', '自分', 'みんな', '皆', 'うち', '私', '僕', '俺', 'ここ', 'そこ', 'あそこ',
    // what a detail question asks for (intent.ts checks that the plan holds such a detail)
    '頻度', '回数', '人数', '件数', '時期', '日程', '日時', '期限', '締め切り', '締切', '時刻', '曜日', 'ペース', 'スパン',
    '仕組み', 'しくみ', 'システム', 'やり方', '違い', '違う', '比較', '差',
    '別物', '意味', '一言', '簡単', '詳しく', '詳細', 'ちなみに', 'ついで', 'とか', '辺', 'あたり', '気', '今年', '去年', 'いま',
    // the document itself
    'プラン', '基本プラン', '計画', '資料', '書く', '載る', '記載',
    // light verbs and auxiliaries
    'ある', 'する', 'いる', 'なる', 'やる', 'できる', 'れる', 'られる', 'せる', 'させる', 'いう', '言う', '思う', 'くる', '来る',
    'いく', '行く', 'もらう', 'くれる', 'いただく', 'おく', 'みる', 'しまう', 'ほしい', 'いい', 'よい', 'ない', 'わかる',
    '分かる', 'ござる', 'おる', 'くださる', '下さる', 'なさる',
  ].map(termKey),
);

const LATIN_WORD = /^[a-z][a-z'\-]*$/i;

/** さん, 様, 氏 after a name or a post: politeness, not another thing (区長さん is 区長). */
const HONORIFIC = (t: Token) => t.pos === 'noun' && t.sub1 === '接尾' && t.sub2 === '人名';
const NOUN_LIKE = (t: Token) =>
  (t.pos === 'noun' && t.sub1 !== '非自立' && t.sub1 !== '代名詞' && !HONORIFIC(t)) || t.pos === 'prefix' || t.pos === 'unknown';
const SINGLE_HAN = /^\p{Script=Han}$/u;
const NUMBER_WORD = /^[0-9０-９一二三四五六七八九十]+つ?$/u;
const PURE_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;

/**
 * Readings (hiragana) of the words of a list written in kanji, for words typed in kana: ふつう is 普通, シュルイ is
 * 種類. Readings shorter than three kana are left out (they collide).
 */
export function kanjiReadings(words: Iterable<string>): Set<string> {
  return new Set(
    [...words].filter((l) => /\p{Script=Han}/u.test(l)).map((l) => analyze(l).map((t) => t.reading).join('')).filter((r) => r.length >= 3),
  );
}

let stopReadings: Set<string> | undefined;
function isStopReading(reading: string): boolean {
  stopReadings ??= kanjiReadings(STOP_LEMMAS);
  return stopReadings.has(reading);
}

function kindOf(t: Token): WordKind | undefined {
  if (STOP_LEMMAS.has(t.lemma)) return undefined;
  if (KANA_ONLY.test(t.surface) && isStopReading(termKey(t.surface))) return undefined;
  if (t.pos === 'unknown') return LATIN_WORD.test(t.surface) ? englishKind(t.lemma) : 'unknown';
  if (t.pos === 'noun') {
    if (t.sub1 === '非自立' || t.sub1 === '代名詞') return undefined;
    // Counts and ordinals (3つ, ２つ目, 5番目, 24年) say which or how many, not what about: intent.ts reads them.
    if (t.sub1 === '数' || NUMBER_WORD.test(t.surface)) return undefined;
    if (t.sub1 === '接尾') return t.sub2 === '助数詞' || HONORIFIC(t) || t.surface === '目' ? undefined : 'suffix';
    // A one- or two-character hiragana noun is almost always a mis-analysed ending (ぼら, まえ …).
    if (PURE_HIRAGANA.test(t.surface) && t.surface.length < 3) return undefined;
    return 'noun';
  }
  if ((t.pos === 'verb' || t.pos === 'adjective') && t.sub1 === '自立') return t.pos;
  return undefined;
}

export function analyzeText(normalized: string): Analysis {
  const tokens = analyze(normalized);
  const words: ContentWord[] = [];
  const byToken = new Map<Token, ContentWord>();
  for (const t of tokens) {
    const kind = kindOf(t);
    if (!kind) continue;
    const key = LATIN_WORD.test(t.surface) ? englishStem(t.lemma) : t.lemma;
    const w: ContentWord = { key, surface: t.surface, reading: t.reading, kind, index: t.index, length: t.length };
    words.push(w);
    byToken.set(t, w);
  }
  const compounds: Compound[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && NOUN_LIKE(tokens[j]!)) j++;
    if (j - i >= 2) {
      const run = tokens.slice(i, j);
      const inner = run.map((t) => byToken.get(t)).filter((w): w is ContentWord => w !== undefined);
      if (inner.length > 0) {
        compounds.push({
          key: termKey(run.map((t) => t.surface).join('')),
          reading: run.map((t) => t.reading).join(''),
          index: run[0]!.index,
          length: run.reduce((n, t) => n + t.length, 0),
          words: inner,
        });
      }
    }
    i = Math.max(j, i + 1);
  }
  return { text: normalized, tokens, words, compounds };
}

/** Weight of a content word for scoring and coverage: nouns carry the topic, verbs and suffixes less. */
export function kindWeight(w: ContentWord): number {
  switch (w.kind) {
    case 'noun':
      return SINGLE_HAN.test(w.surface) ? 0.7 : 1;
    case 'unknown':
      return 1;
    case 'suffix':
      return 0.3;
    default:
      return 0.4;
  }
}

/** Characters that break a run for bigrams: white space, punctuation, symbols. */
const RUN_BREAK = /[\s\p{P}\p{S}]+/u;

/** Character bigrams of each run (a run of one character yields that character). Keys are kana-folded. */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of termKey(text).split(RUN_BREAK)) {
    if (!run) continue;
    const chars = Array.from(run);
    if (chars.length === 1) {
      out.push(chars[0]!);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Bigrams of the analysed text with everything but content words and compounds blanked. */
export function contentBigrams(a: Analysis): string[] {
  const chars = a.text.split('');
  const keep = new Uint8Array(chars.length);
  for (const w of a.words) if (!LATIN_WORD.test(w.surface)) keep.fill(1, w.index, w.index + w.length);
  for (const c of a.compounds) if (!c.words.every((w) => LATIN_WORD.test(w.surface))) keep.fill(1, c.index, c.index + c.length);
  for (let i = 0; i < chars.length; i++) if (!keep[i]) chars[i] = ' ';
  return charBigrams(chars.join(''));
}
