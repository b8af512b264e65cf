import { tokyoDate, tokyoTime } from '../../infra/clock.js';
import { formatDateJa } from '../../infra/calendar.js';
import { KIND_LABELS, type Session, type SessionView } from '../types.js';
import { escapeForSlack, softenPlainText } from '../../slack/safe-text.js';

/** Japanese wording for sessions, shared by the channel message, lists, DMs and App Home. */

/** "7月10日（金）18:30〜20:00" (Japan time). */
export function formatWhen(s: Pick<Session, 'startAt' | 'endAt'>): string {
  const start = new Date(s.startAt);
  return `${formatDateJa(tokyoDate(start))}${tokyoTime(start)}〜${tokyoTime(new Date(s.endAt))}`;
}

/** The deadline as people say it: an instant at 00:00 reads as "the day before, 23:59". */
export function formatDeadline(deadlineAt: number): string {
  const d = new Date(deadlineAt);
  if (tokyoTime(d) === '00:00') {
    const before = new Date(deadlineAt - 60_000);
    return `${formatDateJa(tokyoDate(before))}23:59`;
  }
  return `${formatDateJa(tokyoDate(d))}${tokyoTime(d)}`;
}

/** "【ワールドカフェ】テーマ" for plain text (Slack escapes nothing there; the text is still cleaned and @here softened). */
export function titlePlain(s: Pick<Session, 'kind' | 'theme'>): string {
  return `【${KIND_LABELS[s.kind]}】${softenPlainText(s.theme)}`;
}

/** The title for mrkdwn: user text escaped so it can never ping or link. */
export function titleMrkdwn(s: Pick<Session, 'kind' | 'theme'>): string {
  return `【${KIND_LABELS[s.kind]}】${escapeForSlack(s.theme)}`;
}

export function placeMrkdwn(s: Pick<Session, 'place'>): string {
  return escapeForSlack(s.place);
}

/** "3/20" — confirmed / capacity. */
export function seats(v: Pick<SessionView, 'confirmed' | 'capacity'>): string {
  return `${v.confirmed}/${v.capacity}`;
}

/** "参加 3/20 名・キャンセル待ち 0 名" */
export function seatsLine(v: Pick<SessionView, 'confirmed' | 'capacity' | 'waiting'>, bold = true): string {
  const b = (t: string | number) => (bold ? `*${t}*` : String(t));
  return `参加 ${b(seats(v))} 名・キャンセル待ち ${b(v.waiting)} 名`;
}

export type SessionPhase = 'open' | 'full' | 'closed' | 'started' | 'cancelled';

export function phaseOf(v: SessionView, now: number): SessionPhase {
  if (v.status === 'cancelled') return 'cancelled';
  if (now >= v.startAt) return 'started';
  if (now >= v.deadlineAt) return 'closed';
  if (v.confirmed >= v.capacity) return 'full';
  return 'open';
}

export const PHASE_LABELS: Record<SessionPhase, string> = {
  open: '受付中',
  full: '満席（キャンセル待ちを受け付けています）',
  closed: '申込受付は終了しました',
  started: '開催済み',
  cancelled: '中止になりました',
};
