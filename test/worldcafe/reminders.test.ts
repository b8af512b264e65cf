import { describe, expect, it } from 'vitest';
import { fromTokyo } from '../../src/infra/clock.js';
import { reminderTimes, previousWorkingDay } from '../../src/worldcafe/reminders.js';
import { builtinDayStatus } from '../../src/infra/calendar.js';

const isWorkingDay = (d: string) => builtinDayStatus(d).workday;

describe('working days and reminder times', () => {
  it('knows weekends, national holidays and the 12/29–1/3 closure', () => {
    expect(isWorkingDay('2026-07-01')).toBe(true); // Wednesday
    expect(isWorkingDay('2026-07-04')).toBe(false); // Saturday
    expect(isWorkingDay('2026-07-20')).toBe(false); // 海の日
    expect(isWorkingDay('2026-11-23')).toBe(false); // 勤労感謝の日
    expect(isWorkingDay('2026-12-28')).toBe(true);
    expect(isWorkingDay('2026-12-29')).toBe(false);
    expect(isWorkingDay('2027-01-04')).toBe(true);
  });

  it('the day-before reminder is 12:00 JST on the last working day before the session', async () => {
    const at = (d: string, t: string) => fromTokyo(d, t).getTime();
    // Friday session → Thursday noon.
    expect(await reminderTimes(at('2026-07-10', '18:30'))).toEqual({ dayBefore: at('2026-07-09', '12:00'), soon: at('2026-07-10', '18:00') });
    // Tuesday after 海の日 (Mon 7/20) → Friday 7/17.
    expect((await reminderTimes(at('2026-07-21', '18:30'))).dayBefore).toBe(at('2026-07-17', '12:00'));
    // Saturday walk → Friday.
    expect((await reminderTimes(at('2026-07-11', '10:00'))).dayBefore).toBe(at('2026-07-10', '12:00'));
    // First working day of the year → the last one of the old year.
    expect(await previousWorkingDay('2027-01-04')).toBe('2026-12-28');
    // Midnight-adjacent start: the date is the Japan date, not the UTC one (07-14 00:30 JST is 07-13 in UTC).
    expect((await reminderTimes(at('2026-07-14', '00:30'))).dayBefore).toBe(at('2026-07-13', '12:00'));
  });
});

describe('reminders follow the shared calendar', () => {
  it('skips a closed day an admin added', async () => {
    const closed = new Set(['2026-07-09']);
    const calendar = { isWorkday: (d: string) => !closed.has(d) && builtinDayStatus(d).workday };
    expect(await previousWorkingDay('2026-07-10', calendar)).toBe('2026-07-08');
  });
});
