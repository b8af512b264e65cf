import { detailMissingText, whatItSaysText, extractiveLead, noSuchSectionText, notFoundText, partAbsentText, partDetailText, multiPartLead, relatedText } from './answer-texts.js';
import type { Plan } from './corpus.js';
import { afterWord } from './context.js';
import { quoteFor } from './excerpt.js';
import { isLatin } from './found-model.js';
import { asks } from './intent.js';
import { normalizeText } from './normalize.js';
import { splitParts } from './parts.js';
import { missingSection } from './section-ref.js';
import type { Lang } from './question.js';
import { EMPTY_BANK } from './question-bank.js';
import type { Retrieval, Retriever } from './retrieval.js';
import { analyzeText } from './terms.js';
import type { Citation, ConversationTurn } from './types.js';

/**
 * Extractive answers: no model, only the plan's own sentences. The retriever picks the sections; from each, the
 * passages that best match the question are quoted verbatim (excerpt.ts). Up to three citations, best first.
 * A question in several parts (parts.ts) is answered part by part: a passage for each part the plan covers,
 * and for each part it does not, a sentence saying so. Used when there is no OPENAI_API_KEY, and as the
 * labelled fallback when the model fails.
 */

export interface ExtractiveResult {
  found: boolean;
  answer: string;
  citations: Citation[];
}

export interface ExtractiveInput {
  plan: Plan;
  retriever: Retriever;
  question: string;
  lang: Lang;
  history?: readonly ConversationTurn[];
  /** The model was asked but failed: say so in the lead-in. */
  fallback?: boolean;
}

const MAX_CITATIONS = 3;
/** A further section is quoted only when it scores this close to the first and has something to say. */
const NEXT_HIT_RATIO = 0.3;
const NEXT_HIT_MIN_CHARS = 30;
const K = 5;
const KANA_PART_COVERAGE = 0.5;
/** A later part leans on the first part's topic only when most of its own nouns are in the plan. */
const OWN_NOUNS_ABSENT = 0.5;

function citationsFor(plan: Plan, retriever: Retriever, retrieval: Retrieval, question: string): Citation[] {
  const top = retrieval.hits[0]?.score ?? 0;
  const citations: Citation[] = [];
  for (const hit of retrieval.hits) {
    if (citations.length >= MAX_CITATIONS) break;
    const next = citations.length > 0;
    if (next && hit.score < top * NEXT_HIT_RATIO) break;
    const c = quoteFor(plan, retriever, hit, question);
    if (!c || citations.some((x) => x.section === c.section)) continue;
    if (next && c.text.length < NEXT_HIT_MIN_CHARS) continue;
    citations.push(c);
  }
  return citations;
}

/** A word pointing back to what the question spoke of before (それ, その, "it"; not それぞれ, not あれば). */
const BACK_WORDS = new Set(['それ', 'これ', 'あれ', 'そこ', 'そちら', 'その', 'あの']);
const pointsBack = (part: string) => /\b(it|them)\b/i.test(part) || analyzeText(normalizeText(part)).tokens.some((t) => BACK_WORDS.has(t.surface) && (t.sub1 === '代名詞' || t.pos === 'other'));
/** A Japanese part that names no topic of its own (「誰が指名するのですか」「課長に言えばいい？」) follows on from the first. */
const TOPIC = afterWord('は|って|とは|について|も');
/** An English part whose verb has no object of its own ("do all staff have to take part?", "can ALTs join?", "do I need to sign up somewhere?"). */
const BARE_VERB = /\b(join|attend|take part|participate|come|go|sign up|apply|register)\s*(somewhere|anywhere|online|in advance|beforehand|first|for (it|this|that))?\s*(too|as well|also)?\s*[?？.!]*\s*$/i;
const followsOn = (part: string) => pointsBack(part) || (isLatin(part) ? BARE_VERB.test(part) : !TOPIC.test(normalizeText(part)));

const render = (citations: Citation[]) => citations.map((c) => `【${c.section} ${c.title}】\n「${c.text}」`).join('\n\n');

/** The first part's nouns, without what it asked (「広報主任って全部で何人」 → 「広報主任」). */
function topicOf(part: string): string {
  const a = analyzeText(normalizeText(part));
  const nouns = [...a.compounds.map((c) => a.text.slice(c.index, c.index + c.length)), ...a.words.filter((w) => w.kind === 'noun' || w.kind === 'unknown').map((w) => w.surface)];
  return nouns.filter((n) => !asks(n)).join(' ');
}

/** Answers each part; undefined when no part is covered on its own (the whole question is then tried as one). */
function multiPart(input: ExtractiveInput, parts: string[]): ExtractiveResult | undefined {
  const { plan, retriever, lang } = input;
  const lines: string[] = [];
  const citations: Citation[] = [];
  let covered = 0;
  let firstCovered = false;
  parts.forEach((part, i) => {
    let r = retriever.search(part, K);
    if (i === 0) firstCovered = r.found || r.covered;
    // A later part that points back (「それ」, "it") or names no topic of its own is about the first part's topic: when
    // the plan does not have that, it has no answer to the follow-up either ("How do I put in an overtime request? Do I
    // need my section chief to approve it first?", 「残業申請ってどうやるんすか 課長に言えばいい？」 are not about 管理監督者).
    if (i > 0 && !firstCovered && followsOn(part)) {
      lines.push(partAbsentText(lang, part));
      return;
    }
    // A later part may lean on the first for its topic (「みなと～くは誰が…、どのくらいの頻度で…」).
    // Only when the part's own nouns are in the plan (「申し込みは？」 does not ride on 「所属研修」), or when all
    // it adds is the detail it asks for (「どのくらいの頻度で？」).
    // A later part with no word of the plan at all, found by its neighbours alone (「軍手とかゴミ袋は配ってくれるん？」
    // after 「清掃ボランティアって何時集合？」), asks about the first part's topic: it is answered only with that topic.
    const bankOnly = r.found && r.evidence.coverage === 0;
    if (i > 0 && (bankOnly || (!r.found && (r.evidence.absent < OWN_NOUNS_ABSENT || asks(part))))) {
      const joined = retriever.search(`${topicOf(parts[0]!)} ${part}`, K);
      if (bankOnly || joined.found || joined.detailMissing) r = joined;
    }
    if (r.found) {
      covered++;
      const c = citationsFor(plan, retriever, r, part)[0];
      if (!c) return;
      const same = citations.find((x) => x.section === c.section);
      if (!same && citations.length < MAX_CITATIONS) {
        citations.push(c);
        lines.push(render([c]));
      }
    } else if (r.detailMissing && r.covered) {
      lines.push(partDetailText(lang, part));
    } else {
      lines.push(partAbsentText(lang, part));
    }
  });
  if (covered === 0 || citations.length === 0) return undefined;
  const whole = retriever.search(input.question, K);
  // The sources lead with the section the whole question points to, when a part quoted it (「…どうする方針？」 cut at a
  // 、 is still about 4(1)④); the parts' passages keep their order.
  const lead = citations.findIndex((c) => c.section === whole.hits[0]?.section.id);
  if (lead > 0) citations.unshift(...citations.splice(lead, 1));
  if (citations.length < MAX_CITATIONS) {
    // Room left: what the whole question points to next, after the parts' own passages.
    const related = citationsFor(plan, retriever, whole, input.question)
      .filter((c) => !citations.some((x) => x.section === c.section))
      .slice(0, MAX_CITATIONS - citations.length);
    if (related.length > 0) lines.push(relatedText(lang), render(related));
    citations.push(...related);
  }
  if (citations.length === 1 && covered === parts.length) {
    // One section answers every part: an ordinary answer.
    return { found: true, answer: `${extractiveLead(lang, Boolean(input.fallback), citations[0]!)}\n\n${render(citations)}`, citations };
  }
  return { found: true, answer: `${multiPartLead(lang, Boolean(input.fallback))}\n\n${lines.join('\n\n')}`, citations };
}

export function extractiveAnswer(input: ExtractiveInput): ExtractiveResult {
  const { plan, retriever, question, lang } = input;
  // 「4の(3)って何？」: no such section, and nothing else the plan has asked (by its own words, not the neighbours'
  // 「…には何が書いてある？」): say so, rather than quote a neighbouring section.
  const missing = missingSection(question, plan.byId);
  if (missing && !retriever.withBank(EMPTY_BANK).search(missing.rest, K).found) {
    const parent = missing.parent?.id;
    const under = plan.sections.filter((s) => (parent ? s.parents.at(-1) === parent : s.level === 1));
    return { found: false, answer: noSuchSectionText(lang, missing.label, under), citations: [] };
  }
  // A piece in kana only is a part when the plan's own words cover most of it by their readings.
  const parts = splitParts(question, (kana) => retriever.withBank(EMPTY_BANK).search(kana, 1).evidence.coverage >= KANA_PART_COVERAGE);
  if (parts.length > 1) {
    const multi = multiPart(input, parts);
    if (multi) return multi;
  }
  let retrieval = retriever.search(question, K);
  if (!retrieval.found) {
    // A follow-up ("それはいつですか？") may only make sense with the thread's last question.
    const lastUser = [...(input.history ?? [])].reverse().find((t) => t.role === 'user')?.content;
    if (lastUser) {
      const again = retriever.search(`${lastUser.slice(0, 300)} ${question}`, K);
      if (again.found) retrieval = again;
    }
  }
  if (!retrieval.found || retrieval.hits.length === 0) {
    if (!(retrieval.detailMissing && retrieval.covered)) return { found: false, answer: notFoundText(lang), citations: [] };
    // The detail is not there, the subject is: what the plan does say about it, beside (「勤務時間外の…」 for
    // 「ワールドカフェは残業扱い？」), still found: false.
    const said = citationsFor(plan, retriever, retrieval, question).slice(0, 1);
    const beside = said.length > 0 ? `\n\n${whatItSaysText(lang)}\n\n${render(said)}` : '';
    return { found: false, answer: `${detailMissingText(lang)}${beside}`, citations: said };
  }
  const citations = citationsFor(plan, retriever, retrieval, question);
  if (citations.length === 0) return { found: false, answer: notFoundText(lang), citations: [] };
  return { found: true, answer: `${extractiveLead(lang, Boolean(input.fallback), citations[0]!)}\n\n${render(citations)}`, citations };
}
