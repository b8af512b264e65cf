import holidayJp from '@holiday-jp/holiday_jp';
import type { Redis } from 'ioredis';
import type { Logger } from './logger.js';
import { tokyoDate } from './clock.js';

/**
 * The ward office's working calendar. A working day is Monday–Friday, except
 *  - Japan's public holidays, substitute holidays (振替休日) and 国民の休日 (from @holiday-jp/holiday_jp),
 *  - the office's year-end closure, 12/29–1/3,
 *  - extra closed days an admin adds (kept in Redis).
 * Dates are Japan-time calendar dates, "YYYY-MM-DD"; "today" is tokyoDate(clock.now()).
 */

/** `unknown`: a weekday past the end of the holiday data, which cannot say whether it is a holiday. */
export type ClosedKind = 'holiday' | 'year_end' | 'weekend' | 'closed' | 'unknown';

export interface DayStatus {
  date: string;
  workday: boolean;
  /** Why the office is closed, in Japanese (e.g. 勤労感謝の日, 土曜日, 年末年始休業); null on a working day. */
  reason: string | null;
  kind?: ClosedKind;
}

export interface ClosedDay {
  date: string;
  reason: string;
  addedBy: string;
  addedAt: string;
}

export const CLOSED_REASON_MAX = 100;

/** Why a closed day was not added or removed (the Slack layer words it). */
export type ClosedDayRefusal =
  | { ok: false; code: 'no_storage' | 'bad_date' | 'reason_too_long' }
  | { ok: false; code: 'past' | 'not_closed'; date: string }
  /** Already closed: a weekend, holiday or the year-end closure (`already_off`), or added by an admin before. */
  | { ok: false; code: 'already_off' | 'already_closed'; date: string; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAY_JA = ['日', '月', '火', '水', '木', '金', '土'] as const;
const CLOSED_KEY = 'morning:closed';

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD date (no time zone involved). */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** 「月」「火」… for a date. */
export function weekdayJa(date: string): string {
  return WEEKDAY_JA[weekdayOf(date)]!;
}

/** "2026-11-24" → "11月24日（火）". */
export function formatDateJa(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${m}月${d}日（${weekdayJa(date)}）`;
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The Monday of the week (Monday–Sunday) holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

type HolidayEntry = { name: string; name_en: string };
const holidays = holidayJp.holidays as unknown as Record<string, HolidayEntry>;

/** The holiday's name as staff would say it (the data calls 国民の休日 just 「休日」). */
function holidayName(h: HolidayEntry): string {
  if (h.name_en === "Citizen's Holiday" || h.name === '休日') return '国民の休日';
  const sub = /^(.+?)\s*振替休日$/.exec(h.name);
  if (sub) return `振替休日（${sub[1]}）`;
  return h.name;
}

/** Public holiday name on `date`, or undefined. Looked up by string key, never through the server's zone. */
export function publicHoliday(date: string): string | undefined {
  const h = holidays[date];
  return h ? holidayName(h) : undefined;
}

export function isYearEndClosure(date: string): boolean {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return (m === 12 && d >= 29) || (m === 1 && d <= 3);
}

/** The status of a date from the built-in rules alone (no admin-added days). */
export function builtinDayStatus(date: string): DayStatus {
  const holiday = publicHoliday(date);
  if (holiday) return { date, workday: false, reason: holiday, kind: 'holiday' };
  if (isYearEndClosure(date)) return { date, workday: false, reason: '年末年始休業', kind: 'year_end' };
  const wd = weekdayOf(date);
  if (wd === 6) return { date, workday: false, reason: '土曜日', kind: 'weekend' };
  if (wd === 0) return { date, workday: false, reason: '日曜日', kind: 'weekend' };
  // Past the holiday data the calendar cannot tell a weekday from a holiday: it says so, and
  // nothing is posted on such a day (the start-up check warns a year ahead: update the package).
  if (Number(date.slice(0, 4)) > holidayDataLastYear()) return { date, workday: false, reason: `祝日のデータ（${holidayDataLastYear()}年まで）の範囲外`, kind: 'unknown' };
  return { date, workday: true, reason: null };
}

/** The last year the holiday data covers (its last entry is that year's 勤労感謝の日). */
export function holidayDataLastYear(): number {
  return Number(holidayDataLastDate().slice(0, 4));
}

/** 「…は勤務日かどうか判断できません」 for a day the calendar cannot tell about. */
export function cannotTell(day: Pick<DayStatus, 'date'>): string {
  return `${formatDateJa(day.date)}は、祝日のデータが ${holidayDataLastYear()} 年までしかないため、勤務日かどうか判断できません`;
}

/** The last date the holiday data knows about. */
export function holidayDataLastDate(): string {
  return Object.keys(holidays).sort().at(-1) ?? '0000-00-00';
}

/**
 * True when the holiday data reaches the end of next year (Japan time). The year's last public
 * holiday is 勤労感謝の日 (11/23), so data that holds next year's 11/23 covers next year.
 */
export function holidayDataCoversNextYear(now: Date): boolean {
  const nextYear = Number(tokyoDate(now).slice(0, 4)) + 1;
  return holidayDataLastDate() >= `${nextYear}-11-23`;
}

/** The start-up check: warns in the log when the holiday data runs out before the end of next year. */
export function checkHolidayData(now: Date, logger: Logger): boolean {
  const ok = holidayDataCoversNextYear(now);
  if (!ok) {
    logger.warn(
      { lastDate: holidayDataLastDate(), version: holidayJp.VERSION },
      'holiday data (@holiday-jp/holiday_jp) does not reach the end of next year: update the package, or working days after that will ignore public holidays',
    );
  }
  return ok;
}

/**
 * The calendar with the admin-added closed days. Without Redis (the CLI with REDIS_URL unset)
 * it knows the built-in rules only.
 */
export class WorkCalendar {
  constructor(private readonly redis?: Redis) {}

  async dayStatus(date: string): Promise<DayStatus> {
    const builtin = builtinDayStatus(date);
    if (!builtin.workday || !this.redis) return builtin;
    const raw = await this.redis.hget(CLOSED_KEY, date);
    if (!raw) return builtin;
    const closed = parseClosed(date, raw);
    return { date, workday: false, reason: closed.reason, kind: 'closed' };
  }

  async isWorkday(date: string): Promise<boolean> {
    return (await this.dayStatus(date)).workday;
  }

  /** The first working day on or after `date` (within `limit` days), or undefined. */
  async nextWorkday(date: string, limit = 60): Promise<string | undefined> {
    for (let i = 0; i < limit; i++) {
      const d = addDays(date, i);
      if (await this.isWorkday(d)) return d;
    }
    return undefined;
  }

  /** The working days of the Monday–Friday week holding `date`, in order. */
  async workdaysOfWeek(date: string): Promise<string[]> {
    const monday = mondayOf(date);
    const out: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = addDays(monday, i);
      if (await this.isWorkday(d)) out.push(d);
    }
    return out;
  }

  /** Admin-added closed days from `from` on, oldest first. */
  async listClosedDays(from?: string): Promise<ClosedDay[]> {
    if (!this.redis) return [];
    const all = await this.redis.hgetall(CLOSED_KEY);
    return Object.entries(all)
      .map(([date, raw]) => parseClosed(date, raw))
      .filter((c) => !from || c.date >= from)
      .sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Adds a closed day. Refuses bad or past dates and days that are already closed. */
  async addClosedDay(input: { date: string; reason?: string; addedBy: string }, now: Date): Promise<{ ok: true; day: ClosedDay } | ClosedDayRefusal> {
    if (!this.redis) return { ok: false, code: 'no_storage' };
    const date = input.date.trim();
    if (!isValidDate(date)) return { ok: false, code: 'bad_date' };
    if (date < tokyoDate(now)) return { ok: false, code: 'past', date };
    const reason = (input.reason ?? '').trim() || '臨時休業日';
    if ([...reason].length > CLOSED_REASON_MAX) return { ok: false, code: 'reason_too_long' };
    const builtin = builtinDayStatus(date);
    if (!builtin.workday) return { ok: false, code: 'already_off', date, reason: builtin.reason ?? '' };
    const day: ClosedDay = { date, reason, addedBy: input.addedBy, addedAt: now.toISOString() };
    const added = await this.redis.hsetnx(CLOSED_KEY, date, JSON.stringify(day));
    if (!added) return { ok: false, code: 'already_closed', date, reason: parseClosed(date, (await this.redis.hget(CLOSED_KEY, date)) ?? '').reason };
    return { ok: true, day };
  }

  async removeClosedDay(date: string): Promise<{ ok: true } | ClosedDayRefusal> {
    if (!this.redis) return { ok: false, code: 'no_storage' };
    const d = date.trim();
    if (!isValidDate(d)) return { ok: false, code: 'bad_date' };
    if (!(await this.redis.hdel(CLOSED_KEY, d))) return { ok: false, code: 'not_closed', date: d };
    return { ok: true };
  }
}

function parseClosed(date: string, raw: string): ClosedDay {
  try {
    const v = JSON.parse(raw) as Partial<ClosedDay>;
    return { date, reason: v.reason || '臨時休業日', addedBy: v.addedBy ?? '', addedAt: v.addedAt ?? '' };
  } catch {
    return { date, reason: raw || '臨時休業日', addedBy: '', addedAt: '' };
  }
}
