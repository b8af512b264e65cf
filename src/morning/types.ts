import type { MorningPrompt, Pool } from './catalogue.js';

/** Plain data shapes of the morning-meeting domain. No Slack. */

/** What the domain needs to post: built in the Slack layer from the WebClient. */
export interface Poster {
  /** Posts a message; rejects with an error carrying `code` (Slack's error) and `permanent` (retrying will not help). */
  post(channel: string, text: string, blocks?: unknown[]): Promise<{ ts: string }>;
}

/** A message ready for the poster: fallback text and opaque Block Kit blocks. */
export interface RenderedMessage {
  text: string;
  blocks?: unknown[];
}

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
