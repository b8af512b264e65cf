/**
 * Background sentences: 「他区から異動してまいりました。…部下の育成は誰の責任ですか。」 — a sentence that asks nothing,
 * beside one that asks, sets the scene. Its words still count, at CONTEXT_WEIGHT, so that the question's own words
 * decide where the answer is and whether the plan has it.
 */
import { splitSentences } from './normalize.js';

export const CONTEXT_WEIGHT = 0.5;

/** A question word, a question mark, or a question ending. */
const ASKING =
  /[?？]|について[。．.]?$|誰|だれ|どなた|どこ|いつ(?![いくもか])|どう|何|なに|なん[でだの]|どの|どれ|どんな|いくら|いくつ|か(ね|い)?[。．.]?$|(やろ|だろ)う?[。．.]?$|かな|かしら|でしょうか|っけ|の[。．.]?$|\b(who|what|where|when|how|which|why|is there|are there|can i|do we|does)\b/i;
/**
 * A request or wish (教えてください, 伺います, 質問です, …してほしい) asks only when it names what it is about (a word, then
 * について, は, って, を, も, が: 「日程も知りたいです」): 「お手すきの際に教えてください」「窓口から質問です」「…もう少し取り組んで
 * ほしいと考えております」 frame the question that follows; 「…について質問がありました」 reports one.
 */
const REQUEST = /伺い|伺う|お聞きし|お尋ね|質問(?!(が|を)?(あり|受け|され|もらい|いただき|来|き))|ください|下さい|教えて|たい[。．.]?$|たいです|ほしい|欲しい|知りたい/;
/** A particle right after a word (kanji, katakana, Latin, or a kanji with its okurigana): 「日程も」「違いを」, not 「、もう少し」. */
export const afterWord = (particles: string): RegExp =>
  new RegExp(`(?<=[\\p{Script=Han}\\p{Script=Katakana}ーa-zA-Z~]|\\p{Script=Han}\\p{Script=Hiragana})(?:${particles})`, 'u');
const NAMES_TOPIC = afterWord('について|は|って|とは|を|も|が');
/** A word of two kanji or katakana, or a Latin word: what a sentence can name (「どのへんをやるの？」 names nothing). */
const NAMES_SOMETHING = /[\p{Script=Han}\p{Script=Katakana}ー]{2}|[a-zA-Z]{2}/u;
const asking = (s: string) => ASKING.test(s) || (REQUEST.test(s) && NAMES_TOPIC.test(s));

export interface Span {
  index: number;
  length: number;
}

/** Spans (offsets in `text`) of the sentences that ask nothing, when another sentence asks; otherwise none. */
export function contextSpans(text: string): Span[] {
  return [...backgroundSentences(text), ...relayed(text)].sort((a, b) => a.index - b.index);
}

function backgroundSentences(text: string): Span[] {
  const sentences = splitSentences(text);
  if (sentences.length < 2) return [];
  let from = 0;
  const spans = sentences.map((s) => {
    const index = text.indexOf(s, from);
    from = index + s.length;
    return { index, length: s.length, asks: asking(s) };
  });
  // The sentences that ask must name something themselves: 「清掃を職員でやるって話あったよね。どのへんをやるの？」 asks
  // about what the first sentence names.
  if (!spans.some((s) => s.asks && NAMES_SOMETHING.test(text.slice(s.index, s.index + s.length)))) return [];
  return spans.filter((s) => !s.asks).map(({ index, length }) => ({ index, length }));
}

/**
 * Who asks, before the question: who passed it on (「中村さんから聞かれたんですが、」「係長に頼まれたんだけど、」) or who
 * the asker is (「会計年度任用職員なのですが、」「窓口課の新人なんですが、」「新しく来た者ですが、」).
 */
const RELAYED =
  /(?<=^|[。．！？!?]\s*)(?:[^。．！？!?、,]*?(?:から|に)(?:聞かれ|頼まれ|言われ|相談され|質問され|尋ねられ)(?:た|て)(?:んだ|んです|のです|んや)?|(?:すみません|失礼します)?[、\s]*[^。．！？!?、,]{0,12}?(?:職員|新人|新任|者|身|係員|バイト|アルバイト|非常勤|派遣)(?:なの|なん)?(?:です|だ))(?:けど|が)[、,]\s*/gu;

function relayed(text: string): Span[] {
  return [...text.matchAll(RELAYED)].filter((m) => asking(text.slice(m.index + m[0].length))).map((m) => ({ index: m.index, length: m[0].length }));
}

/** What a question sets aside counts this much: 「管理職ではない一般の職員」 asks about 職員, not 管理職. */
export const ASIDE_WEIGHT = 0;

const ROLE_JA = '(?:管理職|管理監督者|上司|課長|係長|幹部|マネージャー|役職者|管理者)';
/** A role the question sets aside: 「管理職ではない」「係長だけでなく」「管理職以外の」, "not a manager", "non-managers". */
const ASIDE = new RegExp(
  `${ROLE_JA}(?=(?:さん)?(?:(?:では|じゃ|で)?(?:ない|なく|無い)|ちゃう|やない|やなく)|以外|だけで?なく|だけじゃなく)|` +
    `(?<=\\b(?:not|non-?|rather than|other than|except|besides|apart from|excluding)\\s*(?:a |an |the |our )?)(?:managers?|supervisors?|bosses|boss|management|leaders?|section heads?|chiefs?)\\b`,
  'giu',
);

/** Spans of the roles a question sets aside (ASIDE). */
export function asideSpans(text: string): Span[] {
  return [...text.matchAll(ASIDE)].map((m) => ({ index: m.index, length: m[0].length }));
}

export function inSpans(spans: readonly Span[], index: number): boolean {
  return spans.some((s) => index >= s.index && index < s.index + s.length);
}

/** The question without its background sentences (for cutting it into parts: background is not a part). */
export function withoutBackground(text: string): string {
  const spans = contextSpans(text);
  return spans.length === 0 ? text : withoutSpans(text, spans).trim();
}

/** The text without the spans (in order): 「管理職ではない一般の職員」 without 「管理職」 is 「ではない一般の職員」. */
export function withoutSpans(text: string, spans: readonly Span[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.index);
    at = s.index + s.length;
  }
  return out + text.slice(at);
}
