import { describe, expect, it } from 'vitest';
import { createSurveyStore, validateSurvey } from '../../src/worldcafe/survey.js';
import { useRedis } from '../helpers/redis.js';
import { createSession, makeService, user } from './fixtures.js';

describe('the post-session survey (real Redis)', () => {
  const r = useRedis();
  let n = 0;
  const setup = () => {
    const { sessions, clock, store } = makeService(r.client, `{wc-sv${++n}}`);
    return { sessions, clock, surveys: createSurveyStore({ store, clock }) };
  };

  it('validates 満足度 and 業務に役立つか as 1–5 and the comment up to 500 characters', () => {
    expect(validateSurvey({ satisfaction: '5', usefulness: '1', comment: '  よかったです ' })).toEqual({ ok: true, answer: { satisfaction: 5, usefulness: 1, comment: 'よかったです' } });
    expect(validateSurvey({ satisfaction: '5', usefulness: '3' })).toEqual({ ok: true, answer: { satisfaction: 5, usefulness: 3, comment: '' } });
    const bad = validateSurvey({ satisfaction: '0', usefulness: undefined, comment: 'あ'.repeat(501) });
    expect(bad).toEqual({
      ok: false,
      errors: { satisfaction: '満足度を 1〜5 から選んでください。', usefulness: '業務に役立つかを 1〜5 から選んでください。', comment: '自由記述は 500 文字以内で入力してください。' },
    });
    expect(validateSurvey({ satisfaction: '4', usefulness: '4', comment: '😀'.repeat(500) }).ok).toBe(true);
    // Stored honest (src/infra/clean-text.ts): no bidi overrides or invisible characters.
    expect(validateSurvey({ satisfaction: '4', usefulness: '4', comment: '良\u202Eかった\u200B' })).toMatchObject({ ok: true, answer: { comment: '良かった' } });
  });

  it('takes one answer per confirmed attendee once the session has ended; a second replaces the first', async () => {
    const { sessions, clock, surveys } = setup();
    const s = await createSession(sessions, clock.now(), { capacity: '1' });
    const createdAt = clock.now().getTime();
    await sessions.join(s.id, user(1));
    await sessions.join(s.id, user(2)); // waiting
    expect(await surveys.save(s.id, user(1), { satisfaction: '4', usefulness: '4' })).toEqual({ outcome: 'refused', reason: 'not_ended' });
    clock.set('2026-07-10T20:00:00+09:00');
    expect(await surveys.save(s.id, user(2), { satisfaction: '4', usefulness: '4' })).toEqual({ outcome: 'refused', reason: 'not_attendee' });
    expect(await surveys.save(s.id, user(1), { satisfaction: '9', usefulness: '4' })).toMatchObject({ outcome: 'invalid' });
    expect(await surveys.save(s.id, user(1), { satisfaction: '4', usefulness: '2', comment: '最初' })).toMatchObject({ outcome: 'saved' });
    expect(await surveys.save(s.id, user(1), { satisfaction: '5', usefulness: '3', comment: '二回目' })).toMatchObject({ outcome: 'replaced' });
    expect(await surveys.answers(s.id)).toEqual([{ satisfaction: 5, usefulness: 3, comment: '二回目' }]);
    expect(await surveys.answerOf(s.id, user(1))).toEqual({ satisfaction: 5, usefulness: 3, comment: '二回目' });
    // The answers expire with the session's data. Expiry is set relative to the domain's clock, which this test
    // moved forward between the session's creation and the answer: the same instant on the domain's timeline.
    const ttl = await r.client.pttl(sessions.keys.survey(s.id));
    expect(ttl).toBeGreaterThan(0);
    const moved = clock.now().getTime() - createdAt;
    const apart = (await r.client.pexpiretime(sessions.keys.session(s.id))) - (await r.client.pexpiretime(sessions.keys.survey(s.id)));
    expect(Math.abs(apart - moved)).toBeLessThan(1000);
  });

  it('refuses a cancelled or unknown session', async () => {
    const { sessions, clock, surveys } = setup();
    const s = await createSession(sessions, clock.now());
    await sessions.join(s.id, user(1));
    await sessions.cancelSession(s.id);
    clock.set('2026-07-11T10:00:00+09:00');
    expect(await surveys.save(s.id, user(1), { satisfaction: '4', usefulness: '4' })).toEqual({ outcome: 'refused', reason: 'cancelled' });
    expect(await surveys.save('000000000000', user(1), { satisfaction: '4', usefulness: '4' })).toEqual({ outcome: 'refused', reason: 'missing' });
    expect(await surveys.save('../etc', user(1), { satisfaction: '4', usefulness: '4' })).toEqual({ outcome: 'refused', reason: 'missing' });
  });
});
