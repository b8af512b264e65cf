/**
 * Questions that name a section by its number: 「4(2)⑥ってどんな取組？」, 「第３章の管理監督者のところ」,
 * 「第2章の(2)」, 「取組み4(1)の⑤」, 「風通しの良い職場づくりの⑧番」 (a circled number under the section the rest
 * of the question points to), 「4-2-8」 (an outline number). Read before NFKC, which would turn ⑥ into 6.
 */
import type { Section } from './types.js';

const CIRCLED = '[\\u2460-\\u2473]';
const FULL = (s: string) =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/（/g, '(').replace(/）/g, ')');

/** The section a question names by number, if any. `within`: the section the question's words point to. */
export function sectionReference(question: string, byId: ReadonlyMap<string, Section>, within?: Section): Section | undefined {
  const q = FULL(question);
  const full = new RegExp(`(?:第\\s*)?(\\d)\\s*(?:章)?\\s*(?:の\\s*)?\\(\\s*(\\d)\\s*\\)\\s*(?:の\\s*)?(${CIRCLED})?`).exec(q);
  if (full) {
    const id = `${full[1]}(${full[2]})${full[3] ?? ''}`;
    return byId.get(id) ?? byId.get(`${full[1]}(${full[2]})`);
  }
  // 4-2-8, 4.2.8, 4-2: the same numbers written as an outline.
  const outline = /(?<![\d.-])([1-4])[-.．ー－]([1-9])(?:[-.．ー－]([1-9]))?(?![\d.-])/.exec(q);
  if (outline) {
    const item = outline[3] ? String.fromCharCode(0x2460 + Number(outline[3]) - 1) : '';
    const found = byId.get(`${outline[1]}(${outline[2]})${item}`);
    if (found) return found;
  }
  const chapter = /第\s*(\d)\s*章/.exec(q);
  if (chapter) return byId.get(chapter[1]!);
  const circled = new RegExp(CIRCLED).exec(q);
  if (circled && within) {
    const parent = within.level === 2 ? within.id : within.level === 3 ? within.parents.at(-1) : undefined;
    if (parent) return byId.get(`${parent}${circled[0]}`);
  }
  return undefined;
}
