/**
 * Verbatim excerpts of one section for an extractive answer: the passages the retriever found (a list's outline
 * when the best passage heads one), else the sentences sharing the most character bigrams with the question.
 * Pieces are joined in document order, gaps shown as "…"; a short section is quoted whole.
 */
import type { Plan } from './corpus.js';
import { compactForMatch, splitSentences } from './normalize.js';
import type { Hit, Passage, Retriever } from './retrieval.js';
import { tidyQuote } from './quotes.js';
import type { Citation } from './types.js';

/** A section shorter than this is quoted whole. */
const WHOLE_SECTION_CHARS = 220;
/** Roughly how much is quoted from one section otherwise. */
const QUOTE_BUDGET_CHARS = 280;
const MAX_PIECES = 3;
/** Passages scoring below this share of the section's best passage are not quoted. */
const PASSAGE_RATIO = 0.5;

/** Question words that say nothing about the topic (for the fallback sentence scoring). */
const FILLER = /とは(何|なん)?|について|教えて(ください|下さい)?|ください|下さい|ですか|でしょうか|ますか|何ですか|なんですか|どういう|どんな|どのような|何|なに|the|what|is|are|of|about|plan|[?？!！。、,.\s]/gi;

interface Piece {
  start: number;
  end: number;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  const chars = [...s];
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}

/** The verbatim text of pieces of `text`, in document order: touching pieces joined, gaps shown as "…". */
function quotePieces(text: string, pieces: Piece[]): string {
  const sorted = [...pieces].sort((a, b) => a.start - b.start);
  const merged: Piece[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && text.slice(last.end, p.start).trim() === '') last.end = Math.max(last.end, p.end);
    else if (last && p.start < last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged.map((p) => tidyQuote(text.slice(p.start, p.end))).join('…');
}

/** A label line (【区民志向】, ○…ってなんだ？) directly above a passage reads better quoted with it. */
function withLabel(text: string, passage: Passage): Piece {
  const start = passage.start;
  const end = start + passage.text.length;
  const label = passage.context.at(-1);
  if (!label) return { start, end };
  const at = text.lastIndexOf(label, start);
  if (at >= 0 && text.slice(at + label.length, start).trim() === '') return { start: at, end };
  return { start, end };
}

/** Items listed under one label, e.g. 港区役所職員の３つの心構え → 【区民志向】【チャレンジ精神】【プロ意識】. */
const MAX_OUTLINE_ITEMS = 6;

/**
 * When the best passage is itself a label that heads a list, quote the list's outline: the label, then each
 * item's own label with its first sentence. ("３つの心構えとは？" gets all three, not just the first.)
 */
function outline(text: string, head: Passage, all: readonly Passage[]): Piece[] | undefined {
  const label = head.text.trim();
  const under = all.filter((p) => p.sectionId === head.sectionId && p.context.includes(label));
  if (under.length === 0) return undefined;
  const pieces: Piece[] = [{ start: head.start, end: head.start + head.text.length }];
  const seen = new Set<string>();
  for (const p of under) {
    if (pieces.length > MAX_OUTLINE_ITEMS) break;
    const item = p.context[p.context.indexOf(label) + 1] ?? `#${p.start}`;
    if (seen.has(item)) continue;
    seen.add(item);
    pieces.push(withLabel(text, p));
  }
  return pieces;
}

function fromPassages(text: string, hits: readonly { passage: Passage; score: number }[], all: readonly Passage[]): string {
  const head = hits[0]?.passage;
  const list = head ? outline(text, head, all) : undefined;
  if (list) return quotePieces(text, list);
  const best = hits[0]?.score ?? 0;
  const pieces: Piece[] = [];
  let used = 0;
  for (const h of hits) {
    if (pieces.length >= MAX_PIECES) break;
    if (pieces.length > 0 && (h.score < best * PASSAGE_RATIO || used + h.passage.text.length > QUOTE_BUDGET_CHARS)) continue;
    pieces.push(withLabel(text, h.passage));
    used += h.passage.text.length;
  }
  return quotePieces(text, pieces);
}

/** Without the retriever's passages: the sentences sharing the most character bigrams with the question. */
function fromSentences(text: string, question: string): string {
  const query = bigrams(compactForMatch(question).replace(FILLER, ''));
  const scored: (Piece & { score: number; i: number })[] = [];
  let from = 0;
  splitSentences(text).forEach((s, i) => {
    const start = text.indexOf(s, from);
    if (start < 0) return;
    from = start + s.length;
    const c = compactForMatch(s);
    let score = 0;
    for (const g of query) if (c.includes(g)) score++;
    scored.push({ start, end: start + s.length, score, i });
  });
  const chosen: Piece[] = [];
  let used = 0;
  for (const r of [...scored].sort((a, b) => b.score - a.score || a.i - b.i)) {
    if (chosen.length >= MAX_PIECES) break;
    if (chosen.length > 0 && (r.score === 0 || used + (r.end - r.start) > QUOTE_BUDGET_CHARS)) continue;
    chosen.push(r);
    used += r.end - r.start;
  }
  return quotePieces(text, chosen);
}

export function quoteFor(plan: Plan, retriever: Retriever, hit: Hit, question: string): Citation | undefined {
  let section = hit.section;
  let passages = hit.passages ?? [];
  if (!section.text.trim()) {
    // A heading-only section: quote its first child that has text.
    const child = plan.sections.find((s) => s.parents.includes(section.id) && s.text.trim());
    if (!child) return undefined;
    section = child;
    passages = [];
  }
  const text = section.text;
  const quoted =
    [...text].length <= WHOLE_SECTION_CHARS
      ? tidyQuote(text)
      : passages.length > 0
        ? fromPassages(text, passages, retriever.passages ?? [])
        : fromSentences(text, question);
  return quoted ? { section: section.id, title: section.title, text: quoted } : undefined;
}
