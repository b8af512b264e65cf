import type { MorningPrompt, Pool } from './catalogue.js';

/** Plain data shapes of the morning-meeting domain. No Slack. */

/** One morning post, as data; the Slack layer renders it. */
export interface MorningPost {
  date: string;
  pool: Pool;
  prompt: MorningPrompt;
}

export interface Subscription {
  channel: string;
  /** Own post time "HH:MM" (Japan time); unset = MORNING_TIME. */
  time?: string;
  subscribedBy: string;
  subscribedAt: string;
}

/** What happened for one channel on one working day. */
export type DayOutcome =
  | { status: 'posted'; date: string; channel: string; at: string; ts: string; promptId: string; late: boolean }
  | { status: 'skipped'; date: string; channel: string; at: string; reason: string };

/** The result of one run of the daily job (one tick). */
export interface TickResult {
  date: string;
  workday: boolean;
  reason: string | null;
  posted: { channel: string; promptId: string; ts: string }[];
  skipped: { channel: string; reason: string }[];
  failed: { channel: string; code: string }[];
}
