import { describe, expect, it } from 'vitest';
import { fromTokyo } from '../../src/infra/clock.js';
import { parseMonth } from '../../src/report/month.js';
import { buildReport, median, pct } from '../../src/report/service.js';
import type { QaCounts } from '../../src/report/store.js';
import type { ProposalFacts, ReportSources, SessionFacts } from '../../src/report/types.js';

const may = parseMonth('2026-05')!;
const iso = (date: string, time = '10:00') => fromTokyo(date, time).toISOString();
const ms = (date: string, time = '10:00') => fromTokyo(date, time).getTime();

function deps(over: { proposals?: ProposalFacts[]; sessions?: SessionFacts[]; qa?: Partial<QaCounts>; refused?: string[] } = {}) {
  const sources: ReportSources = {
    proposals: async () => over.proposals ?? [],
    sessions: async (from, to) => (over.sessions ?? []).filter((s) => s.startAt >= from && s.startAt < to),
    morningChannels: async () => [
      { channel: 'C1', subscribedAt: iso('2026-04-01') },
      { channel: 'C2', subscribedAt: iso('2026-06-02') },
    ],
    closedReason: async (date) => (date === '2026-05-04' ? 'みどりの日' : date === '2026-05-02' ? '土曜日' : null),
  };
  return {
    insights: {
      qa: async () => ({ asked: 0, answered: 0, refused: 0, sections: new Map(), ...over.qa }),
      refusedTexts: async () => over.refused ?? [],
      morning: async () => ({ posts: [{ date: '2026-05-01', channel: 'C1' }], skips: [{ date: '2026-05-07', channel: 'C1', reason: 'not_in_channel' }] }),
    },
    sources,
    retentionDays: 90,
  };
}

describe('buildReport', () => {
  it('Q&A: shares, sections in order of questions, refused questions grouped', async () => {
    const r = await buildReport(
      deps({
        qa: { asked: 8, answered: 5, refused: 3, sections: new Map([['4(2)②', { questions: 2, up: 1, down: 0 }], ['4(1)⑥', { questions: 4, up: 0, down: 2 }]]) },
        refused: ['テレワークの規程は？', 'テレワーク規程はありますか', '駐車場の使い方'],
      }),
      may,
      new Date(ms('2026-06-03')),
    );
    expect(r.qa).toMatchObject({ asked: 8, answeredPct: 62.5, refusedPct: 37.5, refusedKept: 3 });
    expect(r.qa.sections.map((s) => [s.id, s.questions, s.up, s.down])).toEqual([['4(1)⑥', 4, 0, 2], ['4(2)②', 2, 1, 0]]);
    expect(r.qa.sections[0]!.title).toBe('所属研修を実施し、ＰＤＣＡサイクルによる改善を図ります');
    expect(r.qa.refusedGroups.map((g) => g.count)).toEqual([2, 1]);
    expect(r.complete).toBe(true);
  });

  it('proposals: received, status at the month’s end, adopted share, median days, oldest waiting', async () => {
    const p = (id: string, created: string, history: [ProposalFacts['history'][number]['to'], string][]): ProposalFacts => ({
      id, title: `題 ${id}`, createdAt: iso(created), history: history.map(([to, at]) => ({ to, at: iso(at) })),
    });
    const r = await buildReport(
      deps({
        proposals: [
          p('A', '2026-03-02', [['検討中', '2026-03-05'], ['採用', '2026-05-12']]), // 71 days
          p('B', '2026-05-01', [['検討中', '2026-05-02'], ['見送り', '2026-05-11']]), // 10 days
          p('C', '2026-05-03', [['検討中', '2026-05-10'], ['採用', '2026-05-18']]), // 15 days
          p('D', '2026-04-20', []), // still 受付: the oldest waiting
          p('E', '2026-05-20', [['検討中', '2026-06-01']]), // 受付 at the end of May
          p('F', '2026-06-01', []), // not yet in May
        ],
      }),
      may,
      new Date(ms('2026-06-10')),
    );
    expect(r.proposals).toEqual({
      received: 3,
      byStatus: { 受付: 2, 検討中: 0, 採用: 2, 見送り: 1, 実施済: 0 },
      decided: 3,
      adopted: 2,
      adoptedPct: 66.7,
      medianDaysToDecision: 15,
      oldestWaiting: { id: 'D', title: '題 D', status: '受付', receivedAt: iso('2026-04-20'), days: 41 },
    });
  });

  it('World Café: held and cancelled sessions, fill, waitlist peak, withdrawals, survey per session', async () => {
    const s = (id: string, start: string, over: Partial<SessionFacts>): SessionFacts => ({
      id, kindLabel: 'ワールドカフェ', theme: `テーマ ${id}`, startAt: ms(start, '15:00'), endAt: ms(start, '17:00'),
      capacity: 10, confirmed: 0, waitPeak: 0, withdrawn: 0, cancelled: false, survey: [], ...over,
    });
    const r = await buildReport(
      deps({
        sessions: [
          s('a', '2026-05-14', { confirmed: 8, waitPeak: 3, withdrawn: 2, survey: [{ satisfaction: 5, usefulness: 4, comment: 'よかった' }, { satisfaction: 4, usefulness: 3, comment: ' ' }] }),
          s('b', '2026-05-20', { capacity: 20, confirmed: 5, waitPeak: 0, withdrawn: 1 }),
          s('c', '2026-05-25', { cancelled: true, confirmed: 4 }),
          s('d', '2026-05-30', { confirmed: 9 }), // not over yet on the 30th at 12:00
        ],
      }),
      may,
      new Date(ms('2026-05-30', '12:00')),
    );
    expect(r.complete).toBe(false);
    expect(r.worldcafe).toMatchObject({ held: 2, cancelledSessions: 1, fillPct: 43.3, waitPeak: 3, withdrawn: 3, surveyAnswers: 2 });
    expect(r.worldcafe.sessions.map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(r.worldcafe.sessions[0]).toMatchObject({
      start: '2026-05-14 15:00', fillPct: 80, answers: 2, answerRatePct: 25, satisfactionAvg: 4.5, usefulnessAvg: 3.5,
      satisfactionDist: [0, 0, 0, 1, 1], usefulnessDist: [0, 0, 1, 1, 0], comments: ['よかった'],
    });
    expect(r.worldcafe.sessions[1]).toMatchObject({ answers: 0, answerRatePct: 0, satisfactionAvg: null });
  });

  it('morning: channels subscribed by then, prompts posted, closed and skipped days', async () => {
    const r = await buildReport(deps(), may, new Date(ms('2026-07-01')));
    expect(r.morning).toEqual({
      channels: 1,
      posted: 1,
      closedDays: [{ date: '2026-05-02', reason: '土曜日' }, { date: '2026-05-04', reason: 'みどりの日' }],
      skipped: [{ date: '2026-05-07', channel: 'C1', reason: 'not_in_channel' }],
    });
  });

  it('pct and median', () => {
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(1, 0)).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
