import { describe, expect, it } from 'vitest';
import { FeedbackStore, isAnswerId, newAnswerId } from '../../src/plan/feedback.js';
import type { Answer } from '../../src/plan/types.js';
import { useRedis } from '../helpers/redis.js';

const answer: Answer = {
  question: '元気アップ会議とは？',
  answer: '若手職員が中心となる会議です。',
  found: true,
  mode: 'llm',
  citations: [{ section: '4(2)②', title: '元気アップ会議', text: '…' }],
};

describe('FeedbackStore', () => {
  const r = useRedis();
  const at = new Date('2026-04-01T09:00:00+09:00');

  it('counts only each user’s last click', async () => {
    const fb = new FeedbackStore(r.client);
    const id = newAnswerId();
    await fb.recordAnswer(id, answer, at);
    // The vote comes back with what it was on: the answer's sections and time (for the monthly report).
    const on = { sections: ['4(2)②'], createdAt: at.toISOString() };
    expect(await fb.vote(id, 'U0AAA', 'up', at)).toEqual({ ok: true, tally: { up: 1, down: 0 }, answer: on });
    expect(await fb.vote(id, 'U0AAA', 'down', at)).toEqual({ ok: true, tally: { up: 0, down: 1 }, previous: 'up', answer: on });
    expect(await fb.vote(id, 'U0AAA', 'down', at)).toMatchObject({ ok: true, tally: { up: 0, down: 1 } });
    expect(await fb.vote(id, 'U0BBB', 'up', at)).toMatchObject({ ok: true, tally: { up: 1, down: 1 } });
    expect(await fb.tally(id)).toEqual({ up: 1, down: 1 });
    expect(await fb.voteOf(id, 'U0AAA')).toBe('down');
    expect(await fb.recent()).toContain(id);
  });

  it('stores what was answered without the user’s text', async () => {
    const fb = new FeedbackStore(r.client);
    const id = newAnswerId();
    await fb.recordAnswer(id, answer, at);
    const keys = await r.client.keys(`plan:fb:{${id}}:*`);
    const record = await r.client.hgetall(keys.find((k) => k.endsWith(':answer'))!);
    expect(record).toMatchObject({ mode: 'llm', found: '1', sections: '4(2)②', createdAt: at.toISOString() });
    expect(JSON.stringify(record)).not.toContain('元気アップ会議とは');
    expect(await r.client.ttl(keys[0]!)).toBeGreaterThan(80 * 24 * 3600);
  });

  it('refuses votes on unknown answers and forged input, changing nothing', async () => {
    const fb = new FeedbackStore(r.client);
    const before = await r.client.dbsize();
    expect(await fb.vote(newAnswerId(), 'U0AAA', 'up', at)).toEqual({ ok: false, reason: 'unknown_answer' });
    expect(await fb.vote('../../etc', 'U0AAA', 'up', at)).toEqual({ ok: false, reason: 'bad_input' });
    expect(await fb.vote(newAnswerId(), 'not-a-user', 'up', at)).toEqual({ ok: false, reason: 'bad_input' });
    expect(await fb.vote(newAnswerId(), 'U0AAA', 'maybe' as 'up', at)).toEqual({ ok: false, reason: 'bad_input' });
    expect(await r.client.dbsize()).toBe(before);
  });

  it('makes ids that it accepts', () => {
    const id = newAnswerId();
    expect(isAnswerId(id)).toBe(true);
    expect(newAnswerId()).not.toBe(id);
    expect(isAnswerId('ABC')).toBe(false);
  });
});
