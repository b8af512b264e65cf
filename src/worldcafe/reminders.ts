import { fromTokyo, tokyoDate } from '../infra/clock.js';
import { addDays, builtinDayStatus } from '../infra/calendar.js';

/** The reminder before a session: 30 minutes before it starts. */
export const SOON_BEFORE_MS = 30 * 60 * 1000;
/** The day-before reminder goes at noon, Japan time, on the working day before. */
export const DAY_BEFORE_TIME = '12:00';

/** Answers "is this YYYY-MM-DD (Japan) a working day?" — the shared WorkCalendar fits. */
export interface WorkdayCalendar {
  isWorkday(date: string): Promise<boolean> | boolean;
}

/** The built-in rules alone (Mon–Fri, no public holidays, no 12/29–1/3). */
export const builtinCalendar: WorkdayCalendar = { isWorkday: (date) => builtinDayStatus(date).workday };

/** The post-session survey on a closed day waits for the next working day, at this time. */
export const SURVEY_TIME = '10:00';

/** The first working day on or after `date`. */
export async function workingDayFrom(date: string, calendar: WorkdayCalendar = builtinCalendar): Promise<string> {
  let day = date;
  for (let i = 0; i < 30 && !(await calendar.isWorkday(day)); i++) day = addDays(day, 1);
  return day;
}

/**
 * When the survey goes out for a session ending at `endAt`: right then on a working day,
 * otherwise at 10:00 on the next working day.
 */
export async function surveyTime(endAt: number, calendar: WorkdayCalendar = builtinCalendar): Promise<number> {
  const date = tokyoDate(new Date(endAt));
  if (await calendar.isWorkday(date)) return endAt;
  return fromTokyo(await workingDayFrom(date, calendar), SURVEY_TIME).getTime();
}

/** The last working day strictly before `date`. */
export async function previousWorkingDay(date: string, calendar: WorkdayCalendar = builtinCalendar): Promise<string> {
  let day = addDays(date, -1);
  // The longest run of closed days (new year + weekend + holidays) is well under 30.
  for (let i = 0; i < 30 && !(await calendar.isWorkday(day)); i++) day = addDays(day, -1);
  return day;
}

/**
 * When the two reminders for a session starting at `startAt` fall due:
 * 12:00 JST on the last working day before the session's date, and 30 minutes before the start.
 */
export async function reminderTimes(startAt: number, calendar: WorkdayCalendar = builtinCalendar): Promise<{ dayBefore: number; soon: number }> {
  const day = await previousWorkingDay(tokyoDate(new Date(startAt)), calendar);
  return {
    dayBefore: fromTokyo(day, DAY_BEFORE_TIME).getTime(),
    soon: startAt - SOON_BEFORE_MS,
  };
}
