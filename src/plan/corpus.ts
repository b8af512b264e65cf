/**
 * Loads the cleaned plan (prompts/plan.md) into sections.
 *
 * plan.md conventions:
 * - `# …` is the document title (not a section).
 * - `## １ title`, `### （１）title`, `#### ①title` are the plan's own numbered headings (levels 1, 2, 3).
 * - An unnumbered `## …` heading is a level-0 section: its id is an explicit `{#id}` suffix when present
 *   (`## 港区役所 職員力・組織力向上 イメージ図 {#図}`), otherwise the heading text itself (`## 前文`, `## 結び`).
 * - Everything else is body text, verbatim plan wording (line breaks of the PDF repaired).
 *
 * Section ids (stable, ASCII digits and parentheses, circled numbers kept):
 *   "前文" (区長's preface), "1", "2", "2(1)", "2(2)", "3", "3(1)", "3(2)", "図" (the イメージ図 as text),
 *   "4", "4(1)", "4(1)①" … "4(1)⑥", "4(2)", "4(2)①" … "4(2)⑧", "結び" (closing slogan).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Section } from './types.js';

export interface Plan {
  sections: Section[];
  byId: Map<string, Section>;
  /** The cleaned plan text as the model will see it (plan.md content). */
  fullText: string;
}

export const DEFAULT_PLAN_PATH = fileURLToPath(new URL('../../prompts/plan.md', import.meta.url));

const cache = new Map<string, Plan>();

/** Reads and parses plan.md once per path (cached). */
export function loadPlan(path: string = DEFAULT_PLAN_PATH): Plan {
  let plan = cache.get(path);
  if (!plan) {
    plan = parsePlan(readFileSync(path, 'utf8'));
    cache.set(path, plan);
  }
  return plan;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const EXPLICIT_ID = /\s*\{#([^}\s]+)\}$/;
const LEVEL1 = /^([0-9０-９]+)\s+(.*)$/;
const LEVEL2 = /^[（(]([0-9０-９]+)[）)]\s*(.*)$/;
const LEVEL3 = /^([\u2460-\u2473])\s*(.*)$/;

function asciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** Parses plan.md text into sections (document order). Throws on a duplicate id or a heading out of order. */
export function parsePlan(markdown: string): Plan {
  const fullText = markdown.replace(/\r\n?/g, '\n').trim() + '\n';
  const sections: Section[] = [];
  const byId = new Map<string, Section>();
  // Current enclosing ids by level (index 1..3).
  const open: (string | undefined)[] = [];
  let current: { section: Section; lines: string[] } | undefined;

  const flush = () => {
    if (!current) return;
    current.section.text = tidyBody(current.lines);
    current = undefined;
  };

  for (const line of fullText.split('\n')) {
    const h = HEADING.exec(line);
    if (!h) {
      current?.lines.push(line);
      continue;
    }
    const hashes = h[1]!.length;
    let heading = h[2]!;
    if (hashes === 1) {
      flush(); // document title
      continue;
    }
    flush();
    let id: string;
    let title: string;
    let level: number;
    let parents: string[];
    const explicit = EXPLICIT_ID.exec(heading);
    if (explicit) heading = heading.slice(0, explicit.index);
    let m: RegExpExecArray | null;
    if (hashes === 2 && (m = LEVEL1.exec(heading)) && !explicit) {
      level = 1;
      id = asciiDigits(m[1]!);
      title = m[2]!.trim();
      parents = [];
    } else if (hashes === 3 && (m = LEVEL2.exec(heading)) && !explicit) {
      level = 2;
      const parent = requireOpen(open, 1, heading);
      id = `${parent}(${asciiDigits(m[1]!)})`;
      title = m[2]!.trim();
      parents = [parent];
    } else if (hashes === 4 && (m = LEVEL3.exec(heading)) && !explicit) {
      level = 3;
      const parent = requireOpen(open, 2, heading);
      id = `${parent}${m[1]!}`;
      title = m[2]!.trim();
      parents = [requireOpen(open, 1, heading), parent];
    } else if (hashes === 2) {
      level = 0;
      id = explicit ? explicit[1]! : heading.trim();
      title = heading.trim();
      parents = [];
    } else {
      throw new Error(`plan.md: unexpected heading "${line}"`);
    }
    if (byId.has(id)) throw new Error(`plan.md: duplicate section id "${id}"`);
    // Opening a section closes deeper ones; a level-0 section closes all numbered ones.
    open.length = level === 0 ? 0 : level;
    if (level > 0) open[level] = id;
    const section: Section = { id, title, text: '', level, parents };
    sections.push(section);
    byId.set(id, section);
    current = { section, lines: [] };
  }
  flush();
  return { sections, byId, fullText };
}

function requireOpen(open: (string | undefined)[], level: number, heading: string): string {
  const id = open[level];
  if (!id) throw new Error(`plan.md: heading "${heading}" has no enclosing level-${level} section`);
  return id;
}

/** Trims lines, keeps single blank lines between blocks, drops leading/trailing blank lines. */
function tidyBody(lines: string[]): string {
  return lines
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "4(2)② 元気アップ会議を設置し…" style label for logs and citations. */
export function sectionLabel(section: Section): string {
  return `${section.id} ${section.title}`;
}
