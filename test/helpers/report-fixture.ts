import type { MonthlyReport, SessionRow } from '../../src/report/types.js';

/** A MonthlyReport with the given figures (for chart and Block Kit tests; no Redis). */
export function sampleReport(over: {
  sections?: [string, string, number][];
  refused?: number;
  byStatus?: [number, number, number, number, number];
  fills?: number[];
  month?: string;
} = {}): MonthlyReport {
  const sections = (over.sections ?? [['4(2)②', '元気アップ会議を設置し、区民サービスの向上をめざし、自主的な取り組みを進めます', 6], ['4(1)⑥', '所属研修を実施し、ＰＤＣＡサイクルによる改善を図ります', 3]]).map(
    ([id, title, questions]) => ({ id, title, questions, up: 1, down: 0 }),
  );
  const answered = sections.reduce((n, s) => n + s.questions, 0);
  const refused = over.refused ?? 4;
  const [a, b, c, d, e] = over.byStatus ?? [2, 1, 3, 1, 0];
  const sessions: SessionRow[] = (over.fills ?? [80, 45]).map((fillPct, i) => ({
    id: `s${i}`, kindLabel: 'ワールドカフェ', theme: `対話のテーマ その${i + 1}`, start: `2026-05-${String(10 + i).padStart(2, '0')} 15:00`,
    capacity: 20, confirmed: Math.round((fillPct * 20) / 100), fillPct, waitPeak: 0, withdrawn: 0, cancelled: false,
    answers: 0, answerRatePct: 0, satisfactionAvg: null, usefulnessAvg: null, satisfactionDist: [0, 0, 0, 0, 0], usefulnessDist: [0, 0, 0, 0, 0], comments: [],
  }));
  return {
    month: over.month ?? '2026-05',
    asOf: '2026-06-01T00:00:00.000Z',
    complete: true,
    qa: { asked: answered + refused, answered, refused, answeredPct: null, refusedPct: null, sections, refusedGroups: [], refusedKept: 0, retentionDays: 90 },
    proposals: { received: a, byStatus: { 受付: a, 検討中: b, 採用: c, 見送り: d, 実施済: e }, decided: 0, adopted: 0, adoptedPct: null, medianDaysToDecision: null, oldestWaiting: null },
    worldcafe: { held: sessions.length, cancelledSessions: 0, fillPct: null, waitPeak: 0, withdrawn: 0, surveyAnswers: 0, sessions },
    morning: { channels: 0, posted: 0, closedDays: [], skipped: [] },
  };
}
