import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { post, signedCommand } from '../../helpers/slack-requests.js';

describe('/morning (real app over HTTP, real Redis, fake Slack)', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  const clock = fixedClock('2026-11-20T10:00:00+09:00'); // a Friday

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01' } });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });
  beforeEach(() => slack.reset());

  /** Runs /morning … and returns the ephemeral reply sent to response_url. */
  async function morning(text: string, opts: { user?: string; channel?: string } = {}) {
    const before = slack.callsTo('response_url').length;
    const res = await post(t.eventsUrl, signedCommand({ command: '/morning', text, user_id: opts.user ?? 'U0STAFF01', channel_id: opts.channel ?? 'C0MORNING1', response_url: slack.responseUrl() }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const replies = await slack.waitFor('response_url', () => true, before + 1);
    expect(replies[before]!.args.response_type).toBe('ephemeral');
    return replies[before]!.args;
  }

  it('explains itself', async () => {
    const r = await morning('');
    expect(r.text).toMatch(/subscribe/);
    expect(r.text).toMatch(/unsubscribe/);
  });

  it('refuses to subscribe a channel the bot is not in, telling how to invite it, and stores nothing', async () => {
    slack.on('conversations.info', () => ({ body: { ok: false, error: 'channel_not_found' } }));
    const r = await morning('subscribe', { channel: 'C0NOTIN01' });
    expect(r.text).toMatch(/\/invite @minato-navi/);
    expect(await redis.client.hexists('morning:channels', 'C0NOTIN01')).toBe(0);
  });

  it('refuses to subscribe a DM', async () => {
    const r = await morning('subscribe', { channel: 'D0DIRECT1' });
    expect(r.text).toMatch(/チャンネルで/);
    expect(await redis.client.hlen('morning:channels')).toBe(0);
  });

  it('subscribes, tells the first post time, and does not subscribe twice', async () => {
    const r = await morning('subscribe');
    expect(r.text).toMatch(/購読を始めました/);
    expect(r.text).toMatch(/11月24日（火） 08:45/); // 11/23 is 勤労感謝の日
    expect(await redis.client.hexists('morning:channels', 'C0MORNING1')).toBe(1);
    const again = await morning('subscribe');
    expect(again.text).toMatch(/すでに購読/);
  });

  it('a bad time gets a clear message and changes nothing; a good one is kept', async () => {
    const before = await redis.client.hget('morning:channels', 'C0MORNING1');
    const bad = await morning('time 8時99分');
    expect(bad.text).toMatch(/時刻として読めません.*HH:MM/);
    expect(await redis.client.hget('morning:channels', 'C0MORNING1')).toBe(before);
    const good = await morning('time 9:15');
    expect(good.text).toMatch(/08:45 から 09:15/);
    expect(JSON.parse((await redis.client.hget('morning:channels', 'C0MORNING1'))!).time).toBe('09:15');
  });

  it('previews the next prompt with its plan section and the invitation to reply in the thread', async () => {
    const r = await morning('preview');
    const blocks = JSON.stringify(r.blocks);
    expect(blocks).toMatch(/プレビュー/);
    expect(blocks).toMatch(/職員力向上基本プラン \d/);
    expect(blocks).toMatch(/スレッドに返信/);
    // 11/20 is a Friday: the last working day of the week draws a week-end prompt.
    expect(blocks).toMatch(/振り返り/);
    expect(await redis.client.exists('morning:rotation:C0MORNING1')).toBe(0);
  });

  it('shows its status: subscription, time, next post', async () => {
    const r = await morning('status');
    expect(r.text).toMatch(/購読: しています（投稿時刻 09:15、このチャンネル独自の時刻/);
    expect(r.text).toMatch(/次の投稿: 11月24日（火） 09:15/);
  });

  it('past the end of the holiday data, status says the calendar cannot tell, not "working day"', async () => {
    clock.set('2099-05-06T07:00:00+09:00'); // a Wednesday; in fact a substitute holiday the data does not know
    try {
      const r = await morning('status');
      expect(r.text).toMatch(/5月6日（水）は、祝日のデータが \d{4} 年までしかないため、勤務日かどうか判断できません/);
      expect(r.text).not.toMatch(/勤務日です/);
    } finally {
      clock.set('2026-11-20T10:00:00+09:00');
    }
  });

  it('closed days: non-admins cannot add them; an admin can, and status shows them', async () => {
    const refused = await morning('closed add 2026-12-25 庁舎点検', { user: 'U0STAFF01' });
    expect(refused.text).toMatch(/管理者のみ/);
    expect(await redis.client.exists('morning:closed')).toBe(0);
    const bad = await morning('closed add 2026-11-01', { user: 'U0ADMIN01' });
    expect(bad.text).toMatch(/過去の日付/);
    const ok = await morning('closed add 2026-12-25 庁舎点検', { user: 'U0ADMIN01' });
    expect(ok.text).toMatch(/12月25日（金）を臨時の休業日（庁舎点検）として登録しました/);
    expect((await morning('status')).text).toMatch(/臨時の休業日: 12月25日（金） 庁舎点検/);
    expect((await morning('closed remove 2026-12-25', { user: 'U0ADMIN01' })).text).toMatch(/外しました/);
  });

  it('unsubscribes', async () => {
    const r = await morning('unsubscribe');
    expect(r.text).toMatch(/やめました/);
    expect(await redis.client.hexists('morning:channels', 'C0MORNING1')).toBe(0);
    expect((await morning('unsubscribe')).text).toMatch(/購読していません/);
  });

  it('answers an unknown subcommand with the usage, neutralising what was typed', async () => {
    const r = await morning('<!channel> hello');
    expect(r.text).toMatch(/&lt;!channel&gt;/);
    expect(r.text).not.toMatch(/<!channel>/);
  });
});
