/**
 * Questions that name a section by its number: 「4(2)⑥ってどんな取組？」, 「第３章の管理監督者のところ」,
 * 「第2章の(2)」, 「求められる能力の(2)」 (a bare (n) under the chapter the words point to), 「プランの3番」, 「3-(2)」, 「取組み4(1)の⑤」, 「風通しの良い職場づくりの⑧番」 (a circled number under the section the rest
 * of the question points to), 「4-2-8」 (an outline number), "chapter 4", 「人材マネジメントの三番目」「4(2)の7つ目」 (an ordinal
 * under that section), 「プランのさいご」「冊子のいちばん最初」 (the closing words, the preface), 「このプランって何のために
 * 作ったの？」 (the preface), 「役割の章」 "the roles chapter" (a chapter named by its words). Read before NFKC, which
 * would turn ⑥ into 6.
 */
import { matchForm } from './normalize.js';
import { findSynonyms } from './synonyms.js';
import { charBigrams } from './terms.js';
import type { Section } from './types.js';

const CIRCLED = '[\\u2460-\\u2473]';
const KANJI_DIGITS = '一二三四五六七八九';
const digitOf = (c: string) => (KANJI_DIGITS.includes(c) ? String(KANJI_DIGITS.indexOf(c) + 1) : c);
/** Full-width digits and brackets made plain; a chapter in kanji or as an ordinal (第二章, 二番目の章) made 第2章. */
const FULL = (s: string) =>
  s
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/(?:第\s*)?([1-4一二三四])\s*(?:章|(?:番目|つ目)の\s*章)/g, (_, d: string) => `第${digitOf(d)}章`);

/** 「4の(2)の⑥」「第4章(1)」「4-(2)」: a chapter, a section under it, and perhaps an item. */
const SUB_REF = new RegExp(`(?:第\\s*)?(\\d)\\s*(?:章)?\\s*(?:の|[-.．ー－])?\\s*\\(\\s*(\\d)\\s*\\)\\s*(?:の|[-.．ー－])?\\s*(${CIRCLED})?`);
const CHAPTER_JA = /第\s*(\d)\s*章/;

/** 「三番目」「7つ目」「２個目」「5点目」: the n-th item of a list (1..9); not 「6項目」 (six items). */
const ORDINAL = new RegExp(`([1-9${KANJI_DIGITS}])\\s*(?:番目|つ目|個目|点目)`);
/** "item 4", "point 2", "the 3rd item", "the second initiative": the same in English (not "3 types", "the first time"). */
const ENGLISH_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth'];
const ENGLISH_ORDINAL = new RegExp(
  `\\b(?:item|point|bullet|no\\.?)\\s*#?([1-9])\\b|\\b(?:([1-9])(?:st|nd|rd|th)|(${ENGLISH_WORDS.join('|')}))\\s+(?:item|point|bullet|initiative|measure)s?\\b`,
  'i',
);
const ordinalOf = (q: string): number | undefined => {
  const m = ORDINAL.exec(q);
  if (m) {
    const k = KANJI_DIGITS.indexOf(m[1]!);
    return k >= 0 ? k + 1 : Number(m[1]);
  }
  const e = ENGLISH_ORDINAL.exec(q);
  if (!e) return undefined;
  return e[3] ? ENGLISH_WORDS.indexOf(e[3].toLowerCase()) + 1 : Number(e[1] ?? e[2]);
};
const circledOf = (n: number) => String.fromCharCode(0x2460 + n - 1);
/** The plan as a whole, then its end or its beginning. */
const PLAN = '(?:プラン|ぷらん|冊子|さっし|この計画)(?:\\s*の)?\\s*(?:一番|いちばん)?\\s*';
/** Not 「プランの締め切り」 (a deadline). 「しめくくり」 alone is the closing words. */
const PLAN_END = new RegExp(
  `${PLAN}(?:最後|さいご|おわり|終わり|おしまい|[締し]め(?=の|くくり))|[締し]めくく(?:り|られ|って|る)|` +
    // 「最後のまとめの章」「おわりの章」: the plan's last part, named without the plan.
    `(?:最後|さいご)の\\s*(?:まとめ|章)|(?:まとめ|おわり|終わり)の章|` +
    // "How does the plan close?", "the conclusion at the end of the plan", "its closing section" (not "what time does it close").
    `\\bhow does (?:the|this) (?:plan|document) (?:close|conclude|end|finish|wrap up)\\b|` +
    `\\b(?:end|close|conclusion|closing|ending|last part|final (?:part|section|line|message|words)) of (?:the|this) (?:plan|document)\\b|` +
    `\\b(?:closing|concluding) (?:section|message|words|part|chapter)\\b`,
  'i',
);
/** Not 「プランはじめて読んだ」 (for the first time). */
const PLAN_START = new RegExp(
  `${PLAN}(?:最初|さいしょ|冒頭|はじめ(?!て)|初め(?!て))|` +
    // "in his opening message", "according to its own preface" (not "I'm writing a little intro about the ward").
    `\\b(?:in|according to|from) (?:the|its|his|this|the plan's) (?:own )?(?:preface|foreword|opening (?:message|words|section)|introduction|intro)\\b`,
  'i',
);

/**
 * Why the plan itself was made (「このプランってそもそも何のために作ったの？」「プラン 策定 理由」, "why was this plan
 * written?"): the preface says. Not the aim of one initiative inside it (「アンケートはどういった目的で実施すると書かれて
 * いますか」, "the aim of the HR management part of the plan").
 */
const WHY_WORDS = '(?:何の|なんの|どういった|どういう|どのような|どんな)\\s*(?:ため|目的|趣旨|理由|ねらい|狙い)';
const MADE = '(?:作|つく|こしら|策定|でき|まとめ)';
const PLAN_ITSELF = '(?:プラン|ぷらん|計画|決めごと|冊子)';
const EN_MADE = '(?:make|made|write|wrote|written|create|created|put|draw|drew|drawn|formulate|formulated|introduce|introduced|launch|launched|adopt|adopted)';
const PLAN_PURPOSE = new RegExp(
  [
    `${PLAN_ITSELF}[^。？?]{0,30}${WHY_WORDS}[^。？?]{0,6}${MADE}`,
    `${WHY_WORDS}[^。？?]{0,6}${MADE}[^。？?]{0,12}(?:プラン|計画)`,
    `(?:プラン|計画)[^。？?]{0,20}(?:なぜ|なんで|どうして)[^。？?]{0,10}${MADE}`,
    `(?:プラン|計画)(?:の|を)?\\s*(?:策定|作成)?\\s*(?:の)?\\s*(?:目的|趣旨|理由|背景|ねらい|狙い)`,
    `\\bwhy\\b[^.?]{0,40}\\bplan\\b[^.?]{0,30}\\b${EN_MADE}\\b`,
    `\\bwhy\\b[^.?]{0,30}\\b${EN_MADE}\\b[^.?]{0,30}\\bplan\\b`,
    `\\b(?:purpose|point|aim|goal|reason|background)s?\\s+(?:of|behind|for)\\s+(?:this|the)\\b(?:(?!part|section|chapter)[^.?]){0,30}\\bplan\\b`,
    `\\bplan'?s\\s+(?:purpose|aim|goal)|\\bwhat is (?:this|the) plan for\\b`,
  ].join('|'),
  'i',
);

/** 「風通しのええ職場づくりの１番目」: the question names that section's title (most of its character pairs). */
function namesTitle(q: string, title: string): boolean {
  const own = new Set(charBigrams(title));
  if (own.size < 3) return false;
  const qs = new Set(charBigrams(q));
  let shared = 0;
  for (const b of own) if (qs.has(b)) shared++;
  return shared / own.size >= 0.6;
}

/** 「役割の章」「「求められる力」の章」, "the roles chapter", "the chapter on required abilities": a chapter named by its words. */
const NAMED_CHAPTER_JA = /「([^「」]{2,12})」\s*の?\s*章|([^「」、。？?\s]{2,12}?)の章/;
const NAMED_CHAPTER_EN = [/\b(?:chapter|section|part) (?:on|about) ((?:[a-z'-]+ ?){1,3})/i, /((?:['"/]?[a-z'-]+['"]? ?\/? ?){1,5}) chapter\b/i];
/** "What's the goal of the 'open workplace' chapter": the words after the last article or preposition name it. */
const LAST_NAME = /^(?:.*\b(?:the|of|in|on|about|to)\s+)?/i;

function chapterWords(q: string): string[] {
  const ja = NAMED_CHAPTER_JA.exec(q);
  if (ja) return [(ja[1] ?? ja[2])!];
  for (const re of NAMED_CHAPTER_EN) {
    const m = re.exec(q);
    if (m) return findSynonyms(matchForm(m[1]!.replace(LAST_NAME, ''))).flatMap((s) => s.targets);
  }
  return [];
}

/** Each section's title in matchForm, made once. */
const titles = new WeakMap<Section, string>();
const titleOf = (section: Section): string => {
  let t = titles.get(section);
  if (t === undefined) titles.set(section, (t = matchForm(section.title)));
  return t;
};

/**
 * The widest section (down to `maxLevel`) whose title holds one of the words (most of its character pairs): a chapter
 * named by its words, in English through the glossary ("roles" → 役割; 役割 is in 3, 3(1) and 3(2): the chapter is 3).
 */
function titled(words: readonly string[], byId: ReadonlyMap<string, Section>, maxLevel: number): Section | undefined {
  const pairs = words.map((w) => [...new Set(charBigrams(matchForm(w)))]).filter((p) => p.length > 0);
  if (pairs.length === 0) return undefined;
  let best: { section: Section; share: number } | undefined;
  for (const section of byId.values()) {
    if (section.level > maxLevel) continue;
    const title = titleOf(section);
    for (const own of pairs) {
      const share = own.filter((b) => title.includes(b)).length / own.length;
      if (share >= 0.75 && (!best || share > best.share || (share === best.share && section.level < best.section.level))) best = { section, share };
    }
  }
  return best?.section;
}

/** 「取組の(2)」「求められる能力の（１）」: the chapter the word right before a bare (n) names. */
const WORD_BEFORE = /([\p{Script=Han}\p{Script=Katakana}ー]{2,})\s*の?\s*$/u;
function chapterBefore(text: string, byId: ReadonlyMap<string, Section>): Section | undefined {
  const word = WORD_BEFORE.exec(text)?.[1];
  return word ? titled([word, ...findSynonyms(matchForm(word)).flatMap((s) => s.targets)], byId, 1) : undefined;
}

/**
 * The section a question names, if any. `within`: the section the question's words point to. `byName`: named by its
 * words (「役割の章」), which the question's words then point inside of as a matter of course.
 */
export function sectionReference(question: string, byId: ReadonlyMap<string, Section>, within?: Section): { section: Section; byName: boolean } | undefined {
  const q = FULL(question);
  const numbered = numberedSection(q, byId, within);
  if (numbered) return { section: numbered, byName: false };
  const named = titled(chapterWords(q), byId, 2);
  if (named) return { section: named, byName: true };
  if (PLAN_END.test(q)) return { section: byId.get('結び')!, byName: false };
  if (PLAN_START.test(q) || PLAN_PURPOSE.test(q)) return { section: byId.get('前文')!, byName: false };
  return undefined;
}

/** Does the text name a section by its number (「4の(2)の⑤は？」, 「第3章」)? It names something, as a word would. */
export function namesSectionNumber(text: string): boolean {
  const q = FULL(text);
  return SUB_REF.test(q) || CHAPTER_JA.test(q);
}

/** The section a question names by its number (or ordinal, or circled number). */
function numberedSection(q: string, byId: ReadonlyMap<string, Section>, within?: Section): Section | undefined {
  const nth = ordinalOf(q);
  const full = SUB_REF.exec(q);
  if (full) {
    const section = `${full[1]}(${full[2]})`;
    const item = full[3] ?? (nth ? circledOf(nth) : '');
    return byId.get(section + item) ?? byId.get(section);
  }
  // 4-2-8, 4.2.8, 4-2: the same numbers written as an outline.
  const outline = /(?<![\d.-])([1-4])[-.．ー－]([1-9])(?:[-.．ー－]([1-9]))?(?![\d.-])/.exec(q);
  if (outline) {
    const item = outline[3] ? String.fromCharCode(0x2460 + Number(outline[3]) - 1) : '';
    const found = byId.get(`${outline[1]}(${outline[2]})${item}`);
    if (found) return found;
  }
  // "chapter 4", "Section 4", "ch.4" (English).
  const chapter =
    CHAPTER_JA.exec(q) ??
    /(?:プラン|計画)の\s*([1-4])\s*番(?!目)|(?<!\d)([1-4])\s*番の(?:項目|章|ところ|とこ)|\b(?:chapter|section|ch\.?)\s*([1-4])(?![\d.(])/i.exec(q);
  if (chapter) return byId.get((chapter[1] ?? chapter[2] ?? chapter[3])!);
  // 「求められる能力の(2)」: a bare (n) under the chapter the words point to.
  // 「取り組みの(1)の③」: and the item under it.
  const bare = new RegExp(`(?<![\\d)])\\(\\s*([1-9])\\s*\\)\\s*(?:の|[-.．ー－])?\\s*(${CIRCLED})?`).exec(q);
  const inChapter = (bare && chapterBefore(q.slice(0, bare.index), byId)?.id) ?? (within && (within.level === 1 ? within.id : within.parents[0]));
  const sub = bare && inChapter && `${inChapter}(${bare[1]})`;
  if (sub && byId.has(sub)) return byId.get(sub + (bare[2] ?? '')) ?? byId.get(sub);
  // A circled number under the section the words point to (or its parent); an ordinal only under a section that
  // has numbered items (inside an item, 「1番目」 is a point of its own text: 「研修の３形態のうち1番目」).
  // 「①～⑥で、表彰の話は何番？」: a range names no item.
  const circled = new RegExp(`${CIRCLED}\\s*[～~〜ー－-]\\s*${CIRCLED}`).test(q) ? undefined : new RegExp(CIRCLED).exec(q)?.[0];
  // Inside an item, an ordinal counts under its section only when the question names that section's title.
  const itemOf = within?.level === 3 ? byId.get(within.parents.at(-1)!) : undefined;
  const parent = within?.level === 2 ? within.id : itemOf && (circled || (nth && namesTitle(q, itemOf.title))) ? itemOf.id : undefined;
  const item = parent && (circled ?? (nth ? circledOf(nth) : undefined));
  if (parent && item && byId.has(parent + item)) return byId.get(parent + item);
  return undefined;
}

/**
 * A section number the plan does not have (「4の(3)って何？」, 「第5章」, "chapter 6", 「4(1)の⑦」): its label, the section
 * it would be under (whose own sections the answer can list), and the rest of the question, which may still name a
 * topic (「4(3)の広報主任」 is answered about 広報主任).
 */
export function missingSection(question: string, byId: ReadonlyMap<string, Section>): { label: string; parent?: Section; rest: string } | undefined {
  const q = FULL(question);
  const rest = (m: RegExpExecArray) => q.slice(0, m.index) + q.slice(m.index + m[0].length);
  const sub = SUB_REF.exec(q);
  if (sub) {
    const section = `${sub[1]}(${sub[2]})`;
    if (!byId.has(section)) return { label: section, parent: byId.get(sub[1]!), rest: rest(sub) };
    const item = sub[3] && section + sub[3];
    return item && !byId.has(item) ? { label: item, parent: byId.get(section), rest: rest(sub) } : undefined;
  }
  const chapter = CHAPTER_JA.exec(q) ?? /\b(?:chapter|ch\.?)\s*(\d)(?![\d.(])/i.exec(q);
  return chapter && !byId.has(chapter[1]!) ? { label: `第${chapter[1]}章`, rest: rest(chapter) } : undefined;
}
