import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { captureLogs } from '../../helpers/log-capture.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { post, signedCommand } from '../../helpers/slack-requests.js';

/**
 * The daily job end to end: real apps (HTTP mode, BullMQ job runners) on one real Redis, posting
 * to a fake Slack, with the clock injected. Each app runs the job once at start-up (catch-up);
 * `morning.runDue()` waits for that run (or makes another, as the scheduler would).
 */
describe('morning posts across app instances and restarts', () => {
  const redis = useRedis();
  let slack: SlackFake;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.stop();
  });
  afterAll(async () => {
    await slack?.stop();
  });

  async function app(at: string, logger?: ReturnType<typeof captureLogs>['logger']) {
    const a = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock: fixedClock(at), logger });
    apps.push(a);
    return a;
  }
  const postsTo = (channel: string) => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);

  it('subscribes through /morning on the day before a holiday', async () => {
    const a = await app('2026-11-20T17:00:00+09:00');
    const res = await post(a.eventsUrl, signedCommand({ command: '/morning', text: 'subscribe', channel_id: 'C0MORNING1', response_url: slack.responseUrl() }));
    expect(res.status).toBe(200);
    await slack.waitFor('response_url', (c) => /購読を始めました/.test(c.args.text));
  });

  it.each([
    ['2026-11-23T08:50:00+09:00', '勤労感謝の日'],
    ['2026-09-22T08:50:00+09:00', '国民の休日'],
    ['2026-12-29T08:50:00+09:00', '年末年始休業'],
  ])('posts nothing at %s (%s)', async (at, reason) => {
    const a = await app(at);
    const run = await a.bot.services.morning.runDue();
    expect(run).toMatchObject({ workday: false, reason });
    expect(postsTo('C0MORNING1')).toHaveLength(0);
  });

  it('2026-11-24: two app instances on one Redis post once, with the plan section and a thread invitation', async () => {
    const [a, b] = await Promise.all([app('2026-11-24T08:45:05+09:00'), app('2026-11-24T08:45:05+09:00')]);
    await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
    await Promise.all([a.bot.services.morning.runDue(), b.bot.services.morning.runDue()]);
    const posts = postsTo('C0MORNING1');
    expect(posts).toHaveLength(1);
    const blocks = JSON.stringify(posts[0]!.args.blocks);
    expect(blocks).toMatch(/週のはじめの話題/);
    expect(blocks).toMatch(/職員力向上基本プラン \d/);
    expect(blocks).toMatch(/スレッドに返信/);
    expect(posts[0]!.args.text).toMatch(/朝礼の話題（プラン /);
  });

  it('a restart at 09:30 catches up', async () => {
    const before = postsTo('C0MORNING1').length;
    const a = await app('2026-11-25T09:30:00+09:00');
    await a.bot.services.morning.runDue();
    expect(postsTo('C0MORNING1')).toHaveLength(before + 1);
    const n = slack.callsTo('response_url').length;
    await post(a.eventsUrl, signedCommand({ command: '/morning', text: 'status', channel_id: 'C0MORNING1', response_url: slack.responseUrl() }));
    const replies = await slack.waitFor('response_url', () => true, n + 1);
    expect(replies[n]!.args.text).toMatch(/本日: 09:30 に投稿しました（話題 [a-z0-9-]+、遅れての投稿）/);
  });

  it('a restart at 10:30 does not post; it logs and records why, and /morning status shows it', async () => {
    const before = postsTo('C0MORNING1').length;
    const logs = captureLogs('info');
    const a = await app('2026-11-26T10:30:00+09:00', logs.logger);
    await a.bot.services.morning.runDue();
    expect(postsTo('C0MORNING1')).toHaveLength(before);
    expect(logs.lines.some((l) => /catch-up window passed/.test(l.msg) && l.date === '2026-11-26')).toBe(true);
    const n = slack.callsTo('response_url').length;
    await post(a.eventsUrl, signedCommand({ command: '/morning', text: 'status', channel_id: 'C0MORNING1', response_url: slack.responseUrl() }));
    const replies = await slack.waitFor('response_url', () => true, n + 1);
    const reply = replies[n]!.args.text as string;
    expect(reply).toMatch(/投稿を見送りました。11月26日（木）の朝礼の話題は、投稿時刻 08:45 から 10:00 までの間、みなとナビが動いていなかったため/);
    expect(reply).toMatch(/次の投稿: 11月27日（金） 08:45/);
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
