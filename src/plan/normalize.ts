/**
 * Text normalisation for matching plan text.
 *
 * - `normalizeText`: NFKC (full-width ＯＪＴ → OJT, （１） → (1)), one spelling for wave dashes and long-vowel
 *   marks, white space collapsed to single spaces. Kana are NOT folded here: Intl.Segmenter needs katakana
 *   intact to find word boundaries, so kana folding happens per term (`termKey`).
 * - `compactForMatch`: NFKC with ALL white space removed; used to check that a quote is verbatim plan text.
 * - `termKey`: the index/query key of one term: lower case, katakana folded to hiragana.
 */

const WAVE_DASHES = /[〜～]/gu; // after NFKC, ～ (U+FF5E) becomes ~; 〜 (U+301C) stays — unify both to ~
/** A dash between katakana is a long-vowel mark typed with the wrong key (ミ－ティング → ミーティング). */
const KATAKANA_DASH = /(?<=[\p{Script=Katakana}ー])[-‐‑–—―−](?=\p{Script=Katakana})/gu;
const WHITE_SPACE = /\s+/gu;

export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(WAVE_DASHES, '~')
    .replace(KATAKANA_DASH, 'ー')
    .replace(WHITE_SPACE, ' ')
    .trim();
}

export function compactForMatch(s: string): string {
  return s.normalize('NFKC').replace(WAVE_DASHES, '~').replace(WHITE_SPACE, '');
}

/** Katakana (U+30A1..U+30F6) to hiragana; other characters unchanged. */
export function foldKana(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c >= 0x30a1 && c <= 0x30f6 ? String.fromCodePoint(c - 0x60) : ch;
  }
  return out;
}

/** Key of one already-normalised term: lower case, kana folded. */
export function termKey(s: string): string {
  return foldKana(s.toLowerCase());
}

/** `normalizeText` then `termKey`: the form in which texts are compared by substring. */
export function matchForm(s: string): string {
  return termKey(normalizeText(s));
}

/** Splits text into sentences at 。！？ (not inside 「」 or （）), keeping the punctuation; lines are kept apart. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch === '「' || ch === '（' || ch === '(' || ch === '『') depth++;
      else if ((ch === '」' || ch === '）' || ch === ')' || ch === '』') && depth > 0) depth--;
      else if (depth === 0 && (ch === '。' || ch === '！' || ch === '？' || ch === '!' || ch === '?')) {
        const s = line.slice(start, i + 1).trim();
        if (s) out.push(s);
        start = i + 1;
      }
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}
