import { WorkCalendar, type DayStatus } from '../infra/calendar.js';
import type { Clock } from '../infra/clock.js';
import type { Redis } from '../infra/redis.js';
import { SubscriptionStore } from '../morning/store.js';
import type { Subscription } from '../morning/types.js';
import { createProposalService } from '../proposals/service.js';
import { ProposalStore } from '../proposals/store.js';
import type { Proposal } from '../proposals/types.js';
import { createWorldcafeService } from '../worldcafe/service.js';
import { createWorldcafeStore } from '../worldcafe/store.js';
import { createSurveyStore, type SurveyAnswer } from '../worldcafe/survey.js';
import { KIND_LABELS, type SessionView } from '../worldcafe/types.js';
import type { ReportSources } from './types.js';

/**
 * The report's read-only view of the other features: each port is one reading method of their
 * own stores, so the report depends on no feature's Slack code and writes nothing. The bot
 * (src/app.ts) and `npm run report` (src/cli/report.ts) build it the same way.
 */
export interface FeatureReaders {
  proposals: { listAll(): Promise<Proposal[]> };
  sessions: { sessionsStarting(from: number, to: number): Promise<SessionView[]> };
  surveys: { answers(sessionId: string): Promise<SurveyAnswer[]> };
  subscriptions: { list(): Promise<Subscription[]> };
  calendar: { dayStatus(date: string): Promise<DayStatus> };
}

/**
 * The same readers straight over Redis, for `npm run report` (no Slack, no modules). Only their
 * reading methods are called.
 */
export function readersOver(redis: Redis, clock: Clock, o: { sessionRetentionMs?: number } = {}): FeatureReaders {
  const calendar = new WorkCalendar(redis);
  const store = createWorldcafeStore(redis);
  return {
    proposals: createProposalService({ store: new ProposalStore(redis), clock }),
    sessions: createWorldcafeService({ store, clock, calendar, retentionMs: o.sessionRetentionMs }),
    surveys: createSurveyStore({ store, clock }),
    subscriptions: new SubscriptionStore(redis),
    calendar,
  };
}

export function reportSources(r: FeatureReaders): ReportSources {
  return {
    proposals: async () =>
      (await r.proposals.listAll()).map((p) => ({ id: p.id, title: p.title, createdAt: p.createdAt, history: p.history.map((h) => ({ to: h.to, at: h.at })) })),
    sessions: async (from, to) => {
      const sessions = await r.sessions.sessionsStarting(from, to);
      return Promise.all(
        sessions.map(async (s) => ({
          id: s.id,
          kindLabel: KIND_LABELS[s.kind],
          theme: s.theme,
          startAt: s.startAt,
          endAt: s.endAt,
          capacity: s.capacity,
          confirmed: s.confirmed,
          waitPeak: s.waitPeak,
          withdrawn: s.withdrawn,
          cancelled: s.status === 'cancelled',
          survey: await r.surveys.answers(s.id),
        })),
      );
    },
    morningChannels: async () => (await r.subscriptions.list()).map((s) => ({ channel: s.channel, subscribedAt: s.subscribedAt })),
    closedReason: async (date) => {
      const day = await r.calendar.dayStatus(date);
      return day.workday ? null : (day.reason ?? '休業日');
    },
  };
}
