/**
 * English questions without a model: which English words carry the topic, and English typos.
 *
 * - ENGLISH_STOP: function words and question framing.
 * - englishKind: no part-of-speech tagger is loaded (the ones on npm cost ≈ +50 MB, the budget is 350 MB for the
 *   whole bot), so an English word's class is read off its form, as for Japanese the analyzer's part of speech
 *   decides: adverbs in -ly, past forms in -ed, adjectives in -ful / -ous / -less / -able / -ible and
 *   the common verbs of English (COMMON_VERBS) are not topic nouns: they count little and never as "absent".
 * - correctEnglish: a word one edit from a word of the glossary (sugestion → suggestion, mindests → mindsets), as
 *   vocabulary.ts does for the plan's Japanese terms.
 */
import { GLOSSARY } from './glossary.js';
import { withinOneEdit } from './vocabulary.js';
import type { WordKind } from './terms.js';

/** English function words and question framing (English questions are matched through the glossary). */
export const ENGLISH_STOP = new Set(
  (
    'a about above after again all also am an and any are as at be been before being both but by can could did do does doing ' +
    'done each either else etc every few for from get gets getting go goes going got had has have having he her here hers his how ' +
    'i if in into is it its itself just kind kinds like lot lots made make makes many may me might more most much must my need ' +
    'needs no nor not now of off often on once one only or other our ours out over own per please plan plans really right said ' +
    'same say says shall she should so some something such supposed tell than that the their them then there these they thing ' +
    'things this those through to too under until up upon us use used very want was way ways we well were what whatever when ' +
    'where whether which while who whom whose why will with within without would yes yet you your yours mean means meant ' +
    "explain describe exactly actually anything everything someone anyone everyone there's what's it's i'm don't does'nt " +
    'held hold happen happens involve involves involved expected expect people ultimately basically generally usually help ' +
    'compare compares compared supposed everyday name called call kind sort type exist exists anyone say tell give given take ' +
    'according regard regarding regards intend intended confirm available basic basically know hear see difference between ' +
    'differ different definition define defined mean meaning details detail overview summary point points aspect part ' +
    'one two three four five six first second third fourth fifth kindly word words term terms phrase lot step steps stage ' +
    'stages phase phases time times day days year years question questions place places somewhere anywhere everywhere nowhere somebody anybody nobody everybody ' +
    "we're you're they're i've we've you've isn't aren't can't won't doesn't didn't i'd i'll we'll let's that's who's " +
    "how's where's wasn't weren't haven't hasn't shouldn't couldn't wouldn't " +
    // what a detail question asks for, as 頻度 and 日程 are for Japanese (terms.ts; intent.ts checks the plan holds it)
    'frequency frequent frequently timing pace ' +
    // Slack framing
    'hi hey hello quick q btw fyi thanks thank sorry honestly anyway pls plz mate guys lol whole even stuff overall'
  ).split(/\s+/),
);

/** Lower-case English word to a crude stem, so that plurals and -ing forms meet the glossary's keys. */
export function englishStem(word: string): string {
  const w = word.toLowerCase().replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Common English verbs (base forms), the ones questions are made of: a general list, not the plan's. */
const COMMON_VERBS = new Set(
  (
    'accept achieve act add adopt agree allow answer appear apply arrange ask attend avoid become begin believe belong ' +
    'bring build buy care carry cause change check choose clarify come consider contact continue count create cut decide ' +
    'deliver depend design discuss draw drive eat encourage end enjoy ensure enter evaluate expect face fail fall feel fill ' +
    'find finish fit follow forget gather grow guess happen hate hope imagine include increase inform introduce invite keep ' +
    'know lack last learn leave let lie like listen live look lose love manage matter meet mention mind miss move notice ' +
    'offer open organise organize own pass pay pick pitch place plan prefer prepare present prevent produce promise provide ' +
    'publish pull push put raise reach read realise realize receive recommend reduce refer reflect relate rely remain ' +
    'remember remind repeat reply report require rest return rise run save say seem sell send serve set settle show sit ' +
    'sound speak spend stand start stay stop study submit succeed suggest suppose take talk tell tend thank think throw ' +
    'tighten touch try turn understand visit wait walk want watch wear win wish wonder worry write'
  ).split(/\s+/),
);

const ADVERB = /^[a-z]{3,}ly$/;
/** A past form; an -ing word is a verb only when its stem is a common verb (relying, talking; not parking, meeting). */
const INFLECTED = /^[a-z]{3,}ed$/;
const ADJECTIVE = /^[a-z]{3,}(ful|ous|less|able|ible)$/;

/** Words of the glossary's keys: an English word in the glossary is a topic word whatever its form. */
const GLOSSARY_WORDS = new Set(GLOSSARY.flatMap((e) => e.keys).flatMap((k) => k.toLowerCase().split(/[^a-z'-]+/)).filter((w) => /^[a-z]/.test(w)));
/** Glossary words of four letters or more: keys match the start of a word (award → awards, abilit → ability). */
const GLOSSARY_STEMS = [...GLOSSARY_WORDS].filter((g) => g.length >= 4);
/** What a misspelt word may be corrected to: a topic word of the glossary, not a frame word of a phrase key (part in "take part"). */
const CORRECTIONS = GLOSSARY_STEMS.filter((g) => !ENGLISH_STOP.has(g) && !COMMON_VERBS.has(g));
const inGlossary = (w: string) => GLOSSARY_WORDS.has(w) || GLOSSARY_STEMS.some((g) => w.startsWith(g));

/** The class of an English word (lower case): undefined for function words and framing, else like terms.ts. */
export function englishKind(word: string): WordKind | undefined {
  const w = word.toLowerCase();
  if (ENGLISH_STOP.has(w) || ENGLISH_STOP.has(englishStem(w))) return undefined;
  if (inGlossary(w)) return 'unknown';
  if (ADVERB.test(w)) return undefined;
  const base = englishStem(w);
  const stem = w.replace(/(ed|ing)$/, '');
  if (COMMON_VERBS.has(base) || COMMON_VERBS.has(stem) || COMMON_VERBS.has(`${stem}e`) || COMMON_VERBS.has(stem.replace(/(.)\1$/, '$1')) || INFLECTED.test(w)) return 'verb';
  if (ADJECTIVE.test(w)) return 'adjective';
  return 'unknown';
}

const MIN_TYPO = 4;
/** An English word, with its inner apostrophes (staff's, don't) and not the quote after it ('managment'). */
const LATIN_WORD = /[A-Za-z]+(?:'[A-Za-z]+)*/g;

/** The text with English words one edit from exactly one glossary word corrected (only words the glossary and the stop list lack). */
export function correctEnglish(text: string): string {
  return text.replace(LATIN_WORD, (word) => {
    const w = word.toLowerCase();
    if (w.length < MIN_TYPO || ENGLISH_STOP.has(w) || GLOSSARY_WORDS.has(w) || COMMON_VERBS.has(englishStem(w))) return word;
    if (GLOSSARY_STEMS.some((g) => w.startsWith(g))) return word;
    const near = CORRECTIONS.filter((g) => withinOneEdit(g, w));
    return near.length === 1 ? near[0]! : word;
  });
}
