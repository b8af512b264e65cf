/**
 * Japanese tokenisation for lexical retrieval, no dictionaries to download:
 * - words from Intl.Segmenter (ICU's built-in Japanese dictionary), and
 * - character bigrams inside runs of text between punctuation / white space.
 * Input must already be `normalizeText`-ed; output terms are `termKey`s (lower case, kana folded).
 */
import { termKey } from './normalize.js';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

export interface Word {
  /** The word as it appears in the (normalised) input. */
  surface: string;
  /** termKey of the word. */
  key: string;
  /** Offset of the word in the (normalised) input. */
  index: number;
  /** Length in UTF-16 units of the (normalised) word. */
  length: number;
}

/** Word-like segments of normalised text, with their offsets. */
export function segmentWords(text: string): Word[] {
  const out: Word[] = [];
  for (const s of segmenter.segment(text)) {
    if (!s.isWordLike) continue;
    out.push({ surface: s.segment, key: termKey(s.segment), index: s.index, length: s.segment.length });
  }
  return out;
}

/** Characters that break a run for bigrams: white space, punctuation, symbols. */
const RUN_BREAK = /[\s\p{P}\p{S}]+/u;

/** Character bigrams of each run (a run of one character yields that character). Keys are kana-folded. */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of termKey(text).split(RUN_BREAK)) {
    if (!run) continue;
    const chars = Array.from(run);
    if (chars.length === 1) {
      out.push(chars[0]!);
      continue;
    }
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

const HAS_CONTENT_CHAR = /[\p{Script=Han}\p{Script=Katakana}\p{L}\p{N}]/u;
const ONLY_HIRAGANA = /^[\p{Script=Hiragana}ー]+$/u;

/**
 * Is this word a content word (not a particle, auxiliary or bare verb ending)?
 * Content words carry kanji, katakana, Latin letters or digits. Pure-hiragana words are function words for
 * scoring purposes (they still take part in bigrams). Pass the surface (keys are kana-folded).
 */
export function isContentSurface(surface: string): boolean {
  return HAS_CONTENT_CHAR.test(surface) && !ONLY_HIRAGANA.test(surface);
}
