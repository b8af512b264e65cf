/**
 * Post times and the catch-up window of the morning job, all in Japan time "HH:MM".
 *
 * A bot that was down at a channel's post time still posts when it comes back before the
 * catch-up deadline: 10:00, or — for channels that post later than 08:45 — 1 h 15 min after
 * their post time (the same window 08:45 → 10:00 gives). After the deadline it skips the day
 * and records why.
 */

export const CATCH_UP_UNTIL = '10:00';
export const CATCH_UP_MINUTES = 75;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" → minutes since midnight. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function timeOf(minutes: number): string {
  const m = Math.max(0, Math.min(23 * 60 + 59, minutes));
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/**
 * Reads a time typed by a person: "8:45", "08:45", "０８：４５", "8時45分" → "08:45".
 * Returns undefined when it is not a time of day.
 */
export function parseTime(input: string): string | undefined {
  const s = input
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[：]/g, ':')
    .replace(/^(\d{1,2})時(\d{1,2})分?$/, '$1:$2')
    .replace(/^(\d{1,2})時$/, '$1:00');
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const t = `${m[1]!.padStart(2, '0')}:${m[2]}`;
  return HHMM.test(t) ? t : undefined;
}

export function isTime(time: string): boolean {
  return HHMM.test(time);
}

/** The last moment (exclusive, "HH:MM") a late post is still made for a channel posting at `time`. */
export function catchUpDeadline(time: string): string {
  return timeOf(Math.max(minutesOf(CATCH_UP_UNTIL), minutesOf(time) + CATCH_UP_MINUTES));
}
