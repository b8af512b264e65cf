import { z } from 'zod';
import { fromTokyo, tokyoDate } from '../infra/clock.js';
import { SESSION_KINDS, type SessionKind } from './types.js';
import { addDays } from '../infra/calendar.js';
import { cleanText } from '../infra/clean-text.js';

/**
 * Validation of the session form (create and reschedule). Everything is checked on the server;
 * errors come back keyed by field, in polite Japanese, ready to show inline in the modal.
 * All dates and times are Japan time.
 */

export const LIMITS = {
  theme: 100,
  place: 100,
  capacityMin: 1,
  capacityMax: 500,
} as const;

/** The form as typed (every field may be missing or malformed). Keys match the modal's block ids. */
export interface SessionForm {
  theme?: string | null;
  kind?: string | null;
  date?: string | null;
  start?: string | null;
  end?: string | null;
  place?: string | null;
  capacity?: string | number | null;
  deadline_date?: string | null;
  deadline_time?: string | null;
}

export type FormField = keyof SessionForm;
export type FormErrors = Partial<Record<FormField, string>>;

export interface Schedule {
  startAt: number;
  endAt: number;
  deadlineAt: number;
}

export interface SessionDraft extends Schedule {
  kind: SessionKind;
  theme: string;
  place: string;
  capacity: number;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const text = (label: string, max: number) =>
  z
    .string({ message: `${label}を入力してください。` })
    // No controls, bidi overrides or stray invisibles; one line (src/infra/clean-text.ts).
    .transform((s) => cleanText(s, { singleLine: true }).trim())
    .pipe(
      z
        .string()
        .min(1, { message: `${label}を入力してください。` })
        .max(max, { message: `${label}は ${max} 文字以内で入力してください。` }),
    );

const calendarDate = (label: string) =>
  z
    .string({ message: `${label}を選んでください。` })
    .regex(DATE, { message: `${label}を選んでください。` })
    .refine(isCalendarDate, { message: `${label}が正しくありません。カレンダーにある日付を選んでください。` });

/** True for a date that exists: 2026-02-28, not 2026-02-30 or 2026-13-01 (which Date cannot even print). */
function isCalendarDate(d: string): boolean {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

const clockTime = (label: string) =>
  z.string({ message: `${label}を選んでください。` }).regex(TIME, { message: `${label}を「HH:MM」の形で選んでください。` });

const blankToUndefined = (v: unknown) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

const capacity = z
  .preprocess(blankToUndefined, z.union([z.string(), z.number()], { message: '定員を入力してください。' }))
  .transform((v) => (typeof v === 'string' ? (/^[-+]?[0-9０-９.]+$/.test(v.trim()) ? Number(v.trim().replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10))) : Number.NaN) : v))
  .pipe(
    z
      .number({ message: '定員は数字で入力してください。' })
      .refine((n) => Number.isFinite(n), { message: '定員は数字で入力してください。' })
      .refine((n) => Number.isInteger(n), { message: '定員は整数で入力してください。' })
      .refine((n) => n >= LIMITS.capacityMin && n <= LIMITS.capacityMax, {
        message: `定員は ${LIMITS.capacityMin}〜${LIMITS.capacityMax} 名で入力してください。`,
      }),
  );

const scheduleShape = {
  date: calendarDate('日付'),
  start: clockTime('開始時刻'),
  end: clockTime('終了時刻'),
  deadline_date: z.preprocess(blankToUndefined, calendarDate('申込締切の日付').optional()),
  deadline_time: z.preprocess(blankToUndefined, clockTime('申込締切の時刻').optional()),
};

const sessionShape = {
  theme: text('テーマ', LIMITS.theme),
  kind: z.enum(SESSION_KINDS, { message: '種類を選んでください。' }),
  place: text('場所', LIMITS.place),
  capacity,
  ...scheduleShape,
};

/** Default deadline: the end of the day before the session (i.e. 00:00 JST of its day). */
export function defaultDeadline(date: string): number {
  return fromTokyo(date, '00:00').getTime();
}

function checkSchedule(
  v: { date: string; start: string; end: string; deadline_date?: string; deadline_time?: string },
  now: Date,
  errors: FormErrors,
): Schedule | undefined {
  const startAt = fromTokyo(v.date, v.start).getTime();
  const endAt = fromTokyo(v.date, v.end).getTime();
  let failed = false;
  if (v.date < tokyoDate(now)) {
    errors.date = '過去の日付は選べません。今日以降の日付を選んでください。';
    failed = true;
  } else if (startAt <= now.getTime()) {
    errors.start = '開始時刻が過ぎています。これから先の時刻を選んでください。';
    failed = true;
  }
  if (endAt <= startAt) {
    errors.end = '終了時刻は開始時刻より後にしてください。';
    failed = true;
  }
  let deadlineAt: number;
  if (v.deadline_date) {
    // A date alone means "until the end of that day".
    deadlineAt = v.deadline_time
      ? fromTokyo(v.deadline_date, v.deadline_time).getTime()
      : fromTokyo(addDays(v.deadline_date, 1), '00:00').getTime();
  } else if (v.deadline_time) {
    errors.deadline_date = '申込締切の時刻を指定するときは、日付も選んでください。';
    return undefined;
  } else {
    deadlineAt = defaultDeadline(v.date);
  }
  if (!failed) {
    const field: FormField = 'deadline_date';
    if (deadlineAt > startAt) {
      errors[field] = '申込締切は開始時刻より前にしてください。';
      failed = true;
    } else if (deadlineAt <= now.getTime()) {
      errors[field] = v.deadline_date
        ? '申込締切が過ぎています。これから先の日時を選んでください。'
        : '既定の申込締切（前日の終わり）が過ぎています。申込締切の日付と時刻を指定してください。';
      failed = true;
    }
  }
  return failed ? undefined : { startAt, endAt, deadlineAt };
}

function collect(issues: readonly z.core.$ZodIssue[], errors: FormErrors): void {
  for (const issue of issues) {
    const field = issue.path[0] as FormField | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
}

/** Validates a whole new session against "now". Every problem is reported at once. */
export function validateSessionForm(form: SessionForm, now: Date): Validated<SessionDraft> {
  const errors: FormErrors = {};
  const parsed = z.object(sessionShape).safeParse(form);
  if (!parsed.success) collect(parsed.error.issues, errors);
  // The date/time checks run whenever those fields themselves are well-formed.
  const times = z.object(scheduleShape).safeParse(form);
  const schedule = times.success ? checkSchedule(times.data, now, errors) : undefined;
  if (!parsed.success || !schedule) return { ok: false, errors };
  const v = parsed.data;
  return { ok: true, value: { kind: v.kind, theme: v.theme, place: v.place, capacity: v.capacity, ...schedule } };
}

/** Validates a new date/time for an existing session. */
export function validateScheduleForm(form: SessionForm, now: Date): Validated<Schedule> {
  const parsed = z.object(scheduleShape).safeParse(form);
  const errors: FormErrors = {};
  if (!parsed.success) {
    collect(parsed.error.issues, errors);
    return { ok: false, errors };
  }
  const schedule = checkSchedule(parsed.data, now, errors);
  return schedule ? { ok: true, value: schedule } : { ok: false, errors };
}

/** Validates a new capacity on its own. */
export function validateCapacity(value: string | number | null | undefined): Validated<number> {
  const parsed = capacity.safeParse(value ?? '');
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: { capacity: parsed.error.issues[0]?.message ?? '定員を確認してください。' } };
}
