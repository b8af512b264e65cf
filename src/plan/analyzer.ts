/**
 * Japanese morphological analysis for retrieval: Lindera (WebAssembly) with the IPADIC dictionary embedded in its
 * npm package (`lindera-wasm-nodejs-ipadic`, MIT). Loaded once per process, on first use (≈0.3 s, ≈+100 MB:
 * the dictionary is decompressed into the WebAssembly memory). See docs/retrieval.md for why Lindera and not
 * kuromoji (measured: kuromoji ≈+310 MB).
 *
 * `analyze(text)` gives every token with its character offset, base form (lemma), part of speech and reading
 * (katakana folded to hiragana). Input should already be `normalizeText`-ed (NFKC): ASCII digits are widened
 * before analysis so that 3つ, ３つ and 三つ all read みっつ.
 */
import { createRequire } from 'node:module';
import { foldKana, termKey } from './normalize.js';

export type Pos = 'noun' | 'verb' | 'adjective' | 'adverb' | 'particle' | 'auxiliary' | 'prefix' | 'symbol' | 'unknown' | 'other';

export interface Token {
  surface: string;
  /** termKey of the base form (行います → 行う; katakana folded to hiragana, lower case). */
  lemma: string;
  /** Reading in hiragana; for unknown words (Latin, new katakana words) the folded surface. */
  reading: string;
  pos: Pos;
  /** IPADIC's first sub-category (サ変接続, 固有名詞, 接尾, 非自立, 人名 is in `sub2` …). */
  sub1: string;
  sub2: string;
  /** Offset and length in the analysed text (UTF-16 units). */
  index: number;
  length: number;
}

interface LinderaToken {
  surface: string;
  baseForm?: string;
  reading?: string;
  partOfSpeech?: string;
  partOfSpeechSubcategory1?: string;
  partOfSpeechSubcategory2?: string;
}

interface LinderaTokenizer {
  tokenize(text: string): LinderaToken[];
}

const POS: Record<string, Pos> = {
  名詞: 'noun',
  動詞: 'verb',
  形容詞: 'adjective',
  副詞: 'adverb',
  助詞: 'particle',
  助動詞: 'auxiliary',
  接頭詞: 'prefix',
  記号: 'symbol',
  UNK: 'unknown',
};

let tokenizer: LinderaTokenizer | undefined;
let loadMs = 0;

function load(): LinderaTokenizer {
  if (!tokenizer) {
    const t0 = performance.now();
    const require = createRequire(import.meta.url);
    const { TokenizerBuilder } = require('lindera-wasm-nodejs-ipadic') as {
      TokenizerBuilder: new () => { setDictionary(uri: string): void; setMode(m: string): void; setKeepWhitespace(k: boolean): void; build(): LinderaTokenizer };
    };
    const builder = new TokenizerBuilder();
    builder.setDictionary('embedded://ipadic');
    builder.setMode('normal');
    builder.setKeepWhitespace(true);
    tokenizer = builder.build();
    loadMs = performance.now() - t0;
  }
  return tokenizer;
}

/** Loads the analyzer now (at start) rather than on the first question; returns how long loading took (ms). */
export function loadAnalyzer(): number {
  load();
  return loadMs;
}

const ASCII_DIGIT = /[0-9]/g;
const widen = (s: string) => s.replace(ASCII_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const narrow = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
const KANA_OR_LATIN_WORD = /^[\p{Script=Katakana}ー\p{Script=Latin}0-9０-９]+$/u;

/** Latin words and numbers the dictionary does not know come out in pieces (OFF / - / JT); they are joined. */
const LATIN_PIECE = /^[A-Za-z0-9０-９'&.\-]+$/;
const KANJI_NUMBER = /^([一二三四五六七八九])つ$/;

function joinLatin(raw: LinderaToken[]): LinderaToken[] {
  const out: LinderaToken[] = [];
  for (const t of raw) {
    const last = out.at(-1);
    if (last && (last.partOfSpeech ?? 'UNK') === 'UNK' && (t.partOfSpeech ?? 'UNK') === 'UNK' && LATIN_PIECE.test(last.surface) && LATIN_PIECE.test(t.surface)) {
      out[out.length - 1] = { surface: last.surface + t.surface, partOfSpeech: 'UNK' };
    } else out.push(t);
  }
  // A full stop ends a sentence, not a word (council. → council .); quotes around a word are not part of it
  // ('professional' → ' professional ', but staff's and don't stay whole).
  return out.flatMap((t) => {
    const m = /^('*)(.*?[A-Za-z0-9])('*\.*)$/.exec(t.surface);
    if (!m || (t.partOfSpeech ?? 'UNK') !== 'UNK' || (!m[1] && !m[3]) || (m[3]!.includes('.') && /\.[A-Za-z]/.test(m[2]!))) return [t];
    const symbol = (surface: string) => (surface ? [{ surface, partOfSpeech: '記号' }] : []);
    return [...symbol(m[1]!), { surface: m[2]!, partOfSpeech: 'UNK' }, ...symbol(m[3]!)];
  });
}

/**
 * A space typed before a particle (「OJT はだれが」) is not a word break the dictionary should see: after a space
 * it reads はだれ as a noun. Such spaces are taken out for the analysis and put back as symbols.
 */
const SPACE_BEFORE_PARTICLE = /(?<=[\p{Script=Katakana}\p{Script=Han}ーA-Za-z0-9０-９])[ \u3000](?=(?:は|が|を|に|で|と|も|の|って|とか|から|まで|へ)[^\s])/gu;

/** Tokens of `text`, contiguous (white space included as symbols), with offsets into `text`. */
export function analyze(text: string): Token[] {
  const removed: number[] = [];
  const compact = text.replace(SPACE_BEFORE_PARTICLE, (_m, at: number) => {
    removed.push(at);
    return '';
  });
  if (removed.length === 0) return analyzeContiguous(text);
  const originalAt: number[] = [];
  for (let o = 0, r = 0; o < text.length; o++) {
    if (removed[r] === o) r++;
    else originalAt.push(o);
  }
  const out: Token[] = [];
  let next = 0;
  for (const t of analyzeContiguous(compact)) {
    const start = originalAt[t.index]!;
    const end = originalAt[t.index + t.length - 1]! + 1;
    if (start > next) out.push({ surface: text.slice(next, start), lemma: ' ', reading: ' ', pos: 'symbol', sub1: '', sub2: '', index: next, length: start - next });
    out.push({ ...t, surface: end - start === t.length ? t.surface : text.slice(start, end), index: start, length: end - start });
    next = end;
  }
  return out;
}

function analyzeContiguous(text: string): Token[] {
  const raw = joinLatin(load().tokenize(widen(text)));
  const out: Token[] = [];
  let index = 0;
  for (const t of raw) {
    const length = t.surface.length;
    const surface = narrow(text.slice(index, index + length));
    let pos = POS[t.partOfSpeech ?? 'UNK'] ?? 'other';
    if (pos === 'unknown' && !/[\p{L}\p{N}]/u.test(surface)) pos = 'symbol';
    let base = t.baseForm && t.baseForm !== '*' ? narrow(t.baseForm) : surface;
    // 三つ and 3つ are one word (the reading already agrees: みっつ).
    const kanjiNumber = KANJI_NUMBER.exec(base);
    if (kanjiNumber) base = `${'一二三四五六七八九'.indexOf(kanjiNumber[1]!) + 1}つ`;
    const reading = t.reading && t.reading !== '*' && !KANA_OR_LATIN_WORD.test(surface) ? foldKana(t.reading) : termKey(surface);
    out.push({
      surface,
      lemma: termKey(base),
      reading,
      pos: /^\s+$/.test(surface) ? 'symbol' : pos,
      sub1: t.partOfSpeechSubcategory1 ?? '',
      sub2: t.partOfSpeechSubcategory2 ?? '',
      index,
      length,
    });
    index += length;
  }
  return out;
}
