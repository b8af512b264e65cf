/**
 * The plan's own vocabulary, for matching what people type against how the plan writes it:
 *
 * - by reading (the reading-form filter of search engines): こころがまえ, ココロガマエ and 心がまえ all find 心構え;
 *   a compound typed with the wrong kanji of the same sound (管理観得者) finds 管理監督者;
 * - by one edit (typos): ボランテア finds ボランティア, 管理監督車 finds 管理監督者 — only for terms of four or more
 *   characters that the plan does not contain as typed, so that short everyday words (年休, 職員証) never slip in.
 */
import type { Analysis } from './terms.js';

/** Shortest reading (in kana) looked up; shorter ones collide too often (かい, こう …). */
const MIN_READING = 3;
/** Shortest term corrected by one edit. */
const MIN_TYPO = 4;

export interface Vocabulary {
  /** termKeys of the plan's content words (lemmas and surfaces) and compounds. */
  has(key: string): boolean;
  /** Plan terms whose reading is exactly `reading`. */
  byReading(reading: string): readonly string[];
  /** Plan terms whose reading is `reading` once long vowels are written short (shortVowels): romaji typed without macrons. */
  byShortReading(reading: string): readonly string[];
  readonly maxReading: number;
  /** The term as the plan writes it (normalised, kana not folded), for analysing it as a query term. */
  surfaceOf(key: string): string;
  /** Plan terms one edit (insertion, deletion, substitution, transposition) away from `key`. */
  typoNeighbours(key: string): string[];
}

function deletions(s: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push([...s.slice(0, i), ...s.slice(i + 1)].join(''));
  return out;
}

/** Damerau–Levenshtein distance ≤ 1 (optimal string alignment), on code points. */
export function withinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  if (x.length === y.length) {
    if (i === x.length) return true;
    const rest = (from: number) => x.slice(from).join('') === y.slice(from).join('');
    if (rest(i + 1)) return true; // substitution
    return i + 1 < x.length && x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2); // transposition
  }
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.slice(i + 1).join('') === short.slice(i).join('');
}

/**
 * A reading with its long vowels written short, as Hepburn romaji without macrons writes them (ちょうれい → ちょれい
 * for "chorei", こうほう → こほ for "koho", しゅうかい → しゅかい): the o- and u-rows drop the う or お after them.
 */
export function shortVowels(reading: string): string {
  return reading.replace(/([おこごそぞとどのほぼぽもよょろを])[うお]/g, '$1').replace(/([うくぐすずつづぬふぶぷむゆゅる])う/g, '$1');
}

export function buildVocabulary(analyses: Iterable<Analysis>): Vocabulary {
  const keys = new Set<string>();
  const surfaces = new Map<string, string>();
  const addKey = (key: string, surface: string) => {
    keys.add(key);
    if (!surfaces.has(key)) surfaces.set(key, surface);
  };
  const readings = new Map<string, string[]>();
  const addReading = (reading: string, key: string) => {
    if ([...reading].length < MIN_READING) return;
    const list = readings.get(reading);
    if (!list) readings.set(reading, [key]);
    else if (!list.includes(key)) list.push(key);
  };
  for (const a of analyses) {
    for (const w of a.words) {
      addKey(w.key, w.surface);
      addKey(w.surface.toLowerCase(), w.surface);
      if (w.kind === 'noun' || w.kind === 'unknown') addReading(w.reading, w.key);
    }
    for (const c of a.compounds) {
      addKey(c.key, a.text.slice(c.index, c.index + c.length));
      addReading(c.reading, c.key);
    }
  }
  // Deletion neighbourhood (SymSpell) of every long term: a query term and a plan term one edit apart share a
  // key of this map (the term itself or one of its one-character deletions).
  const neighbourhood = new Map<string, string[]>();
  for (const k of keys) {
    const chars = [...k];
    if (chars.length < MIN_TYPO - 1) continue;
    for (const d of [k, ...deletions(chars)]) {
      const list = neighbourhood.get(d);
      if (!list) neighbourhood.set(d, [k]);
      else if (!list.includes(k)) list.push(k);
    }
  }
  const shortReadings = new Map<string, string[]>();
  for (const [r, list] of readings) {
    const short = shortVowels(r);
    if ([...short].length < MIN_READING) continue;
    shortReadings.set(short, [...new Set([...(shortReadings.get(short) ?? []), ...list])]);
  }
  let maxReading = 0;
  for (const r of readings.keys()) maxReading = Math.max(maxReading, r.length);
  return {
    has: (key) => keys.has(key),
    byReading: (reading) => readings.get(reading) ?? [],
    byShortReading: (reading) => shortReadings.get(shortVowels(reading)) ?? [],
    maxReading,
    surfaceOf: (key) => surfaces.get(key) ?? key,
    typoNeighbours(key: string): string[] {
      const chars = [...key];
      if (chars.length < MIN_TYPO || keys.has(key)) return [];
      const out = new Set<string>();
      for (const d of [key, ...deletions(chars)]) {
        for (const k of neighbourhood.get(d) ?? []) if (k !== key && [...k].length >= MIN_TYPO && withinOneEdit(k, key)) out.add(k);
      }
      return [...out];
    },
  };
}
