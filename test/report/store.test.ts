import { beforeEach, describe, expect, it } from 'vitest';
import { fromTokyo } from '../../src/infra/clock.js';
import { monthIdOf, nextMonthId, parseMonth, previousMonthId } from '../../src/report/month.js';
import { InsightsStore } from '../../src/report/store.js';
import { REDACTED_EMAIL, REDACTED_PHONE } from '../../src/report/redact.js';
import { useRedis } from '../helpers/redis.js';

const r = useRedis();
// Last month of the real calendar: Redis expires keys on its own clock, so the month must be recent.
const M = previousMonthId(monthIdOf(new Date()));
const may = parseMonth(M)!;
/** An instant in month M (day DD, Japan time HH:MM), or `offset` months from it. */
const at = (day: string, time = '12:00', offset = 0) => {
  const m = offset === 0 ? M : offset > 0 ? nextMonthId(M) : previousMonthId(M);
  return fromTokyo(`${m}-${day}`, time);
};

describe('InsightsStore', () => {
  beforeEach(() => r.flush());

  it('counts questions by outcome and cited section, in the Japan-time month', async () => {
    const s = new InsightsStore(r.client, 90);
    await s.recordQuestion({ at: at('10', '10:00'), found: true, sections: ['4(2)②', '4(2)③', '4(2)②'], text: '元気アップ会議とは' });
    await s.recordQuestion({ at: new Date(at('01', '00:00', 1).getTime() - 60_000), found: true, sections: ['4(2)②'], text: '会議の頻度は' });
    // Midnight in Tokyo starts the next month, whatever the server's zone.
    await s.recordQuestion({ at: at('01', '00:00', 1), found: false, sections: [], text: '6月の質問' });
    await s.recordQuestion({ at: at('01', '00:00'), found: false, sections: [], text: '駐車場はありますか' });
    const qa = await s.qa(may);
    expect(qa).toMatchObject({ asked: 3, answered: 2, refused: 1 });
    expect(Object.fromEntries(qa.sections)).toEqual({ '4(2)②': { questions: 2, up: 0, down: 0 }, '4(2)③': { questions: 1, up: 0, down: 0 } });
    expect(await s.refusedTexts(may)).toEqual(['駐車場はありますか']);
  });

  it('keeps only the text of refused questions, redacted, with no user id', async () => {
    const s = new InsightsStore(r.client, 90);
    await s.recordQuestion({ at: at('12'), found: false, sections: [], text: '経理の山田さん yamada@example.jp 06-1234-5678 に聞けばいい？' });
    await s.recordQuestion({ at: at('12'), found: true, sections: ['1'], text: '答えられた質問 answered@example.jp' });
    const texts = await s.refusedTexts(may);
    expect(texts).toEqual([`経理の山田さん ${REDACTED_EMAIL} ${REDACTED_PHONE} に聞けばいい?`]);
    const dump = JSON.stringify(await Promise.all((await r.client.keys('*')).map(async (key) => [key, await r.client.type(key) === 'list' ? await r.client.lrange(key, 0, -1) : await r.client.hgetall(key)])));
    expect(dump).not.toContain('example.jp');
    expect(dump).not.toContain('答えられた質問');
    expect(dump).not.toMatch(/U[A-Z0-9]{8,}/);
    await s.recordQuestion({ at: at('13'), found: false, sections: [], text: '請求書\u202Etxt.exe\u202C の規程は' });
    expect((await s.refusedTexts(may)).at(-1)).toBe('請求書txt.exe の規程は');
  });

  it('keeps the text no longer than INSIGHTS_RETENTION_DAYS after the day it was asked', async () => {
    const s = new InsightsStore(r.client, 90);
    await s.recordQuestion({ at: at('12'), found: false, sections: [], text: '保存期間の確認' });
    const [key] = await r.client.keys('*refused*');
    const expireAt = await r.client.pexpiretime(key!);
    expect(expireAt).toBe(fromTokyo(`${M}-12`).getTime() + 90 * 86_400_000);
  });

  it('with INSIGHTS_RETENTION_DAYS=0 stores no text at all, but still counts', async () => {
    const s = new InsightsStore(r.client, 0);
    await s.recordQuestion({ at: at('12'), found: false, sections: [], text: '保存しないで' });
    expect(await r.client.keys('*refused*')).toEqual([]);
    expect((await s.qa(may)).refused).toBe(1);
    expect(JSON.stringify(await r.client.hgetall(`{report:${M}}:qa`))).not.toContain('保存');
  });

  it('counts 👍/👎 per section in the answer’s month; a changed vote moves, a repeated one does not count twice', async () => {
    const s = new InsightsStore(r.client, 90);
    const answeredAt = at('20');
    await s.recordVote({ answeredAt, sections: ['4(2)②', '4(1)⑥'], vote: 'up' });
    await s.recordVote({ answeredAt, sections: ['4(2)②', '4(1)⑥'], vote: 'up', previous: 'up' });
    await s.recordVote({ answeredAt, sections: ['4(2)②'], vote: 'up' });
    await s.recordVote({ answeredAt, sections: ['4(2)②'], vote: 'down', previous: 'up' });
    const qa = await s.qa(may);
    expect(qa.sections.get('4(2)②')).toEqual({ questions: 0, up: 1, down: 1 });
    expect(qa.sections.get('4(1)⑥')).toEqual({ questions: 0, up: 1, down: 0 });
  });

  it('records morning outcomes once per channel and day', async () => {
    const s = new InsightsStore(r.client, 90);
    await s.recordMorning({ date: `${M}-11`, channel: 'C1', status: 'posted', promptId: 'p1' });
    await s.recordMorning({ date: `${M}-11`, channel: 'C1', status: 'posted', promptId: 'p1' });
    await s.recordMorning({ date: `${M}-12`, channel: 'C1', status: 'skipped', reason: 'not_in_channel' });
    expect(await s.morning(may)).toEqual({ posts: [{ date: `${M}-11`, channel: 'C1' }], skips: [{ date: `${M}-12`, channel: 'C1', reason: 'not_in_channel' }] });
  });
});
