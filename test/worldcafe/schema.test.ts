import { describe, expect, it } from 'vitest';
import { fromTokyo } from '../../src/infra/clock.js';
import { validateCapacity, validateScheduleForm, validateSessionForm } from '../../src/worldcafe/schema.js';
import { goodForm } from './fixtures.js';

const now = new Date('2026-07-01T10:00:00+09:00');

describe('session form validation (Japan time, server side)', () => {
  it('accepts a good form and reads every time as Japan time; default deadline is the end of the day before', () => {
    const v = validateSessionForm({ ...goodForm, theme: '  話そう　 会 ' }, now);
    expect(v).toEqual({
      ok: true,
      value: {
        kind: 'worldcafe',
        theme: '話そう 会',
        place: '区役所 5階 会議室',
        capacity: 20,
        startAt: Date.parse('2026-07-10T09:30:00Z'),
        endAt: Date.parse('2026-07-10T11:00:00Z'),
        deadlineAt: fromTokyo('2026-07-10', '00:00').getTime(),
      },
    });
  });

  it('reports every bad field at once, in Japanese, keyed by the field', () => {
    const v = validateSessionForm({ theme: ' ', kind: 'party', date: '2026-02-30', start: '25:00', end: '', place: 'x'.repeat(101), capacity: '' }, now);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(['capacity', 'date', 'end', 'kind', 'place', 'start', 'theme']);
    expect(v.errors.theme).toBe('テーマを入力してください。');
    expect(v.errors.place).toBe('場所は 100 文字以内で入力してください。');
  });

  it.each([
    [{ date: '2026-06-30' }, 'date'],
    [{ date: '2026-07-01', start: '09:00', end: '10:00' }, 'start'],
    [{ start: '18:30', end: '18:30' }, 'end'],
    [{ start: '18:30', end: '17:00' }, 'end'],
    [{ capacity: '0' }, 'capacity'],
    [{ capacity: '501' }, 'capacity'],
    [{ capacity: '2.5' }, 'capacity'],
    [{ capacity: 'たくさん' }, 'capacity'],
    [{ theme: 'あ'.repeat(101) }, 'theme'],
    [{ deadline_date: '2026-07-11' }, 'deadline_date'],
    [{ deadline_date: '2026-06-30' }, 'deadline_date'],
    [{ deadline_time: '12:00' }, 'deadline_date'],
    // Same-day session: the default deadline (end of yesterday) has already passed.
    [{ date: '2026-07-01', start: '18:00', end: '19:00' }, 'deadline_date'],
  ])('refuses %j on %s', (patch, field) => {
    const v = validateSessionForm({ ...goodForm, ...patch }, now);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(Object.keys(v.errors)).toEqual([field]);
  });

  it('accepts 定員 1 and 500, full-width digits, and an explicit deadline (date alone = end of that day)', () => {
    expect(validateCapacity('1')).toEqual({ ok: true, value: 1 });
    expect(validateCapacity('500')).toEqual({ ok: true, value: 500 });
    expect(validateCapacity('３０')).toEqual({ ok: true, value: 30 });
    const a = validateSessionForm({ ...goodForm, deadline_date: '2026-07-08' }, now);
    expect(a.ok && a.value.deadlineAt).toBe(fromTokyo('2026-07-09', '00:00').getTime());
    const b = validateSessionForm({ ...goodForm, deadline_date: '2026-07-10', deadline_time: '17:00' }, now);
    expect(b.ok && b.value.deadlineAt).toBe(fromTokyo('2026-07-10', '17:00').getTime());
  });

  it('validates a reschedule the same way', () => {
    expect(validateScheduleForm({ date: '2026-07-20', start: '10:00', end: '12:00' }, now).ok).toBe(true);
    const bad = validateScheduleForm({ date: '2026-07-20', start: '10:00', end: '09:00' }, now);
    expect(bad).toEqual({ ok: false, errors: { end: '終了時刻は開始時刻より後にしてください。' } });
  });
});

describe('impossible dates and dishonest text in the session form', () => {
  it.each(['2026-13-01', '2026-02-30', '2026-00-10', '2026-07-32'])('%s is refused inline on its field, never thrown', (date) => {
    for (const v of [validateSessionForm({ ...goodForm, date }, now), validateScheduleForm({ date, start: '18:30', end: '20:00' }, now)]) {
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.errors.date).toMatch(/^日付が正しくありません/);
    }
    const d = validateSessionForm({ ...goodForm, deadline_date: date }, now);
    expect(!d.ok && d.errors.deadline_date).toMatch(/^申込締切の日付が正しくありません/);
  });

  it('theme and place lose NUL, other controls and bidi overrides', () => {
    const v = validateSessionForm({ ...goodForm, theme: '区民\u0000目線\u202Eを語ろう\u0007', place: '会議室\u2066A\u2069\u001B' }, now);
    expect(v.ok && v.value.theme).toBe('区民目線を語ろう');
    expect(v.ok && v.value.place).toBe('会議室A');
  });
});
