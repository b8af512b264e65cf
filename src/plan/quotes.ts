import type { Plan } from './corpus.js';
import { compactForMatch } from './normalize.js';
import type { Citation, Section } from './types.js';

/**
 * Quote verification: the model's citations are claims; only those whose quote really is the
 * plan's text survive. A quote is compared in compacted form (NFKC, no white space) against the
 * cited section; if it is not there but is elsewhere in the plan, it is re-attributed to the
 * section that holds it. The citation's `text` is then cut from the plan itself, so what is shown
 * is always the plan's own words. An ellipsis (… / ...) in a quote is allowed: each part must be
 * found, in order, in the same section, and the parts are joined with "…".
 */

export interface ClaimedCitation {
  section: string;
  quote: string;
}

/** Shorter quotes prove nothing ("港区", "職員"): they are dropped. */
export const MIN_QUOTE_CHARS = 6;
const MIN_PART_CHARS = 3;
export const MAX_CITATIONS = 5;

interface Compacted {
  source: string;
  compact: string;
  /** For each code unit of `compact`: [start, end) of the source characters it came from. */
  start: number[];
  end: number[];
}

const cache = new WeakMap<Section, Compacted[]>();

function compactWithMap(source: string): Compacted {
  let compact = '';
  const start: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of source) {
    const piece = compactForMatch(ch);
    for (let k = 0; k < piece.length; k++) {
      start.push(i);
      end.push(i + ch.length);
    }
    compact += piece;
    i += ch.length;
  }
  return { source, compact, start, end };
}

function haystacks(section: Section): Compacted[] {
  let h = cache.get(section);
  if (!h) {
    h = [compactWithMap(section.text), compactWithMap(section.title)];
    cache.set(section, h);
  }
  return h;
}

function splitParts(quote: string): string[] | undefined {
  const parts = quote
    .split(/…+|‥+|\.{3,}|・{3,}/)
    .map((p) => compactForMatch(p.replace(/^[「『"']+|[」』"']+$/g, '')))
    .filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  if (parts.reduce((n, p) => n + p.length, 0) < MIN_QUOTE_CHARS) return undefined;
  if (parts.some((p) => p.length < MIN_PART_CHARS)) return undefined;
  return parts;
}

/** The plan's own words for the parts, if they all occur in order in `hay`. */
function locate(hay: Compacted, parts: string[]): string | undefined {
  const pieces: string[] = [];
  let from = 0;
  for (const part of parts) {
    const at = hay.compact.indexOf(part, from);
    if (at < 0) return undefined;
    const last = at + part.length - 1;
    pieces.push(tidyQuote(hay.source.slice(hay.start[at], hay.end[last])));
    from = at + part.length;
  }
  return pieces.join('…');
}

/**
 * A quote on one line: line breaks go, with a space only where the text needs one
 * (not after Japanese sentence punctuation or before a bullet).
 */
export function tidyQuote(s: string): string {
  return s
    .trim()
    .replace(/(.?)[ \t\u3000]*\n\s*(.?)/gu, (_m, a: string, b: string) =>
      /[。、！？」』）】〕＞>]/u.test(a) || /[・「『（【〔＜<○]/u.test(b) ? `${a}${b}` : `${a} ${b}`,
    )
    .replace(/[ \t\u3000]{2,}/g, ' ');
}

function sectionFor(plan: Plan, id: string): Section | undefined {
  const direct = plan.byId.get(id) ?? plan.byId.get(id.trim());
  if (direct) return direct;
  const want = compactForMatch(id).replace(/[()（）]/g, '');
  return plan.sections.find((s) => compactForMatch(s.id).replace(/[()（）]/g, '') === want);
}

/** Verifies one claimed citation. Returns the citation as the plan has it, or undefined. */
export function verifyCitation(plan: Plan, claimed: ClaimedCitation): Citation | undefined {
  if (typeof claimed.quote !== 'string' || typeof claimed.section !== 'string') return undefined;
  const parts = splitParts(claimed.quote);
  if (!parts) return undefined;
  const cited = sectionFor(plan, claimed.section);
  const order = cited ? [cited, ...plan.sections.filter((s) => s !== cited)] : plan.sections;
  for (const section of order) {
    for (const hay of haystacks(section)) {
      const text = locate(hay, parts);
      if (text !== undefined) return { section: section.id, title: section.title, text };
    }
  }
  return undefined;
}

/** Keeps the citations that check out (model order, duplicates merged), at most MAX_CITATIONS. */
export function verifyCitations(plan: Plan, claimed: readonly ClaimedCitation[]): Citation[] {
  const out: Citation[] = [];
  for (const c of claimed) {
    const v = verifyCitation(plan, c);
    if (!v) continue;
    const dup = out.find((o) => o.section === v.section && (o.text.includes(v.text) || v.text.includes(o.text)));
    if (dup) {
      if (v.text.length > dup.text.length) dup.text = v.text;
      continue;
    }
    out.push(v);
    if (out.length >= MAX_CITATIONS) break;
  }
  return out;
}
