import type { RenderedMessage } from '../infra/poster.js';

/** Plain data shapes of initiative announcements (お知らせ). No Slack. */

/** The initiatives of the plan's section ４ that the office keeps telling staff about. */
export const INITIATIVES = [
  { id: 'genki_up', label: '元気アップ会議', section: '4(2)②' },
  { id: 'award', label: '区長表彰', section: '4(1)⑤' },
  { id: 'dialogue', label: '区長と職員との意見交換', section: '4(2)⑥' },
  { id: 'volunteer', label: '職員ボランティア', section: '4(2)⑧' },
  { id: 'training', label: '研修', section: '4(1)⑥' },
  { id: 'minatalk', label: '庁内情報誌「みなと～く」', section: '4(2)④' },
  { id: 'other', label: 'その他', section: undefined },
] as const satisfies readonly { id: string; label: string; section: string | undefined }[];

export type InitiativeId = (typeof INITIATIVES)[number]['id'];

export function initiativeOf(id: string): (typeof INITIATIVES)[number] | undefined {
  return INITIATIVES.find((i) => i.id === id);
}

/** What the admin typed in the form, unchecked. */
export interface AnnouncementInput {
  initiative?: string;
  title?: string;
  body?: string;
  channels?: string[];
  /** "now" or "at" (a date and time in Japan time). */
  when?: string;
  date?: string;
  time?: string;
  linkUrl?: string;
  /** Adds a 参加 button that records who joins. */
  join?: boolean;
}

export type DraftField = 'initiative' | 'title' | 'body' | 'channels' | 'when' | 'date' | 'time' | 'linkUrl';

/** A checked announcement, not yet stored. */
export interface AnnouncementDraft {
  initiative: InitiativeId;
  title: string;
  body: string;
  channels: string[];
  /** ISO instant; null = send now. */
  sendAt: string | null;
  linkUrl?: string;
  join: boolean;
}

export type Delivery =
  | { status: 'sent'; ts: string; at: string }
  | { status: 'failed'; code: string; at: string };

export type AnnouncementStatus = 'scheduled' | 'sending' | 'sent' | 'partly_failed' | 'failed' | 'cancelled';

export interface Announcement extends AnnouncementDraft {
  id: string;
  createdBy: string;
  createdAt: string;
  /** When it goes out (ISO): sendAt, or the moment it was confirmed for "now". */
  dueAt: string;
  status: AnnouncementStatus;
  deliveries: Record<string, Delivery>;
  attempts: number;
  finishedAt?: string;
  cancelledBy?: string;
  cancelledAt?: string;
}

/** The Slack layer's renderers for what the domain posts. */
export interface AnnounceRenderer {
  /** The announcement as posted in each target channel. */
  announcement(a: Announcement): RenderedMessage;
  /** The delivery report sent to the admin who created it. */
  report(a: Announcement): RenderedMessage;
}

/** Why 送信 on the preview did nothing (the Slack layer words it). */
export type CommitRefusal = { ok: false; code: 'draft_expired' } | { ok: false; code: 'time_passed'; sendAt: string };

/** Why an announcement was not cancelled. */
export type CancelRefusal = { ok: false; code: 'busy' | 'missing' } | { ok: false; code: 'already_cancelled' | 'already_sent'; title: string };

/** Why 参加する did nothing. */
export type JoinRefusal = { ok: false; code: 'closed' | 'cancelled' };

