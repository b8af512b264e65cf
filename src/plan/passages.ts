/**
 * Passages: every section's body is cut into passages: one per sentence (・bullets and 〔参考〕 answers included);
 * a block made only of short label lines (イメージ図's 区長/副区長…, 大阪市港区長 …) is one passage. Label lines
 * (【区民志向】, 〔参考〕, ○…ってなんだ？, 港区役所職員の３つの心構え, ＜…＞) are not passages of their own but the
 * `context` of the passages under them. A passage's `text` is verbatim plan text (a substring of its section's
 * `text`, at `start`).
 */
import { splitSentences } from './normalize.js';
import type { Section } from './types.js';

export interface Passage {
  /** The section this passage belongs to. */
  sectionId: string;
  /** Verbatim plan text: `section.text.slice(start, start + text.length) === text`. */
  text: string;
  start: number;
  /** Label lines the passage sits under (e.g. "港区役所職員の３つの心構え", "【区民志向】"), outermost first. */
  context: string[];
}

const LABEL_MAX = 40;

function isLabelLine(line: string): boolean {
  if (line.startsWith('・')) return false;
  if (/[。]/.test(line)) return false;
  if (/^[【〔＜<○]/.test(line)) return true;
  return line.length <= LABEL_MAX && !/[、]/.test(line);
}

/** Cuts a section's text into passages (see the design note above). */
export function splitPassages(section: Section): Passage[] {
  const out: Passage[] = [];
  const text = section.text;
  let sectionLabels: string[] = [];
  const blockRe = /[^\n]+(?:\n[^\n]+)*/g;
  for (const bm of text.matchAll(blockRe)) {
    const blockStart = bm.index!;
    const lines: { line: string; start: number }[] = [];
    let off = blockStart;
    for (const line of bm[0].split('\n')) {
      lines.push({ line, start: off });
      off += line.length + 1;
    }
    if (lines.every((l) => isLabelLine(l.line))) {
      // A block of labels only: a passage of its own, and the heading of the blocks that follow.
      out.push({ sectionId: section.id, text: bm[0], start: blockStart, context: [...sectionLabels] });
      sectionLabels = lines.map((l) => l.line);
      continue;
    }
    const leading: string[] = [];
    let inner: string | undefined;
    let seenContent = false;
    for (const { line, start } of lines) {
      if (isLabelLine(line)) {
        // "○…ってなんだ？" heads one item of a block; other labels before any content head the whole block.
        if (seenContent || line.startsWith('○')) inner = line;
        else leading.push(line);
        continue;
      }
      seenContent = true;
      const context = [...sectionLabels, ...leading, ...(inner ? [inner] : [])];
      let from = 0;
      for (const sentence of splitSentences(line)) {
        const at = line.indexOf(sentence, from);
        from = at + sentence.length;
        out.push({ sectionId: section.id, text: sentence, start: start + at, context });
      }
    }
  }
  return out;
}
