/**
 * `npm run eval -- --calibrate`: fits the `found` decision (src/plan/found-model.ts) on the dev split only.
 *
 * 1. Logistic regression of in-plan (1) / off-plan (0) on the features of each dev question's search, both classes
 *    weighted alike, a little L2, features standardised while fitting, each weight kept to its direction (SIGN).
 * 2. The bias is then moved along a grid, through the whole answering pipeline (parts, follow-ups, quotes), to the
 *    value whose worse margin over the two targets (answered − 95, refused − 90) is largest; on a tie, the larger
 *    sum of both margins; then the middle of the tied plateau.
 */
import { FEATURES, featureVector, type FoundModel } from '../../../src/plan/found-model.js';
import { defaultRetriever, leavingWritersOut, rows, runOurs, TARGETS, totals, type EvalItem } from './harness.js';

const L2 = 0.01;
/**
 * The direction each weight may take (found-model.test.ts): more of the question covered or a better match never
 * counts against `found`, nouns the plan lacks, a missing topic or neighbours saying "not in the plan" never for it.
 * A weight the data would push the other way is held at 0 (projected gradient descent).
 */
const SIGN: Record<(typeof FEATURES)[number], 1 | -1 | 0> = { coverage: 1, absent: -1, score: 1, latin: 0, length: 0, topic: -1, bankOff: -1 };
const STEPS = 4000;
const RATE = 0.5;

/** Weights (standardised space) and bias of a class-balanced logistic regression. */
function logistic(x: number[][], y: number[]): { w: number[]; b: number; mean: number[]; sd: number[] } {
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / x.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - mean[j]!) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / sd[j]!));
  const positives = y.filter((v) => v === 1).length;
  const weightOf = (v: number) => (v === 1 ? 0.5 / (positives / y.length) : 0.5 / (1 - positives / y.length));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    const gw = w.map((wj) => L2 * wj);
    let gb = 0;
    z.forEach((r, i) => {
      const p = 1 / (1 + Math.exp(-(r.reduce((s, v, j) => s + v * w[j]!, b))));
      const g = ((p - y[i]!) * weightOf(y[i]!)) / z.length;
      r.forEach((v, j) => (gw[j]! += g * v));
      gb += g;
    });
    w.forEach((_, j) => {
      w[j]! -= RATE * gw[j]!;
      const sign = SIGN[FEATURES[j]!];
      if (sign !== 0 && w[j]! * sign < 0) w[j] = 0;
    });
    b -= RATE * gb;
  }
  return { w, b, mean, sd };
}

const round = (v: number) => Math.round(v * 100) / 100;

export async function calibrate(items: EvalItem[]): Promise<string> {
  const retriever = defaultRetriever();
  const retrieverFor = leavingWritersOut(retriever);
  const x: number[][] = [];
  const y: number[] = [];
  for (const item of items) {
    const r = retrieverFor(item).search(item.q);
    if (r.hits.length === 0) continue;
    x.push(featureVector(r.evidence));
    y.push(item.kind === 'in' ? 1 : 0);
  }
  const fit = logistic(x, y);
  const raw = FEATURES.map((_, j) => fit.w[j]! / fit.sd[j]!);
  const bias = fit.b - FEATURES.reduce((s, _, j) => s + (fit.w[j]! * fit.mean[j]!) / fit.sd[j]!, 0);
  const model = Object.fromEntries(FEATURES.map((name, j) => [name, round(raw[j]!)])) as Omit<FoundModel, 'bias'>;

  const grid: { score: number; shift: number; answered: number; refused: number }[] = [];
  for (let shift = -3; shift <= 3.0001; shift += 0.1) {
    const t = totals(rows(await runOurs(items, { retriever: retriever.withModel({ ...model, bias: round(bias + shift) }), leaveWritersOut: true })));
    const margins = [t.answered - TARGETS.answered, t.refused - TARGETS.refused];
    grid.push({ score: Math.min(...margins) * 1000 + margins[0]! + margins[1]!, shift, answered: t.answered, refused: t.refused });
  }
  const top = Math.max(...grid.map((g) => g.score));
  const tied = grid.filter((g) => g.score > top - 1e-9);
  const best = tied[Math.floor((tied.length - 1) / 2)]!;
  const fitted: FoundModel = { ...model, bias: round(bias + best.shift) };
  return (
    `FOUND_MODEL = ${JSON.stringify(fitted).replace(/"(\w+)":/g, '$1: ').replace(/,/g, ', ')}\n` +
    `(dev: answered ${best.answered.toFixed(1)}%, refused ${best.refused.toFixed(1)}%; ${tied.length} equally good biases)`
  );
}
