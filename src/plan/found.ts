/**
 * Deciding `found` on evidence that generalises (docs/retrieval.md):
 * - coverage: the weighted share of the question's content words that the top section covers, literally or
 *   through an expansion (synonym, reading, typo) whose plan wording it contains;
 * - absent: the weighted share of the question's nouns (compounds as one unit) that the plan has nowhere;
 * - detailMissing (retrieval.ts): a time, date, number, name or how to apply is asked and the quoted passages hold none.
 * found-model.ts combines them (with the top score and the question's form) into the decision.
 */
import type { IndexData } from './plan-index.js';
import { inSpans } from './context.js';
import { termKey } from './normalize.js';
import type { PreparedQuery, QueryWord } from './query.js';
import { kanjiReadings, type Compound } from './terms.js';

/**
 * Nouns that name an aspect of the topic (its 目的, 対象, 段階, 場所 …) or frame the question (箇所, 予定): a closed
 * class, like question words. Where the plan has such a word it counts as usual (役割 ranks 3(1)); where it has
 * not, its absence says nothing about the topic, so it is left out of both coverage and absence.
 */
export const ASPECT_NOUNS = new Set(
  [
    '内容', '中身', '概要', '詳細', '目的', '狙い', 'ねらい', '対象', '範囲', '条件', '基準', '方法', '手順', '流れ', '場所', '時期',
    '理由', '意味', '意味合い', '意義', '構成', '段階', 'ステップ', '種類', '特徴', '役割', '効果', '方向性', '扱い', '取り扱い',
    '位置づけ', '位置付け', '仕組み', 'ポイント', '考え方', 'あり方', '在り方', '進め方', '内訳', '部分', '項目', '分野', '具体例',
    '全体像', '定義', '趣旨', '背景', '経緯', '違い', '関係', '関わり', '中心', '主体', '要素', '特色', '実態', '現状', '状況',
    'ケース', '場面', 'シーン', 'パターン', '具体的な例',
    // framing
    '箇所', '個所', 'ポスト', '予定', '伺い', '質問', '確認', '件', '話', '記述', '説明', '言葉', '単語', '用語', 'ところ',
  ].map(termKey),
);

let aspectReadings: Set<string> | undefined;
const KANA_WORD = /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u;
const isAspect = (w: QueryWord) => ASPECT_NOUNS.has(w.key) || (KANA_WORD.test(w.surface) && (aspectReadings ??= kanjiReadings(ASPECT_NOUNS)).has(termKey(w.surface)));
const neutral = (index: IndexData, q: PreparedQuery, w: QueryWord) => isAspect(w) && wordCredit(index, q, w, index.planMatch) === 0;

/** Credit for the parts of a compound (人事+評価) whose whole does not occur in the hit. */
const BROKEN_COMPOUND = 0.5;
/** Coverage credit of a word covered only through a typo match. */
const TYPO_CREDIT = 0.8;
/** A kana word this long is an analyzer's failure to cut a run, not a word. */
const LONG_KANA = 8;
/** …and it counts as covered once this share of it is read as plan terms (the rest: particles and endings). */
const KANA_READ = 0.6;
function wordCredit(index: IndexData, q: PreparedQuery, w: QueryWord, text: string): number {
  if (text.includes(w.key) || text.includes(termKey(w.surface))) return 1;
  // A long run of kana the analyzer could not cut (ょくいんしょくどうはありますか) is covered as far as its readings are.
  const run = w.kind === 'unknown' && w.length >= LONG_KANA && KANA_WORD.test(w.surface);
  let credit = 0;
  const read = new Set<number>();
  for (const e of q.expansions) {
    if (!(e.index < w.index + w.length && w.index < e.index + e.length)) continue;
    if (!e.targets.some((t) => text.includes(t))) continue;
    credit = Math.max(credit, e.source === 'typo' ? TYPO_CREDIT : 1);
    if (run) for (let i = Math.max(e.index, w.index); i < Math.min(e.index + e.length, w.index + w.length); i++) read.add(i);
  }
  return run && credit > 0 ? credit * Math.min(1, read.size / (w.length * KANA_READ)) : credit;
}

export function coverageOf(index: IndexData, q: PreparedQuery, sectionIdx: number): number {
  if (q.words.length === 0) return 0;
  const text = index.sectionMatch[sectionIdx]!;
  // A compound is intact when it occurs as written (or through an expansion of the whole), or when all its parts
  // occur together in one passage of the section (接遇 … 研修); 人事評価 is not intact where only 評価 is.
  const intact = new Map<Compound, boolean>();
  const isIntact = (cp: Compound): boolean => {
    let ok = intact.get(cp);
    if (ok === undefined) {
      // An aspect noun the plan lacks (広報主任 + ポスト) is left out of the compound as it is of the question.
      const parts = q.words.filter((w) => w.compound === cp && !neutral(index, q, w));
      ok =
        text.includes(cp.key) ||
        q.expansions.some((e) => e.index <= cp.index && e.index + e.length >= cp.index + cp.length && e.targets.some((t) => text.includes(t))) ||
        index.sectionPassages[sectionIdx]!.some((pi) => parts.every((w) => wordCredit(index, q, w, index.passageMatch[pi]!) > 0));
      intact.set(cp, ok);
    }
    return ok;
  };
  let total = 0;
  let covered = 0;
  for (const w of q.words) {
    if (neutral(index, q, w)) continue;
    total += w.weight;
    const credit = wordCredit(index, q, w, text);
    if (credit === 0) continue;
    covered += credit * w.weight * (w.compound === undefined || isIntact(w.compound) ? 1 : BROKEN_COMPOUND);
  }
  return total > 0 ? covered / total : 0;
}

/** A noun of the question, or a compound as one unit, with how much of it the plan lacks (0, BROKEN_COMPOUND or 1). */
interface NounUnit {
  index: number;
  length: number;
  weight: number;
  missing: number;
}

/**
 * The question's nouns as units. A compound counts as one unit, weighing as its rarest part: when the plan never
 * writes it and its pieces (prefixes too: 再+発行) never meet in one passage, it is BROKEN_COMPOUND missing (fully,
 * when a part is missing, or when a suffix derives it). Aspect nouns the plan lacks are left out.
 */
function nounUnits(index: IndexData, q: PreparedQuery): NounUnit[] {
  const loanwords = kanaLoanwords(index, q);
  const units: NounUnit[] = [...loanwords];
  const done = new Set<Compound>();
  for (const w of q.words) {
    if (w.compound) {
      if (done.has(w.compound)) continue;
      done.add(w.compound);
      const cp = w.compound;
      const parts = q.words.filter((x) => x.compound === cp);
      // 対象者, 参加対象: a compound of aspects (and suffixes) is an aspect.
      if (parts.every((x) => x.kind === 'suffix' || neutral(index, q, x)) && parts.some((x) => x.kind !== 'suffix')) continue;
      // An aspect noun the plan lacks says nothing about the rest (広報主任ポスト is 広報主任's post).
      const nouns = parts.filter((x) => (x.kind === 'noun' || x.kind === 'unknown') && !neutral(index, q, x));
      const dropped = nouns.length < parts.filter((x) => x.kind === 'noun' || x.kind === 'unknown').length;
      // A suffix makes another thing of a word (参加 → 参加費, 職員 → 職員証, 会議 → 会議室): such a compound is
      // in the plan only as written (or through an expansion of the whole).
      const derived = parts.some((x) => x.kind === 'suffix');
      // …and what is left of it meets in one passage of the plan.
      const restMeets = dropped && !derived && index.passageMatch.some((text) => nouns.every((x) => wordCredit(index, q, x, text) > 0));
      const missing = nouns.some((x) => wordCredit(index, q, x, index.planMatch) === 0)
        ? 1
        : restMeets || compoundSomewhere(index, q, cp, !derived)
          ? 0
          : derived
            ? 1
            : BROKEN_COMPOUND;
      units.push({ index: cp.index, length: cp.length, weight: Math.max(...parts.map((x) => x.weight)), missing });
      continue;
    }
    if ((w.kind !== 'noun' && w.kind !== 'unknown') || neutral(index, q, w)) continue;
    if (loanwords.some((u) => w.index >= u.index && w.index < u.index + u.length)) continue;
    units.push({ index: w.index, length: w.length, weight: w.weight, missing: wordCredit(index, q, w, index.planMatch) === 0 ? 1 : 0 });
  }
  return units;
}

/** A particle or ending that bounds a word typed in hiragana (めんばー|は, の|ぱすわーど). */
const KANA_BOUND = /^(?:[のはがをにでともへや]|って|とか)/;
const KANA_LOANWORD = /[\p{Script=Hiragana}]+ー[\p{Script=Hiragana}ー]*/gu;

/**
 * Loanwords typed in hiragana (てれわーく, ぱすわーど): the analyzer cuts them into pieces (てれ|わ|ー|く) that say
 * nothing. Such a word, bounded by particles, that no expansion reads as a plan term (めんばー is メンバー) and that the
 * plan does not have, is a noun the plan lacks.
 */
function kanaLoanwords(index: IndexData, q: PreparedQuery): NounUnit[] {
  const out: NounUnit[] = [];
  const text = q.analysis.text;
  for (const m of text.matchAll(KANA_LOANWORD)) {
    const bar = m[0].indexOf('ー');
    let from = 0;
    for (let i = bar - 1; i > 0; i--) if (KANA_BOUND.test(m[0].slice(i))) { from = i + 1; break; }
    let to = m[0].length;
    for (let i = bar + 1; i < m[0].length; i++) if (KANA_BOUND.test(m[0].slice(i))) { to = i; break; }
    const word = m[0].slice(from, to);
    if (word.length < 3) continue;
    const index0 = m.index! + from;
    const overlaps = (at: number, len: number) => at < index0 + word.length && index0 < at + len;
    if (q.expansions.some((e) => overlaps(e.index, e.length))) continue;
    if (index.planMatch.includes(termKey(word))) continue;
    out.push({ index: index0, length: word.length, weight: index.unseenIdf, missing: 1 });
  }
  return out;
}

/**
 * Share of the question's noun weight that the plan has nowhere (年休, 駐車場, 旅費 …), and whether what the question is
 * about (the noun unit right before は / って / とは / について) is missing from the plan: 「区役所の防災訓練は新人も
 * 参加が必要？」 has its other nouns in the plan, not its topic.
 */
export function absenceOf(index: IndexData, q: PreparedQuery): { absent: number; topicAbsent: boolean } {
  // 「保健福祉課の若手から聞かれたんだけど、」: who asks, and where they work, is not what the plan must have.
  const units = nounUnits(index, q).filter((u) => !inSpans(q.background, u.index));
  return { absent: absentShare(units), topicAbsent: topicAbsent(q, units) };
}

function absentShare(units: NounUnit[]): number {
  const total = units.reduce((n, u) => n + u.weight, 0);
  return total > 0 ? units.reduce((n, u) => n + u.weight * u.missing, 0) / total : 0;
}

/** Particles that mark what the question is about: 防災訓練は, 改善箱って, 朝礼とは, 研修について. */
const TOPIC_MARKERS = new Set(['は', 'って', 'とは', 'について', 'については', 'ってなに', 'ってなん']);

function topicAbsent(q: PreparedQuery, units: NounUnit[]): boolean {
  const tokens = q.analysis.tokens;
  return tokens.some((t, i) => {
    const marker = t.pos === 'particle' && (TOPIC_MARKERS.has(t.surface) || (t.surface === 'と' && tokens[i + 1]?.surface === 'は'));
    if (!marker) return false;
    const unit = units.find((u) => u.index + u.length === t.index);
    return unit !== undefined && unit.missing === 1;
  });
}

function compoundSomewhere(index: IndexData, q: PreparedQuery, cp: Compound, piecesMayMeet: boolean): boolean {
  if (index.planMatch.includes(cp.key)) return true;
  if (q.expansions.some((e) => e.index <= cp.index && e.index + e.length >= cp.index + cp.length && e.targets.some((t) => index.planMatch.includes(t)))) return true;
  if (!piecesMayMeet) return false;
  // Each piece as written or through an expansion of it (オフサイト + MTG → ミーティング).
  const pieces = q.analysis.tokens
    .filter((t) => t.index >= cp.index && t.index + t.length <= cp.index + cp.length)
    .map((t) => [termKey(t.surface), ...q.expansions.filter((e) => e.index < t.index + t.length && t.index < e.index + e.length).flatMap((e) => e.targets)]);
  return index.passageMatch.some((text) => pieces.every((forms) => forms.some((f) => text.includes(f))));
}

