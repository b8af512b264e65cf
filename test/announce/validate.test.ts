import { describe, expect, it } from 'vitest';
import type { AnnouncementInput } from '../../src/announce/types.js';
import { BODY_MAX, validateAnnouncement } from '../../src/announce/validate.js';

const now = new Date('2026-11-24T09:00:00+09:00');
const good: AnnouncementInput = {
  initiative: 'genki_up',
  title: '第３回 元気アップ会議のご案内',
  body: '12月の元気アップ会議を開きます。業務の工夫のアイデアをお持ちください。',
  channels: ['C0GENERAL', 'G0PRIVATE1'],
  when: 'now',
};

describe('validateAnnouncement', () => {
  it('accepts a good form (now)', () => {
    const r = validateAnnouncement(good, now);
    expect(r).toEqual({ ok: true, draft: { initiative: 'genki_up', title: good.title, body: good.body, channels: good.channels, sendAt: null, join: false } });
  });

  it('accepts a date and time in Japan time, beyond 120 days', () => {
    const r = validateAnnouncement({ ...good, when: 'at', date: '2027-06-01', time: '10:00', linkUrl: 'https://www.city.osaka.lg.jp/minato/', join: true }, now);
    expect(r).toMatchObject({ ok: true, draft: { sendAt: '2027-06-01T01:00:00.000Z', linkUrl: 'https://www.city.osaka.lg.jp/minato/', join: true } });
  });

  it.each<[string, AnnouncementInput, string, RegExp]>([
    ['a bad time', { ...good, when: 'at', date: '2026-12-01', time: '25:70' }, 'time', /HH:MM/],
    ['a missing time', { ...good, when: 'at', date: '2026-12-01' }, 'time', /時刻を選んで/],
    ['a bad date', { ...good, when: 'at', date: '2026-02-30', time: '10:00' }, 'date', /正しくありません/],
    ['a date in the past', { ...good, when: 'at', date: '2026-11-24', time: '08:59' }, 'date', /過去の日時（2026-11-24 08:59）.*現在は 2026-11-24 09:00/],
    ['too far ahead', { ...good, when: 'at', date: '2028-01-01', time: '10:00' }, 'date', /366 日以内/],
    ['a body over Slack’s limit', { ...good, body: 'あ'.repeat(BODY_MAX + 1) }, 'body', /上限（3000 文字）を超えています（現在 3001 文字）/],
    ['an empty body', { ...good, body: '   ' }, 'body', /本文を入力/],
    ['a long title', { ...good, title: 'タ'.repeat(101) }, 'title', /100 文字以内/],
    ['no channels', { ...good, channels: [] }, 'channels', /1 つ以上/],
    ['a user instead of a channel', { ...good, channels: ['U0STAFF01'] }, 'channels', /DM やユーザー/],
    ['an unknown initiative', { ...good, initiative: 'party' }, 'initiative', /施策を選んで/],
    ['a link that is not http(s)', { ...good, linkUrl: 'javascript:alert(1)' }, 'linkUrl', /https:\/\//],
  ])('refuses %s with a clear message on its field', (_name, input, field, message) => {
    const r = validateAnnouncement(input, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect((r.errors as Record<string, string>)[field]).toMatch(message);
  });
});
