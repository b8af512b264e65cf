import { tokyoDate, tokyoTime } from '../infra/clock.js';
import { sectionLabel, PLAN_SECTIONS } from '../plan/sections.js';
import { groupQuestions } from './group.js';
import { datesOf, type Month } from './month.js';
import type { InsightsStore } from './store.js';
import {
  PROPOSAL_STATUSES,
  type MonthlyReport,
  type ProposalFacts,
  type ProposalStatusName,
  type ReportSources,
  type SessionFacts,
  type SessionRow,
} from './types.js';

/**
 * Builds the month's report from the bot's own notes (InsightsStore) and the features' data
 * (ReportSources). Reads only. A month that has not ended yet is counted up to `now`.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DECISIONS: readonly ProposalStatusName[] = ['採用', '見送り'];
const WAITING: readonly ProposalStatusName[] = ['受付', '検討中'];

export interface ReportDeps {
  insights: Pick<InsightsStore, 'qa' | 'refusedTexts' | 'morning'>;
  sources: ReportSources;
  retentionDays: number;
}

export async function buildReport(deps: ReportDeps, month: Month, now: Date): Promise<MonthlyReport> {
  const asOf = Math.min(now.getTime(), month.end);
  const [qa, refusedTexts, morning, proposals, sessions, channels] = await Promise.all([
    deps.insights.qa(month),
    deps.insights.refusedTexts(month),
    deps.insights.morning(month),
    deps.sources.proposals(),
    deps.sources.sessions(month.start, month.end),
    deps.sources.morningChannels(),
  ]);
  const closedDays: MonthlyReport['morning']['closedDays'] = [];
  for (const date of datesOf(month)) {
    if (date > tokyoDate(new Date(asOf - 1))) break;
    const reason = await deps.sources.closedReason(date);
    if (reason) closedDays.push({ date, reason });
  }
  return {
    month: month.id,
    asOf: new Date(asOf).toISOString(),
    complete: now.getTime() >= month.end,
    qa: {
      asked: qa.asked,
      answered: qa.answered,
      refused: qa.refused,
      answeredPct: pct(qa.answered, qa.asked),
      refusedPct: pct(qa.refused, qa.asked),
      sections: [...qa.sections.entries()]
        .map(([id, s]) => ({ id, title: PLAN_SECTIONS[id] ?? sectionLabel(id), ...s }))
        .filter((s) => s.questions + s.up + s.down > 0)
        .sort((a, b) => b.questions - a.questions || sectionOrder(a.id) - sectionOrder(b.id)),
      refusedGroups: groupQuestions(refusedTexts),
      refusedKept: refusedTexts.length,
      retentionDays: deps.retentionDays,
    },
    proposals: proposalFigures(proposals, month, asOf),
    worldcafe: worldcafeFigures(sessions, asOf),
    morning: {
      channels: channels.filter((c) => Date.parse(c.subscribedAt) < asOf).length,
      posted: morning.posts.length,
      closedDays,
      skipped: morning.skips,
    },
  };
}

/** A share in %, one decimal; null when there is nothing to share. */
export function pct(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const m = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Plan order of section ids ("1" < "2(1)" < "4(1)⑥" < "4(2)①"), for ties. */
const ORDER = Object.keys(PLAN_SECTIONS);
function sectionOrder(id: string): number {
  const i = ORDER.indexOf(id);
  return i === -1 ? ORDER.length : i;
}

/** A proposal's status at instant `t` (from its history); undefined when it did not exist yet. */
function statusAt(p: ProposalFacts, t: number): ProposalStatusName | undefined {
  if (Date.parse(p.createdAt) >= t) return undefined;
  let status: ProposalStatusName = '受付';
  for (const h of p.history) if (Date.parse(h.at) < t) status = h.to;
  return status;
}

function proposalFigures(all: ProposalFacts[], month: Month, asOf: number): MonthlyReport['proposals'] {
  const byStatus = Object.fromEntries(PROPOSAL_STATUSES.map((s) => [s, 0])) as Record<ProposalStatusName, number>;
  let received = 0;
  const decisionDays: number[] = [];
  let adopted = 0;
  let oldest: MonthlyReport['proposals']['oldestWaiting'] = null;
  for (const p of all) {
    const created = Date.parse(p.createdAt);
    if (created >= month.start && created < asOf) received += 1;
    const status = statusAt(p, asOf);
    if (!status) continue;
    byStatus[status] += 1;
    for (const h of p.history) {
      const at = Date.parse(h.at);
      if (!DECISIONS.includes(h.to) || at < month.start || at >= asOf) continue;
      decisionDays.push((at - created) / DAY_MS);
      if (h.to === '採用') adopted += 1;
    }
    if (WAITING.includes(status) && (!oldest || created < Date.parse(oldest.receivedAt))) {
      oldest = { id: p.id, title: p.title, status, receivedAt: p.createdAt, days: Math.floor((asOf - created) / DAY_MS) };
    }
  }
  return {
    received,
    byStatus,
    decided: decisionDays.length,
    adopted,
    adoptedPct: pct(adopted, decisionDays.length),
    medianDaysToDecision: median(decisionDays),
    oldestWaiting: oldest,
  };
}

function sessionRow(s: SessionFacts): SessionRow {
  const dist = (pick: (a: SessionFacts['survey'][number]) => number) => {
    const d: [number, number, number, number, number] = [0, 0, 0, 0, 0];
    for (const a of s.survey) {
      const i = Math.min(5, Math.max(1, Math.round(pick(a)))) - 1;
      d[i] = (d[i] ?? 0) + 1;
    }
    return d;
  };
  const avg = (pick: (a: SessionFacts['survey'][number]) => number) =>
    s.survey.length ? round1(s.survey.reduce((n, a) => n + pick(a), 0) / s.survey.length) : null;
  const start = new Date(s.startAt);
  return {
    id: s.id,
    kindLabel: s.kindLabel,
    theme: s.theme,
    start: `${tokyoDate(start)} ${tokyoTime(start)}`,
    capacity: s.capacity,
    confirmed: s.confirmed,
    fillPct: pct(s.confirmed, s.capacity) ?? 0,
    waitPeak: s.waitPeak,
    withdrawn: s.withdrawn,
    cancelled: s.cancelled,
    answers: s.survey.length,
    answerRatePct: pct(s.survey.length, s.confirmed),
    satisfactionAvg: avg((a) => a.satisfaction),
    usefulnessAvg: avg((a) => a.usefulness),
    satisfactionDist: dist((a) => a.satisfaction),
    usefulnessDist: dist((a) => a.usefulness),
    comments: s.survey.map((a) => a.comment.trim()).filter(Boolean),
  };
}

function worldcafeFigures(sessions: SessionFacts[], asOf: number): MonthlyReport['worldcafe'] {
  const rows = sessions
    .filter((s) => s.cancelled || s.endAt <= asOf)
    .sort((a, b) => a.startAt - b.startAt)
    .map(sessionRow);
  const held = rows.filter((r) => !r.cancelled);
  const seats = held.reduce((n, r) => n + r.capacity, 0);
  return {
    held: held.length,
    cancelledSessions: rows.length - held.length,
    fillPct: pct(
      held.reduce((n, r) => n + r.confirmed, 0),
      seats,
    ),
    waitPeak: Math.max(0, ...rows.map((r) => r.waitPeak)),
    withdrawn: rows.reduce((n, r) => n + r.withdrawn, 0),
    surveyAnswers: held.reduce((n, r) => n + r.answers, 0),
    sessions: rows,
  };
}
