import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadPlan, type Plan } from '../src/plan/corpus.js';
import { extractiveAnswer } from '../src/plan/extractive.js';
import { detectLanguage } from '../src/plan/question.js';
import { defaultQuestionBank } from '../src/plan/question-bank.js';
import { createRetriever, type Retriever } from '../src/plan/retrieval.js';
import type { Section } from '../src/plan/types.js';
import { median, round } from './stats.js';
import type { Bench, Figure } from './types.js';

/**
 * analyzer_load_ms: loading the morphological analyzer (Lindera, IPADIC) in a fresh process, median of 3.
 * question_p50_us: one question from its text to the extractive answer — morphological analysis, expansions,
 * retrieval, multi-part handling and excerpts (extractiveAnswer); question_p50_us_100x: the same against a
 * corpus 100 times the plan's size.
 * retrieval_p50_us: one question against the plan (the production retriever, index built once; since issue 11
 * the search analyses the question morphologically; since round 3 it also asks the question bank).
 * retrieval_p50_us_100x: the same questions against a corpus 100 times the plan's size: every
 * section copied 100 times with its own id, parents and title, and its sentences in a different
 * order per copy, so postings are 100× longer and no two passages are the same document.
 *
 * Each question is searched REPEAT times after a warm-up; the figure is the median of all single
 * timings (performance.now(), µs). The questions are everyday staff wording, in and out of the plan.
 */

export const QUESTIONS = [
  '元気アップ会議とは？',
  '３つの心構えって何ですか',
  '上司に相談しやすい職場にするには？',
  '職場研修はどうやって進めるの',
  '区長表彰はどんな人がもらえますか',
  '提案を出したいのですがどうすればいいですか',
  'ワールドカフェって何をするんですか',
  '朝礼では何を話せばいい？',
  'PDCAサイクルについて教えて',
  '人材育成の基本的な考え方は？',
  '研修にはどんな種類がありますか',
  '区民目線で仕事をするとは',
  '職員ボランティアに参加したい',
  '年休は何日ありますか',
  '明日の天気は？',
  'What are the three attitudes staff should have?',
];

const REPEAT = 300;
const WARMUP_ROUNDS = 100;

/** The plan's sections copied `times` times: distinct ids, parents remapped, sentences rotated per copy. */
export function scaledCorpus(sections: Section[], times: number): Section[] {
  const out: Section[] = [];
  for (let k = 0; k < times; k++) {
    const suffix = k === 0 ? '' : `#${k}`;
    for (const s of sections) {
      const sentences = s.text.split(/(?<=。)/);
      const shift = sentences.length > 1 ? k % sentences.length : 0;
      const text = k === 0 ? s.text : [...sentences.slice(shift), ...sentences.slice(0, shift)].join('');
      out.push({
        ...s,
        id: `${s.id}${suffix}`,
        title: k === 0 ? s.title : `${s.title}（第${k + 1}版）`,
        text,
        parents: s.parents.map((p) => `${p}${suffix}`),
      });
    }
  }
  return out;
}

function p50Micros(run: (q: string) => unknown): number {
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const q of QUESTIONS) run(q);
  const timings: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const q of QUESTIONS) {
      const t0 = performance.now();
      run(q);
      timings.push((performance.now() - t0) * 1000);
    }
  }
  return median(timings);
}

const answering = (plan: Plan, retriever: Retriever) => (question: string) =>
  extractiveAnswer({ plan, retriever, question, lang: detectLanguage(question) });

function analyzerLoadMs(): number {
  const child = fileURLToPath(new URL('./analyzer-load.ts', import.meta.url));
  const runs = [0, 1, 2].map(() => (JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child], { encoding: 'utf8' })) as { ms: number }).ms);
  return median(runs);
}

const bench: Bench = async () => {
  const plan = loadPlan();
  // As the bot runs: with the question bank (prompts/question-bank.json; the 100x corpus gets the same bank).
  const small = createRetriever(plan.sections, defaultQuestionBank());
  const big = createRetriever(scaledCorpus(plan.sections, 100), defaultQuestionBank());
  const corpusChars = (ss: Section[]) => ss.reduce((n, s) => n + s.text.length + s.title.length, 0);
  if (corpusChars(scaledCorpus(plan.sections, 100)) < 99 * corpusChars(plan.sections)) throw new Error('100x corpus too small');
  const bigPlan: Plan = { ...plan, sections: scaledCorpus(plan.sections, 100), byId: new Map(scaledCorpus(plan.sections, 100).map((s) => [s.id, s])) };
  const figures: Figure[] = [
    { name: 'analyzer_load_ms', value: round(analyzerLoadMs(), 1), unit: 'ms' },
    { name: 'question_p50_us', value: round(p50Micros(answering(plan, small)), 1), unit: 'us' },
    { name: 'question_p50_us_100x', value: round(p50Micros(answering(bigPlan, big)), 1), unit: 'us' },
    { name: 'retrieval_p50_us', value: round(p50Micros((q) => small.search(q)), 1), unit: 'us' },
    { name: 'retrieval_p50_us_100x', value: round(p50Micros((q) => big.search(q)), 1), unit: 'us' },
  ];
  return figures;
};

export default bench;
