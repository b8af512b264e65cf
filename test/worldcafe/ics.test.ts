import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, fold } from '../../src/worldcafe/ics.js';
import type { Session } from '../../src/worldcafe/types.js';

const session: Session = {
  id: '0123456789ab',
  kind: 'walking',
  theme: '港区の名所めぐり; 天保山, 築港\\赤レンガ倉庫まで歩きます。少し長めのテーマ名で折り返しを確かめます',
  place: '区役所 正面玄関',
  startAt: Date.parse('2026-07-11T01:00:00Z'),
  endAt: Date.parse('2026-07-11T03:00:00Z'),
  deadlineAt: Date.parse('2026-07-10T15:00:00Z'),
  capacity: 20,
  status: 'open',
  createdBy: 'U0ADMIN01',
  createdAt: 0,
  version: 3,
  remindDayBeforeAt: 0,
  remindSoonAt: 0,
  surveyAt: 0,
  waitPeak: 0,
  withdrawn: 0,
};

const unfold = (ics: string) => ics.replace(/\r\n /g, '');

describe('.ics (RFC 5545)', () => {
  const ics = buildIcs(session, new Date('2026-07-01T00:00:00Z'), { description: '持ち物: 歩きやすい靴\n雨天中止' });

  it('uses CRLF everywhere, folds at 75 octets without splitting characters', () => {
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(ics).not.toContain('\uFFFD');
    expect(ics.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
  });

  it('holds the event in UTC with a stable UID, the reschedule count as SEQUENCE, and escaped text', () => {
    const lines = unfold(ics).split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines).toContain('UID:worldcafe-0123456789ab@minato-navi');
    expect(lines).toContain('DTSTART:20260711T010000Z');
    expect(lines).toContain('DTEND:20260711T030000Z');
    expect(lines).toContain('DTSTAMP:20260701T000000Z');
    expect(lines).toContain('SEQUENCE:2');
    expect(lines).toContain(`SUMMARY:【区内ガイド＆ウォーキング】港区の名所めぐり\\; 天保山\\, 築港\\\\赤レンガ倉庫まで歩きます。少し長めのテーマ名で折り返しを確かめます`);
    expect(lines).toContain('DESCRIPTION:持ち物: 歩きやすい靴\\n雨天中止');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
    expect(buildIcs({ ...session, status: 'cancelled' }, new Date()).includes('STATUS:CANCELLED')).toBe(true);
  });

  it('escape and fold are reversible', () => {
    expect(escapeText('a,b;c\\d\r\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'X:' + 'あ'.repeat(60);
    expect(fold(long).replace(/\r\n /g, '')).toBe(long);
  });
});
