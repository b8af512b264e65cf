/** The shapes of the World Café sign-up domain (plan 4(2)③). Plain data, no Slack. */

export const SESSION_KINDS = ['worldcafe', 'offsite', 'walking'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const KIND_LABELS: Record<SessionKind, string> = {
  worldcafe: 'ワールドカフェ',
  offsite: 'オフサイトミーティング',
  walking: '区内ガイド＆ウォーキング',
};

export type SessionStatus = 'open' | 'cancelled';

export interface Session {
  id: string;
  kind: SessionKind;
  theme: string;
  place: string;
  /** Instants, epoch milliseconds. */
  startAt: number;
  endAt: number;
  /** Joining is refused from this instant on. */
  deadlineAt: number;
  capacity: number;
  status: SessionStatus;
  createdBy: string;
  createdAt: number;
  /** Bumped on every reschedule: reminders and "sent" marks are per version. */
  version: number;
  /** When the reminders for this schedule fall due (0 = none). */
  remindDayBeforeAt: number;
  remindSoonAt: number;
  /** When the post-session survey goes to the confirmed attendees (its end, or the next working day at 10:00). */
  surveyAt: number;
  /** The longest its waitlist has been, and how many sign-ups were given up (for the monthly report). */
  waitPeak: number;
  withdrawn: number;
  /** Where the session was announced (set once the channel message exists). */
  channel?: string;
  messageTs?: string;
}

/** A session with its live seat counts. */
export interface SessionView extends Session {
  confirmed: number;
  waiting: number;
}

export type SeatState = 'confirmed' | 'waiting' | 'none';

/** Why a seat operation did nothing. */
export type Refusal = 'missing' | 'cancelled' | 'closed' | 'started';

export type JoinResult =
  | { outcome: 'confirmed'; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'waiting'; position: number; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'already_confirmed'; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'already_waiting'; position: number; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'refused'; reason: Refusal };

export type LeaveResult =
  | { outcome: 'left_seat'; promoted: string[]; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'left_waitlist'; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'not_signed_up' }
  | { outcome: 'refused'; reason: Refusal };

export type CapacityResult =
  | { outcome: 'changed'; promoted: string[]; confirmed: number; capacity: number; waiting: number }
  | { outcome: 'refused'; reason: Refusal };

/** Who must hear about a change to the whole session. */
export interface AffectedPeople {
  confirmed: string[];
  waiting: string[];
}

export type RescheduleResult =
  | { outcome: 'rescheduled'; session: Session; notify: AffectedPeople }
  | { outcome: 'refused'; reason: Refusal };

export type CancelSessionResult =
  | { outcome: 'cancelled'; session: Session; notify: AffectedPeople }
  | { outcome: 'refused'; reason: Refusal };

/** A user's place in one session. */
export interface MySignup {
  session: SessionView;
  state: Exclude<SeatState, 'none'>;
  /** 1-based waitlist position when waiting. */
  position?: number;
}

/** Kinds of direct messages that go through the durable due-queue. */
export const NOTICE_KINDS = ['day_before', 'soon', 'promoted', 'moved', 'cancelled', 'survey'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** One claimed entry of the due-queue. */
export interface DueNotice {
  kind: NoticeKind;
  sessionId: string;
  userId: string;
  /** The lease score it was claimed with; pass back to complete(). */
  lease: number;
  /** The session's schedule version when claimed. */
  member: string;
}
