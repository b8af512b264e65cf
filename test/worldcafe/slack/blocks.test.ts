import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../../src/worldcafe/types.js';
import { formatDeadline, formatWhen } from '../../../src/worldcafe/slack/format.js';
import { worldcafeHomeSection } from '../../../src/worldcafe/slack/home.js';
import { mineBlocks, upcomingBlocks } from '../../../src/worldcafe/slack/list.js';
import { cancelModal, capacityModal, createSessionModal, readForm, readMetadata, rescheduleModal } from '../../../src/worldcafe/slack/modals.js';
import { sessionMessageBlocks, sessionText } from '../../../src/worldcafe/slack/session-message.js';

const base: SessionView = {
  id: '0123456789ab',
  kind: 'offsite',
  theme: '<!here> 職場の *未来* を語る @channel <@U0123> <https://evil.example|click>',
  place: '区役所 & 天保山',
  startAt: Date.parse('2026-07-10T09:30:00Z'),
  endAt: Date.parse('2026-07-10T11:00:00Z'),
  deadlineAt: Date.parse('2026-07-09T15:00:00Z'),
  capacity: 20,
  status: 'open',
  createdBy: 'U0ADMIN01',
  createdAt: 0,
  version: 1,
  remindDayBeforeAt: 0,
  remindSoonAt: 0,
  surveyAt: 0,
  waitPeak: 0,
  withdrawn: 0,
  confirmed: 20,
  waiting: 4,
};
const now = Date.parse('2026-07-01T01:00:00Z');
const json = (x: unknown) => JSON.stringify(x);

describe('World Café blocks', () => {
  it('formats times in Japan time, the default deadline as the day before 23:59', () => {
    expect(formatWhen(base)).toBe('7月10日（金）18:30〜20:00');
    expect(formatDeadline(base.deadlineAt)).toBe('7月9日（木）23:59');
    expect(formatDeadline(Date.parse('2026-07-10T08:00:00Z'))).toBe('7月10日（金）17:00');
  });

  it('the channel message shows N/M and the waitlist, with join/leave/calendar buttons and the admin menu', () => {
    const blocks = sessionMessageBlocks(base, now);
    expect(json(blocks)).toContain('20/20');
    expect(json(blocks)).toContain('キャンセル待ち *4* 名');
    expect(sessionText(base, now)).toContain('参加 20/20 名・キャンセル待ち 4 名');
    const actions = blocks.find((b) => b.type === 'actions') as { elements: { action_id: string; value?: string }[] };
    expect(actions.elements.map((e) => e.action_id)).toEqual(['worldcafe_join', 'worldcafe_leave', 'worldcafe_calendar', 'worldcafe_admin']);
    expect(actions.elements[0]!.value).toBe(base.id);
  });

  it('user text can never ping, mention or link when re-posted', () => {
    for (const out of [json(sessionMessageBlocks(base, now)), sessionText(base, now), json(upcomingBlocks([base], now, { isAdmin: false }))]) {
      expect(out).not.toMatch(/<!here>|<@U0123>|<https:/);
      expect(out).not.toMatch(/(^|[^\u200B])@channel/);
      expect(out).toContain('&lt;!here&gt;');
    }
  });

  it('a cancelled or started session has no buttons', () => {
    expect(sessionMessageBlocks({ ...base, status: 'cancelled' }, now).some((b) => b.type === 'actions')).toBe(false);
    expect(sessionText({ ...base, status: 'cancelled' }, now)).toMatch(/^【中止】/);
    expect(sessionMessageBlocks(base, base.startAt + 1).some((b) => b.type === 'actions')).toBe(false);
  });

  it('lists stay within Block Kit limits and show the admin menu only to admins', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ ...base, id: i.toString(16).padStart(12, '0') }));
    expect(upcomingBlocks(many, now, { isAdmin: true }).length).toBeLessThanOrEqual(50);
    expect(json(upcomingBlocks([base], now, { isAdmin: false }))).not.toContain('worldcafe_admin');
    expect(json(upcomingBlocks([base], now, { isAdmin: true }))).toContain('worldcafe_admin');
    const mine = mineBlocks([
      { session: base, state: 'confirmed' },
      { session: { ...base, id: 'bbbbbbbbbbbb' }, state: 'waiting', position: 3 },
    ]);
    expect(json(mine)).toContain('キャンセル待ち 3 番目');
    expect(json(mine).match(/worldcafe_calendar/g)).toHaveLength(1); // only the confirmed one
    const home = worldcafeHomeSection({ mine: many.slice(0, 9).map((s) => ({ session: s, state: 'confirmed' as const })), upcoming: many });
    expect(home.length).toBeLessThanOrEqual(23);
  });

  it('modals: block ids are the form fields, inputs carry the limits, metadata round-trips', () => {
    const create = createSessionModal('C0GENERAL');
    expect(create.blocks.map((b) => b.block_id)).toEqual(['theme', 'kind', 'date', 'start', 'end', 'deadline_date', 'deadline_time', 'place', 'capacity']);
    expect(json(create)).toContain('"max_length":100');
    expect(json(create)).toContain('"max_value":"500"');
    expect(readMetadata(create.private_metadata)).toEqual({ c: 'C0GENERAL', id: undefined });
    expect(readMetadata(capacityModal(base).private_metadata).id).toBe(base.id);
    expect(json(rescheduleModal(base))).toContain('"initial_date":"2026-07-10"');
    expect(json(cancelModal(base))).toContain('4 名');
    for (const m of [create, capacityModal(base), rescheduleModal(base), cancelModal(base)]) {
      expect(m.title.text.length).toBeLessThanOrEqual(24);
      expect(m.blocks.length).toBeLessThanOrEqual(100);
    }
  });

  it('reading a submission tolerates anything', () => {
    expect(readForm(undefined).theme).toBeUndefined();
    expect(readForm({ theme: { value: { value: 42 } }, date: 'x', start: { value: { selected_time: '09:00' } } })).toMatchObject({ theme: undefined, date: undefined, start: '09:00' });
    expect(readMetadata('{not json')).toEqual({});
    expect(readMetadata('"string"')).toEqual({});
    expect(readMetadata('x'.repeat(1000))).toEqual({});
  });
});
