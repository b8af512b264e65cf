/**
 * Questions in several parts: 「区長表彰と改善提案について教えて」, 「文書管理と広報の体制はどう変わる？」,
 * 「改善箱はどこ？あと意見はどう扱われるの？」. Each part is answered on its own (extractive.ts).
 *
 * Cuts, found with the analyzer:
 * - between sentences (。？！), at あと / それと / ついでに / 、また / and also / ", and" before a second question, and at a
 *   、 between two clauses that each ask;
 * - at a coordinating particle (と / や, 並立助詞) joining two noun phrases: the left phrase gets the right
 *   phrase's ending (「区長表彰と改善提案について」 → 「区長表彰について」 + 「改善提案について」).
 * A comparison (違い, 比較, 差, vs, versus, the difference between) is cut into its two sides (「OJTとOFF-JTの違い」,
 * "OJT vs OFF-JT" → 「OJT」, 「OFF-JT」); a part without a
 * content word is not a part; background sentences that ask nothing (context.ts) are not parts.
 */
import { withoutBackground } from './context.js';
import { asks } from './intent.js';
import { matchForm, normalizeText } from './normalize.js';
import { namesSectionNumber } from './section-ref.js';
import { findSynonyms } from './synonyms.js';
import { analyzeText, type Analysis } from './terms.js';

const MAX_PARTS = 4;
/** …or this many, when they are its sentences or list items as written (a topic line and four items). */
const MAX_CLAUSES = 5;
const PURE_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;
const COMPARISON = /違い|違う|比較|比べ|差|異なる|\bvs\.?\b|\bversus\b|\bdifference\b|\bcompare/i;
/** The two sides of an English comparison: "A vs B", "A versus B", "the difference between A and B". */
const ENGLISH_SIDES = [/^(.*?\S)\s+(?:vs\.?|versus)\s+([^:;?？!]*[^:;?？!.\s])/i, /\bdifference between (.+?) and ([^:;?？!]*[^:;?？!.\s])/i];
const englishSides = (text: string): string[] | undefined => {
  for (const re of ENGLISH_SIDES) {
    const m = re.exec(text.trim());
    if (m) return [m[1]!, m[2]!];
  }
  return undefined;
};
/**
 * 「Aと、B…」: と and a comma after a noun (心構え and 取り組み too: okurigana of the e- and i-rows, which no verb ends its
 * conditional と with), or after a question: 「…伸ばすのかと、…」「…は何かと、…」. Not 「いちばん上の人と、ヒラでもじかに話せる場」: before
 * a verb of doing together (話す, 交流, 協力 …), a noun's と is "with".
 */
const TOGETHER = '(?![^。？！?!]*?(?:話|しゃべ|会え|会う|会話|相談|交流|協力|意見交換|一緒|ともに|共に|向き合|顔を合わ|顔をあわ))';
const AND_COMMA = new RegExp(
  `(?<=[\\p{Script=Han}\\p{Script=Katakana}ーみ]|\\p{Script=Han}[えけせてねへめれげぜでべりきしちにびぎじ]|こと|もの|の)と[、,]${TOGETHER}\\s*|(?<=のか|何か|なにか|誰か|だれか|どこか|いつか|あるか|ないか)と[、,]\\s*`,
  'u',
);
/** What a side of a comparison ends with: 「…の違いは？」, 「…って、どう違うんですか」. */
const COMPARISON_TAIL = /(の|って|とは|は|を)?[、,]?\s*(それぞれ)?(どう|どこが|何が)?(違い|違う|比較|比べ|差|異なる|\bvs\b|\bdifference\b|\bcompare).*$/isu;
/** 「…のか、また…のか」 (not または "or", またがる "across"); ", and what…" / ", and is…" between two English questions. */
const ALSO = '[、,]\\s*また(?![はが])[、,]?\\s*';
const AND_ASKS = ',?\\s+and\\s+(?=(?:what|who|whom|when|where|why|how|which|is|are|was|were|do|does|did|can|could|will|would|should|has|have)\\b)';
/** 「①…対象か ②…何月頃か」: a question ending in か, then a space, then the next. */
const KA_SPACE = '(?<=[^\\sa-z]か)\\s+(?=\\S)';
const SENTENCE_BREAK = new RegExp(
  `[。？！?!]+|${KA_SPACE}|${AND_COMMA.source}|[、,\\s]\\s*(?:あと|それと|それから|ついでに|あわせて|併せて)[、,]?\\s*|${ALSO}|${AND_ASKS}|\\band also\\b`,
  'giu',
);
/** Sentences, and English questions joined by ", and": what a comparison may stand beside. */
const SENTENCE_OR_ASKS = new RegExp(`[。？！?!]+|${AND_ASKS}`, 'giu');
const LEADING_CONNECTOR = /^(?:あと|それと|それから|ついでに|あわせて|併せて|また)[、,]?\s*/;
const QUESTION_WORD = /誰|だれ|どこ|いつ|どう(?!にも|しても|も|か)|何|なに|どの|どれ|どんな|いくら|いくつ|\b(who|what|where|when|how|which)\b/i;

/** A list item's marker at the start of a line: 「①…」「・…」「1) …」「2. …」. */
const LINE_ITEM = /^[ \t\u3000]*(?:[\u2460-\u2473]|[・•]|[1-9][.)）](?!\d))[ \t\u3000]*/u;
/**
 * A circled or bracketed number starting an item within a line (「…3点。①区長表彰は… ②表彰は…」, "(1) who's on…, and
 * (2) do they…"), not one inside a reference (4の(1)の⑥, 4(1)).
 */
const INLINE_ITEM = /(^|[\s、。,，：:])(?:[\u2460-\u2473]|[(（][1-9１-９][)）])/gu;
/** ", and" before a later item: the item's marker already joins it. */
const AND_ITEM = /,?\s+and\s+(?=[(（][2-9２-９][)）])/giu;

/**
 * List markers go before the question is read (NFKC would make ① a 1: 「①4の(1)」 is not 14). The lines of a list are
 * what is asked, each one question whether it ends in ？ or not (「1. 所属研修で特に強化しようとしている分野」), so each
 * ends in ？.
 */
function withoutListMarkers(question: string): string {
  const lines = question.split('\n');
  const listed = lines.filter((l) => LINE_ITEM.test(l)).length >= 2;
  const text = listed ? lines.map((l) => (LINE_ITEM.test(l) ? l.replace(LINE_ITEM, '').replace(/[。？?！!]*\s*$/u, '？') : l)).join('\n') : question;
  // Two or more items within a line (「①区長表彰はいつ ②朝礼は何のため？」): each ends as a question, as a line's does.
  const inline = [...text.matchAll(INLINE_ITEM)].length >= 2;
  // (After a sentence's end, the item starts a sentence already: 「…教えてください。①…」 stays a request.)
  return (inline ? text.replace(AND_ITEM, ' ') : text).replace(INLINE_ITEM, (_, before: string, at: number) => (inline && at > 0 && !/[。.]/.test(before) ? '？ ' : `${before} `));
}

/** A clause ending as a question does: 「…を募集しているのか」, 「…は出るんですか」. */
const ASKING_END = /(の|ん|です|ます)か(ね|な)?$/;

/** A bare 、 cuts only between two clauses that each ask something (「誰が発行してて、どのくらいの頻度で…」). */
function splitAtComma(clause: string): string[] {
  const pieces = clause.split(/[、,]/).map((p) => p.trim()).filter(Boolean);
  if (pieces.length < 2 || !pieces.every((p) => QUESTION_WORD.test(p) || ASKING_END.test(p))) return [clause];
  return pieces;
}

const EACH = /それぞれ|両方|各々|どちらも/;
const EACH_ASKED = /と?[、,]?\s*(?:それぞれ|各々|おのおの)(?=\s*(?:の|を)?\s*(?:どう|どんな|何|なに|教え|おしえ|要点|説明|簡単|詳しく))/g;

function hasContent(a: Analysis): boolean {
  return a.words.some((w) => w.kind === 'noun' || w.kind === 'unknown');
}

/** 「AとBについて」 → 「Aについて」, 「Bについて」 (noun phrases joined by と / や). */
function splitCoordination(text: string): string[] {
  const a = analyzeText(text);
  const t = a.tokens;
  for (let i = 1; i + 1 < t.length; i++) {
    const tok = t[i]!;
    if (tok.pos !== 'particle' || (tok.surface !== 'と' && tok.surface !== 'や')) continue;
    // The analyzer may read と as a case particle (職員の役割と管理監督者の役割): checked below.
    if (tok.sub1 !== '並立助詞' && !(tok.sub1 === '格助詞' && tok.surface === 'と')) continue;
    const before = t[i - 1]!;
    const after = t[i + 1]!;
    if (before.pos !== 'noun' && before.pos !== 'unknown') continue;
    if (after.pos !== 'noun' && after.pos !== 'unknown' && after.pos !== 'prefix') continue;
    if (after.sub1 === '副詞可能') continue; // 区長と直接話せる: と is "with", not "and"
    // Text in hiragana is often cut wrongly (かん|りかん|と|くしゃ): a と between kana pieces is not trusted.
    if (PURE_HIRAGANA.test(before.surface) || PURE_HIRAGANA.test(after.surface)) continue;
    // The left noun phrase: back to the previous particle or punctuation.
    let start = i - 1;
    while (start > 0 && (t[start - 1]!.pos === 'noun' || t[start - 1]!.pos === 'unknown' || t[start - 1]!.pos === 'prefix')) start--;
    // The right noun phrase, then its ending.
    let end = i + 1;
    while (end < t.length && (t[end]!.pos === 'noun' || t[end]!.pos === 'unknown' || t[end]!.pos === 'prefix')) end++;
    // The right phrase must end the sentence or take a particle of its own (not と: 職員と区長との意見交換).
    const next = t[end];
    if (next && next.pos !== 'particle' && next.pos !== 'symbol') continue;
    if (next && next.pos === 'particle' && next.surface === 'と') continue;
    const head = text.slice(0, t[start]!.index);
    // 「職員の役割と管理監督者の役割」: each side a whole 「…の…」 phrase already; cut at と.
    const bothWhole = head.endsWith('の') && next?.surface === 'の';
    // A case-particle と is "and" only there, or when the question asks for each (それぞれ, 両方).
    if (tok.sub1 === '格助詞' && !bothWhole && !EACH.test(text)) continue;
    if (bothWhole) return [text.slice(0, tok.index), ...splitCoordination(text.slice(after.index))];
    const left = text.slice(t[start]!.index, tok.index);
    const right = text.slice(after.index, t[end - 1]!.index + t[end - 1]!.length);
    const tail = text.slice(end < t.length ? t[end]!.index : text.length);
    return [`${head}${left}${tail}`, ...splitCoordination(`${head}${right}${tail}`)];
  }
  return [text];
}

/** Kana only (and spaces): text the analyzer often cuts wrongly (しょ|くい|ん for しょくいん). */
const KANA_ONLY = /^[\p{Script=Hiragana}\p{Script=Katakana}ー\s]+$/u;

/**
 * The parts of a question (one part: the question itself). `readsAsPlan`: does a piece in kana only name the plan's
 * terms by their readings (「しょくいん も ていあん できる」: 職員, 提案)? The retriever knows; the analyzer alone does not.
 */
export function splitParts(question: string, readsAsPlan: (kana: string) => boolean = () => false): string[] {
  // Background sentences (「来月、部下を研修に出す予定です。」) set the scene: they are not parts.
  const q = withoutBackground(normalizeKeepingCircled(withoutListMarkers(question)));
  if (plainlyOnePart(q)) return [question];
  // A part counts when it names something (as a word, a name the table knows: みなと～く, or a section number:
  // 「4の(2)の⑤は？」) or asks for a detail (「どのくらいの頻度で出てるの」).
  const isPart = (p: string) =>
    hasContent(analyzeText(p)) || findSynonyms(matchForm(p)).length > 0 || asks(p) !== undefined || namesSectionNumber(p) || (KANA_ONLY.test(p) && readsAsPlan(p));
  const comparison = COMPARISON.test(q);
  const sentences = comparison ? q.split(SENTENCE_OR_ASKS).filter((c) => isPart(c.trim())) : [];
  // A comparison is one question about two things: each gets its passage (「管理監督者と職員の役割の違い」). Asked
  // beside another question, it is one part of them (cut into its sides when English: "…the difference between OJT and
  // OFF-JT, and how do I apply?").
  if (comparison && sentences.length < 2) {
    const cut = q.split(AND_COMMA);
    const sides = (englishSides(q) ?? (cut.length === 2 ? cut : splitCoordination(q))).map((p) => p.replace(COMPARISON_TAIL, '').trim());
    return sides.length === 2 && sides.every((p) => hasContent(analyzeText(p))) ? sides : [question];
  }
  const clauses = q
    .split(SENTENCE_BREAK)
    .map((c) => c.trim().replace(LEADING_CONNECTOR, ''))
    .filter((c) => c.length > 0)
    .flatMap(splitAtComma);
  // 「Aと、Bの役割、それぞれ教えて」: それぞれ asks for each part, it is not a word of the last one.
  const parts = clauses.flatMap((c) => (COMPARISON.test(c) ? (englishSides(c) ?? [c]) : splitCoordination(c))).map((p) => p.replace(EACH_ASKED, '').trim()).filter(isPart);
  if (parts.length >= 2 && parts.length <= MAX_PARTS) return parts;
  // 「かんりかんとくしゃのやくわりと、ふつうの職員のやくわり、それぞれおしえて」: asked for each, two sides joined by と、
  // are two parts whatever they are written in (AND_COMMA trusts と after kana only when a kanji leads into it).
  const sides = EACH.test(q) ? q.split(/と[、,]\s*/) : [];
  if (sides.length === 2) {
    const each = sides.map((p) => p.replace(EACH_ASKED, '').trim());
    if (each.every(isPart)) return each;
  }
  // Too many pieces once noun phrases are cut too (「区長と職員の意見交換について伺います。対象となる…範囲と、…」):
  // the clauses alone.
  const coarse = clauses.filter(isPart);
  return coarse.length >= 2 && coarse.length <= MAX_CLAUSES ? coarse : [question];
}

/** normalizeText, but a circled number stays one (NFKC makes ⑥ a 6): a part 「4の(1)の⑥は？」 still names 4(1)⑥. */
function normalizeKeepingCircled(text: string): string {
  return text
    .split(/([\u2460-\u2473])/u)
    .map((piece, i) => (i % 2 === 1 ? piece : normalizeText(piece)))
    .join('');
}

/** Nothing to cut: one clause without と or や (no analysis needed). */
function plainlyOnePart(q: string): boolean {
  SENTENCE_BREAK.lastIndex = 0;
  const breaks = q.replace(/[。？！?!]+\s*$/u, '').search(SENTENCE_BREAK) >= 0;
  return !breaks && !/[とや]/.test(q) && !/[、,]/.test(q) && englishSides(q) === undefined;
}
