/**
 * Text a person typed, made honest before it is stored or shown to anyone else:
 *
 * - bidirectional controls (U+202A–202E, U+2066–2069) are removed: with them
 *   「請求書\u202Etxt.exe\u202C」 displays as 「請求書exe.txt」;
 * - C0 and C1 control characters are removed, except tab and newline (CR LF, CR, U+2028 and
 *   U+2029 become a newline);
 * - emoji sequences stay whole: 👨‍👩‍👧‍👦 keeps its zero-width joiners, 🏴󠁧󠁢󠁳󠁣󠁴󠁿 its tag characters,
 *   1️⃣ its keycap;
 * - other invisible and format characters (Unicode's Cf: zero-width space and joiners, the BOM,
 *   LRM/RLM, soft hyphen, tag characters, …, and the invisible Hangul fillers) are removed
 *   wherever they are not part of an emoji sequence: at the start or end of a value, or between
 *   letters, they can only hide or disguise something.
 *
 * Ideographic variation selectors (異体字, U+E0100–E01EF) and the emoji variation selectors
 * are not format characters and are kept. The text is NFC-normalised.
 *
 * Used by the domain on what it stores and by the Slack kit on everything it posts
 * (src/slack/safe-text.ts), so nothing depends on every writer having cleaned its input.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029]/g;
/** Format characters and the invisible letters that display as nothing. */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');
const SUSPECT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;
const ZWJ = '\u200D';
const BLACK_FLAG = 0x1f3f4;

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

export interface CleanTextOptions {
  /** Newlines and runs of white space become one space (titles, places, names). */
  singleLine?: boolean;
}

export function cleanText(text: string, options: CleanTextOptions = {}): string {
  let s = text.normalize('NFC');
  if (SUSPECT.test(s)) {
    s = s.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
    if (INVISIBLE.test(s)) s = withoutInvisibles(s);
  }
  return options.singleLine ? s.replace(/\s+/g, ' ') : s;
}

/** Removes format characters except inside emoji sequences (one grapheme cluster each). */
function withoutInvisibles(s: string): string {
  let out = '';
  for (const { segment } of graphemes.segment(s)) {
    out += EMOJI.test(segment) ? emojiSequence(segment) : segment.replace(INVISIBLE_ALL, '');
  }
  return out;
}

/**
 * An emoji cluster as it may stand: a joiner only between two emoji, tag characters only in a
 * flag's tag sequence (🏴 + tags); anything else invisible in it goes.
 */
function emojiSequence(cluster: string): string {
  const chars = [...cluster];
  const flag = chars[0]?.codePointAt(0) === BLACK_FLAG;
  return chars
    .filter((c, i) => {
      if (!INVISIBLE.test(c)) return true;
      if (c === ZWJ) return i > 0 && i + 1 < chars.length && EMOJI.test(chars[i + 1]!);
      const cp = c.codePointAt(0)!;
      return flag && cp >= 0xe0020 && cp <= 0xe007f;
    })
    .join('');
}
