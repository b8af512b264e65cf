/**
 * Synonyms from Sudachi's synonym dictionary (`sudachi-synonyms-dictionary`, Apache-2.0, Works Applications),
 * loaded only for the groups that touch the plan's vocabulary: of its ~26,000 groups, the few hundred with a
 * headword the plan uses. The file (14 MB of JSON) is scanned group by group; only touching groups are parsed,
 * so nothing of the rest stays in memory.
 *
 * In a group, headwords with the same vocabulary number are one word written differently (異表記, 略語, 対訳:
 * ミーティング / meeting / MTG); other numbers are synonyms (会議 / 打ち合わせ). A headword flagged
 * expandControl 1 is reached from the others but does not trigger expansion itself; 2 is never used.
 *
 * A loanword the plan does not use reaches the plan through its English spelling in the same group and the English
 * glossary (トレーニング → training → 研修, スキル → skill → 能力), at VIA_ENGLISH; abbreviations (トレ, レジ) do not.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { matchForm, normalizeText } from './normalize.js';

export interface SynonymTarget {
  /** The plan's term (matchForm). */
  term: string;
  /** The headword as written (normalised, kana not folded). */
  surface: string;
  /** 0.9 for another spelling of the same word, 0.6 for a synonym. */
  weight: number;
}

export type SudachiSynonyms = ReadonlyMap<string, readonly SynonymTarget[]>;

export const SAME_WORD = 0.9;
export const SYNONYM = 0.6;
/** A loanword reached through its English spelling and the glossary (トレーニング → training → 研修): one hop more. */
export const VIA_ENGLISH = SYNONYM;

/** The plan's terms the glossary gives for an English word or phrase (matchForm targets, and as written). */
export type EnglishGlossary = (english: string) => { targets: readonly string[]; surfaces: readonly string[] } | undefined;
const ENGLISH = /^[a-z][a-z '\-]*$/i;
/** An English spelling of three letters or more (HR is homeroom too). */
const spelt = (midashi: string) => ENGLISH.test(midashi) && midashi.length >= 3;
const ABBREVIATION = '略語・略称';
const full = (i: Item) => i.ryakusyou !== ABBREVIATION;

interface Item {
  expandControl: number;
  vocabularyNumber?: number;
  midashi: string;
  /** 略語・略称 for an abbreviation (トレ, レジ, HR). */
  ryakusyou?: string;
}

/** The dictionary file, read as bytes on each build: 14 MB that the process does not keep. */
function dictionaryBytes(): Buffer {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json'));
}

const GROUP = Buffer.from('{"id":"');
const MIDASHI = Buffer.from('"midashi":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Synonym map for a vocabulary: query term (matchForm) → the plan terms it may stand for.
 * `inPlan` tells whether a term (matchForm) is one of the plan's.
 */
export function loadSudachiSynonyms(inPlan: (term: string) => boolean, glossary: EnglishGlossary = () => undefined): SudachiSynonyms {
  // Scanned as bytes, group by group; only the headwords are decoded, and only touching groups parsed.
  const bytes = dictionaryBytes();
  const out = new Map<string, SynonymTarget[]>();
  let at = bytes.indexOf(GROUP);
  while (at >= 0) {
    const next = bytes.indexOf(GROUP, at + GROUP.length);
    const end = next < 0 ? bytes.lastIndexOf(']') : next;
    let touches = false;
    for (let m = bytes.indexOf(MIDASHI, at); m >= 0 && m < end; m = bytes.indexOf(MIDASHI, m + MIDASHI.length)) {
      const from = m + MIDASHI.length;
      let to = from;
      while (bytes[to] !== QUOTE || bytes[to - 1] === BACKSLASH) to++;
      const midashi = JSON.parse(`"${bytes.toString('utf8', from, to)}"`) as string;
      if (inPlan(matchForm(midashi)) || (ENGLISH.test(midashi) && glossary(midashi))) {
        touches = true;
        break;
      }
    }
    const chunk = touches ? bytes.toString('utf8', at, end).replace(/,\s*$/, '') : '';
    at = next;
    if (!touches) continue;
    const items = (JSON.parse(chunk) as { items: Item[] }).items.filter((i) => i.expandControl !== 2);
    const add = (key: string, term: string, surface: string, weight: number) => {
      const list = out.get(key) ?? [];
      const existing = list.find((t) => t.term === term);
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else list.push({ term, surface, weight });
      out.set(key, list);
    };
    for (const from of items) {
      if (from.expandControl !== 0) continue;
      const key = matchForm(from.midashi);
      const same = (to: Item) => from.vocabularyNumber !== undefined && from.vocabularyNumber === to.vocabularyNumber;
      for (const to of items) {
        const term = matchForm(to.midashi);
        if (term === key) continue;
        if (inPlan(term)) add(key, term, normalizeText(to.midashi), same(to) ? SAME_WORD : SYNONYM);
        // A loanword the plan does not use, spelt in English in the same group: the glossary's terms for that spelling
        // (not an abbreviation's: レジ is a till, ナビ the bot).
        const english = !inPlan(key) && !ENGLISH.test(from.midashi) && same(to) && full(from) && full(to) && spelt(to.midashi) ? glossary(to.midashi) : undefined;
        english?.targets.forEach((t, k) => add(key, t, english.surfaces[k]!, VIA_ENGLISH));
      }
    }
  }
  return out;
}
