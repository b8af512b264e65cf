import type { QuestionGroup } from './group.js';

/** The monthly report as plain data, and the read-only ports it is built from. No Slack. */

export const PROPOSAL_STATUSES = ['受付', '検討中', '採用', '見送り', '実施済'] as const;
export type ProposalStatusName = (typeof PROPOSAL_STATUSES)[number];

/** What the report needs of one proposal (from the proposals feature's store). */
export interface ProposalFacts {
  id: string;
  title: string;
  /** ISO instants. */
  createdAt: string;
  history: { to: ProposalStatusName; at: string }[];
}

export interface SurveyAnswerFacts {
  satisfaction: number;
  usefulness: number;
  comment: string;
}

/** What the report needs of one session (from the World Café feature's store). No names. */
export interface SessionFacts {
  id: string;
  kindLabel: string;
  theme: string;
  startAt: number;
  endAt: number;
  capacity: number;
  /** Confirmed seats (frozen once the session starts). */
  confirmed: number;
  /** The longest the waitlist ever was. */
  waitPeak: number;
  /** Sign-ups given up (seats and waitlist places). */
  withdrawn: number;
  cancelled: boolean;
  survey: SurveyAnswerFacts[];
}

export interface ReportSources {
  proposals(): Promise<ProposalFacts[]>;
  /** Sessions starting in [from, to). */
  sessions(from: number, to: number): Promise<SessionFacts[]>;
  /** Channels subscribed to the morning prompt now, with when they subscribed. */
  morningChannels(): Promise<{ channel: string; subscribedAt: string }[]>;
  /** The working calendar: why a date is closed (null on a working day). */
  closedReason(date: string): Promise<string | null>;
}

export interface SectionRow {
  id: string;
  title: string;
  questions: number;
  up: number;
  down: number;
}

export interface SessionRow {
  id: string;
  kindLabel: string;
  theme: string;
  /** YYYY-MM-DD HH:MM, Japan time. */
  start: string;
  capacity: number;
  confirmed: number;
  /** confirmed / capacity in %, one decimal. */
  fillPct: number;
  waitPeak: number;
  withdrawn: number;
  cancelled: boolean;
  answers: number;
  /** answers / confirmed in %, one decimal (null without attendees). */
  answerRatePct: number | null;
  satisfactionAvg: number | null;
  usefulnessAvg: number | null;
  /** How many answered 1, 2, 3, 4, 5. */
  satisfactionDist: [number, number, number, number, number];
  usefulnessDist: [number, number, number, number, number];
  comments: string[];
}

export interface MonthlyReport {
  /** "2026-05" */
  month: string;
  /** The instant the figures were read (ISO). A month still running is counted up to here. */
  asOf: string;
  complete: boolean;
  qa: {
    asked: number;
    answered: number;
    refused: number;
    /** In %, one decimal (null when nothing was asked). */
    answeredPct: number | null;
    refusedPct: number | null;
    sections: SectionRow[];
    refusedGroups: QuestionGroup[];
    /** Refused questions whose text is still kept (the rest are past INSIGHTS_RETENTION_DAYS). */
    refusedKept: number;
    retentionDays: number;
  };
  proposals: {
    received: number;
    /** Every proposal received by the end of the month, by its status then. */
    byStatus: Record<ProposalStatusName, number>;
    /** Decisions (採用 / 見送り) made in the month. */
    decided: number;
    adopted: number;
    adoptedPct: number | null;
    /** Days from 受付 to the decision, median over the month's decisions. */
    medianDaysToDecision: number | null;
    oldestWaiting: { id: string; title: string; status: ProposalStatusName; receivedAt: string; days: number } | null;
  };
  worldcafe: {
    held: number;
    cancelledSessions: number;
    /** Seats filled over every session held, in %. */
    fillPct: number | null;
    waitPeak: number;
    withdrawn: number;
    surveyAnswers: number;
    sessions: SessionRow[];
  };
  morning: {
    channels: number;
    posted: number;
    /** Days the office was closed (no prompt by design), with the calendar's reason. */
    closedDays: { date: string; reason: string }[];
    /** Working days a channel's prompt was not posted, with why. */
    skipped: { date: string; channel: string; reason: string }[];
  };
}
