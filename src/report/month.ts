import { addDays, isValidDate } from '../infra/calendar.js';
import { fromTokyo, tokyoDate } from '../infra/clock.js';

/**
 * Report months are calendar months in Japan time ("2026-05"): from the 1st at 00:00 JST up to,
 * not including, the next month's 1st. Every count of the report is taken over that range.
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface Month {
  /** "2026-05" */
  id: string;
  /** First and last calendar date, "2026-05-01" … "2026-05-31". */
  first: string;
  last: string;
  /** [start, end) as epoch milliseconds. */
  start: number;
  end: number;
}

export function isMonthId(value: string): boolean {
  return MONTH.test(value);
}

/** The month "YYYY-MM", or undefined when the text is not one (2026-13, 2026-5, 26-05 …). */
export function parseMonth(value: string): Month | undefined {
  const id = value.trim();
  if (!MONTH.test(id)) return undefined;
  const first = `${id}-01`;
  const next = nextMonthId(id);
  const last = addDays(`${next}-01`, -1);
  if (!isValidDate(first) || !isValidDate(last)) return undefined;
  return { id, first, last, start: fromTokyo(first).getTime(), end: fromTokyo(`${next}-01`).getTime() };
}

/** The Japan-time month an instant falls in. */
export function monthIdOf(at: Date | number): string {
  return tokyoDate(new Date(at)).slice(0, 7);
}

export function nextMonthId(id: string): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousMonthId(id: string): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The last full month before `now` (the default of /report). */
export function lastFullMonth(now: Date): Month {
  return parseMonth(previousMonthId(monthIdOf(now)))!;
}

/** The month `now` is in (the App Home's 「今月の状況」). */
export function currentMonth(now: Date): Month {
  return parseMonth(monthIdOf(now))!;
}

/** Every calendar date of the month, in order. */
export function datesOf(month: Month): string[] {
  const out: string[] = [];
  for (let d = month.first; d <= month.last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** "2026-05" → "2026年5月". */
export function monthLabel(id: string): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  return `${y}年${m}月`;
}
