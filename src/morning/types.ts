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

/**
 * Why a working day's post was not made (the Slack layer words it, src/morning/slack/texts.ts):
 *  - not_running: the bot was not running between the post time and the catch-up deadline;
 *  - post_failed: Slack kept failing until the deadline (`code`: its last error);
 *  - refused: Slack refused the post for good (`code`: e.g. not_in_channel).
 */
export type SkipCause =
  | { cause: 'not_running'; time: string; deadline: string }
  | { cause: 'post_failed'; deadline: string; code: string }
  | { cause: 'refused'; code: string };

/** What happened for one channel on one working day. */
export type DayOutcome =
  | { status: 'posted'; date: string; channel: string; at: string; ts: string; promptId: string; late: boolean }
  | ({ status: 'skipped'; date: string; channel: string; at: string } & SkipCause);

/** The result of one run of the daily job (one tick). */
export interface TickResult {
  date: string;
  workday: boolean;
  reason: string | null;
  posted: { channel: string; promptId: string; ts: string }[];
  skipped: ({ channel: string } & SkipCause)[];
  failed: { channel: string; code: string }[];
}

export type SetTimeResult =
  | { ok: true; time: string; previous: string }
  | { ok: false; code: 'bad_time'; input: string }
  | { ok: false; code: 'not_subscribed' };
