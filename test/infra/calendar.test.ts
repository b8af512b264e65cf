import { describe, expect, it } from 'vitest';
import { fixedClock, tokyoDate } from '../../src/infra/clock.js';
import {
  addDays,
  builtinDayStatus,
  checkHolidayData,
  holidayDataCoversNextYear,
  isValidDate,
  mondayOf,
  WorkCalendar,
} from '../../src/infra/calendar.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useRedis } from '../helpers/redis.js';

describe('the working calendar (built-in rules)', () => {
  it.each([
    ['2026-11-23', '勤労感謝の日'],
    ['2026-09-22', '国民の休日'],
    ['2026-09-21', '敬老の日'],
    ['2026-12-29', '年末年始休業'],
    ['2026-12-31', '年末年始休業'],
    ['2027-01-01', '元日'],
    ['2027-01-02', '年末年始休業'],
    ['2026-05-06', '振替休日（こどもの日）'],
    ['2026-11-21', '土曜日'],
    ['2026-11-22', '日曜日'],
  ])('%s is closed: %s', (date, reason) => {
    expect(builtinDayStatus(date)).toMatchObject({ date, workday: false, reason });
  });

  it.each(['2026-11-24', '2026-12-28', '2027-01-04', '2026-09-24'])('%s is a working day', (date) => {
    expect(builtinDayStatus(date)).toEqual({ date, workday: true, reason: null });
  });

  it('computes "today" in Japan time, not from the server clock in UTC', () => {
    // 15:30 UTC on 23 Nov is 00:30 on 24 Nov in Tokyo.
    const clock = fixedClock('2026-11-23T15:30:00Z');
    expect(tokyoDate(clock.now())).toBe('2026-11-24');
    expect(builtinDayStatus(tokyoDate(clock.now())).workday).toBe(true);
  });

  it('does date arithmetic on calendar dates', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(isValidDate('2026-02-29')).toBe(false);
    expect(isValidDate('2028-02-29')).toBe(true);
    expect(isValidDate('2026-1-5')).toBe(false);
  });

  it('knows whether the holiday data reaches the end of next year, and warns when it does not', () => {
    expect(holidayDataCoversNextYear(new Date('2026-06-01T00:00:00Z'))).toBe(true);
    const logs = captureLogs('warn');
    expect(checkHolidayData(new Date('2026-06-01T00:00:00Z'), logs.logger)).toBe(true);
    expect(logs.lines).toHaveLength(0);
    // Far enough ahead that the installed data runs out.
    expect(checkHolidayData(new Date('2099-06-01T00:00:00Z'), logs.logger)).toBe(false);
    expect(logs.lines).toHaveLength(1);
    expect(logs.lines[0]).toMatchObject({ level: 40 });
    expect(logs.lines[0]!.msg).toMatch(/does not reach the end of next year/);
  });
});

describe('extra closed days an admin adds (Redis)', () => {
  const r = useRedis();
  const now = new Date('2026-11-20T00:00:00Z');

  it('closes a working day with the admin’s reason, and reopens it', async () => {
    const cal = new WorkCalendar(r.client);
    expect(await cal.isWorkday('2026-12-28')).toBe(true);
    const added = await cal.addClosedDay({ date: '2026-12-28', reason: '庁舎設備点検のため閉庁', addedBy: 'U0ADMIN01' }, now);
    expect(added.ok).toBe(true);
    expect(await cal.dayStatus('2026-12-28')).toMatchObject({ workday: false, reason: '庁舎設備点検のため閉庁', kind: 'closed' });
    expect((await cal.listClosedDays('2026-11-20')).map((d) => d.date)).toEqual(['2026-12-28']);
    expect(await cal.removeClosedDay('2026-12-28')).toEqual({ ok: true });
    expect(await cal.isWorkday('2026-12-28')).toBe(true);
  });

  it('refuses bad, past, already-closed and duplicate days, changing nothing', async () => {
    await r.flush();
    const cal = new WorkCalendar(r.client);
    const bad = await cal.addClosedDay({ date: '2026-13-01', addedBy: 'U0ADMIN01' }, now);
    expect(bad).toEqual({ ok: false, code: 'bad_date' });
    const past = await cal.addClosedDay({ date: '2026-11-19', addedBy: 'U0ADMIN01' }, now);
    expect(past).toEqual({ ok: false, code: 'past', date: '2026-11-19' });
    const holiday = await cal.addClosedDay({ date: '2026-11-23', addedBy: 'U0ADMIN01' }, now);
    expect(holiday).toEqual({ ok: false, code: 'already_off', date: '2026-11-23', reason: '勤労感謝の日' });
    expect(await r.client.exists('morning:closed')).toBe(0);
    expect((await cal.addClosedDay({ date: '2026-12-25', addedBy: 'U0ADMIN01' }, now)).ok).toBe(true);
    const dup = await cal.addClosedDay({ date: '2026-12-25', reason: '別の理由', addedBy: 'U0ADMIN01' }, now);
    expect(dup).toEqual({ ok: false, code: 'already_closed', date: '2026-12-25', reason: '臨時休業日' });
    expect(await cal.dayStatus('2026-12-25')).toMatchObject({ reason: '臨時休業日' });
  });

  it('without Redis knows the built-in rules only', async () => {
    const cal = new WorkCalendar();
    expect(await cal.dayStatus('2026-11-23')).toMatchObject({ workday: false, reason: '勤労感謝の日' });
    expect(await cal.workdaysOfWeek('2026-11-25')).toEqual(['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
  });
});
