import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../src/morning/catalogue.js';
import { runCli } from '../helpers/cli.js';
import { useRedis } from '../helpers/redis.js';

/** `npm run morning` as an operator runs it: a child process configured only by its environment. */

const morning = (args: string[], env: Record<string, string> = {}) => runCli('src/cli/morning.ts', args, env);

const catalogue = loadCatalogue();

describe('npm run morning -- --date YYYY-MM-DD --json (no Slack, no Redis)', () => {
  it.each([
    ['2026-11-23', '勤労感謝の日'],
    ['2026-09-22', '国民の休日'],
    ['2026-12-29', '年末年始休業'],
    ['2026-11-28', '土曜日'],
  ])('%s: no post (%s)', async (date, reason) => {
    const r = await morning(['--date', date, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ date, workday: false, reason, prompt: null });
  });

  it('2026-11-24: a working day, with the prompt a fresh rotation would post', async () => {
    const r = await morning(['--date', '2026-11-24', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['date', 'workday', 'reason', 'prompt']);
    expect(out).toMatchObject({ date: '2026-11-24', workday: true, reason: null });
    expect(Object.keys(out.prompt)).toEqual(['id', 'text']);
    const p = catalogue.byId.get(out.prompt.id);
    expect(p?.text).toBe(out.prompt.text);
    // Monday 11/23 is a holiday, so Tuesday opens the week.
    expect(p?.day).toBe('week_start');
  });

  it('past the end of the holiday data (2099-05-06, a substitute holiday): cannot tell, not a working day', async () => {
    const json = await morning(['--date', '2099-05-06', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ date: '2099-05-06', workday: null, prompt: null });
    const text = await morning(['--date', '2099-05-06']);
    expect(text.stdout).toMatch(/勤務日かどうか判断できません/);
    expect(text.stdout).not.toMatch(/勤務日です/);
    // A weekend is still a weekend.
    expect(JSON.parse((await morning(['--date', '2099-05-09', '--json'])).stdout)).toMatchObject({ workday: false, reason: '土曜日' });
  });

  it('says it in Japanese without --json', async () => {
    const r = await morning(['--date', '2026-11-23']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/勤労感謝の日のため、朝礼の話題は投稿しません/);
  });

  it('refuses a bad date with a clear message', async () => {
    const r = await morning(['--date', '2026-02-30', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/YYYY-MM-DD/);
  });
});

describe('npm run morning with REDIS_URL (read-only)', () => {
  const redis = useRedis();

  it('reads admin-added closed days and a channel’s rotation, and changes nothing', async () => {
    await redis.client.hset('morning:closed', '2026-12-28', JSON.stringify({ reason: '庁舎設備点検', addedBy: 'U0ADMIN01', addedAt: '' }));
    await redis.client.hset('morning:channels', 'C0MORNING1', JSON.stringify({ subscribedBy: 'U1', subscribedAt: '2026-11-01T00:00:00Z' }));
    const fresh = JSON.parse((await morning(['--date', '2026-11-25', '--json'])).stdout);
    await redis.client.hset('morning:rotation:C0MORNING1', 'any', JSON.stringify({ cycle: 0, used: [fresh.prompt.id] }));
    const before = await redis.client.dbsize();
    const dump = JSON.stringify(await redis.client.hgetall('morning:rotation:C0MORNING1'));

    const closed = await morning(['--date', '2026-12-28', '--json'], { REDIS_URL: redis.url });
    expect(JSON.parse(closed.stdout)).toEqual({ date: '2026-12-28', workday: false, reason: '庁舎設備点検', prompt: null });

    const ch = await morning(['--date', '2026-11-25', '--json', '--channel', 'C0MORNING1'], { REDIS_URL: redis.url });
    const next = JSON.parse(ch.stdout);
    expect(next.workday).toBe(true);
    expect(next.prompt.id).not.toBe(fresh.prompt.id);

    const human = await morning(['--date', '2026-11-25'], { REDIS_URL: redis.url });
    expect(human.stdout).toMatch(/C0MORNING1\s+08:45/);

    expect(await redis.client.dbsize()).toBe(before);
    expect(JSON.stringify(await redis.client.hgetall('morning:rotation:C0MORNING1'))).toBe(dump);
  }, 120_000);
});

describe('npm run morning with a REDIS_URL it cannot use', () => {
  it('stops with the one 設定エラー line, before connecting anywhere', async () => {
    const r = await morning(['--date', '2026-11-25', '--json'], { REDIS_URL: 'redis+sentinel://:secret@s1:26379,s2:26379' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toMatch(/^設定エラー: 環境変数 REDIS_URL — redis\+sentinel:\/\/ の末尾に、Sentinel が監視しているマスター名/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('secret');
  });
});
