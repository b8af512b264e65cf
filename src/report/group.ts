import { normalizeText } from '../plan/normalize.js';
import { charBigrams } from '../plan/terms.js';

/**
 * Groups refused questions by similar wording, for the report's 「プランに書かれていないこと」.
 *
 * Each question is reduced to its content: normalised (NFKC), the polite question frame taken
 * off (「…について教えてください」「…はありますか」「…とは？」), then cut into character bigrams
 * (the same ones the plan search uses). Two questions are alike when the Dice coefficient of
 * their bigram sets is at least SIMILAR. Grouping is greedy: the most frequent wording founds a
 * group and takes every question alike to it. Deterministic, no model involved, and fine for
 * the few hundred refused questions a month brings.
 */

export const SIMILAR = 0.5;

export interface QuestionGroup {
  /** The group's most frequent wording. */
  label: string;
  count: number;
  /** Up to three other wordings in the group, most frequent first. */
  variants: string[];
}

const FRAME = [
  /[?？!！。、,.\s]+$/g,
  /(について|に関して|に関する|のこと)?(を)?(詳しく)?(教えて|おしえて|知りたい|聞きたい)(ください|下さい|もらえますか|いただけますか|ほしい|欲しい)?(です)?/g,
  /(は|が|って|とは)?(ありますか|ありませんか|あるの|ある|ですか|ますか|でしょうか|なの|なに|何|どう|どんな|いつ|どこ|ですか)/g,
  /(は|が|とは|って)$/g,
  /[?？!！。、,.\s]+/g,
];

export function contentOf(question: string): string {
  let s = normalizeText(question);
  for (const re of FRAME) s = s.replace(re, ' ').trim();
  return s.replace(/\s+/g, ' ').trim() || normalizeText(question);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

export function groupQuestions(questions: readonly string[], limit = Infinity): QuestionGroup[] {
  // Exact repeats first (after normalisation), most frequent first.
  const byText = new Map<string, number>();
  for (const q of questions) {
    const t = normalizeText(q);
    if (t) byText.set(t, (byText.get(t) ?? 0) + 1);
  }
  const wordings = [...byText.entries()]
    .map(([text, count]) => ({ text, count, grams: new Set(charBigrams(contentOf(text))) }))
    .sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));

  const groups: { lead: (typeof wordings)[number]; members: (typeof wordings)[number][] }[] = [];
  for (const w of wordings) {
    const home = groups.find((g) => dice(g.lead.grams, w.grams) >= SIMILAR);
    if (home) home.members.push(w);
    else groups.push({ lead: w, members: [w] });
  }
  return groups
    .map((g) => ({
      label: g.lead.text,
      count: g.members.reduce((n, m) => n + m.count, 0),
      variants: g.members.slice(1, 4).map((m) => m.text),
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
    .slice(0, limit);
}
