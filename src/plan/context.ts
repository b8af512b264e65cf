/**
 * Background sentences: 「他区から異動してまいりました。…部下の育成は誰の責任ですか。」 — a sentence that asks nothing,
 * beside one that asks, sets the scene. Its words still count, at CONTEXT_WEIGHT, so that the question's own words
 * decide where the answer is and whether the plan has it.
 */
import { splitSentences } from './normalize.js';

export const CONTEXT_WEIGHT = 0.5;

/** A question word, a question mark, or a request / wish / question ending. */
const ASKING =
  /[?？]|伺い|伺う|お聞きし|お尋ね|質問|について[。．.]?$|誰|だれ|どなた|どこ|いつ(?![いくもか])|どう|何|なに|なん[でだの]|どの|どれ|どんな|いくら|いくつ|か(ね|い)?[。．.]?$|(やろ|だろ)う?[。．.]?$|かな|かしら|でしょうか|ください|下さい|教えて|たい[。．.]?$|たいです|ほしい|欲しい|知りたい|っけ|の[。．.]?$|\b(who|what|where|when|how|which|why|is there|are there|can i|do we|does)\b/i;

export interface Span {
  index: number;
  length: number;
}

/** Spans (offsets in `text`) of the sentences that ask nothing, when another sentence asks; otherwise none. */
export function contextSpans(text: string): Span[] {
  const sentences = splitSentences(text);
  if (sentences.length < 2) return [];
  let from = 0;
  const spans = sentences.map((s) => {
    const index = text.indexOf(s, from);
    from = index + s.length;
    return { index, length: s.length, asks: ASKING.test(s) };
  });
  if (!spans.some((s) => s.asks)) return [];
  return spans.filter((s) => !s.asks).map(({ index, length }) => ({ index, length }));
}

export function inSpans(spans: readonly Span[], index: number): boolean {
  return spans.some((s) => index >= s.index && index < s.index + s.length);
}

/** The question without its background sentences (for cutting it into parts: background is not a part). */
export function withoutBackground(text: string): string {
  const spans = contextSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.index);
    at = s.index + s.length;
  }
  return (out + text.slice(at)).trim();
}
