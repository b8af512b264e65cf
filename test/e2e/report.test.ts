import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { REDACTED_EMAIL, REDACTED_PHONE } from '../../src/report/redact.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { runCli } from '../helpers/cli.js';
import { startOpenAIFake, type OpenAIFake } from '../helpers/openai-fake.js';
import { useRedis } from '../helpers/redis.js';
import { at, closedDays, Driver, recentMonth, scriptedModel, workingDays } from '../helpers/report-month.js';
import { namedUploads, readCsv, uploads } from '../helpers/report-uploads.js';
import { startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedEvent } from '../helpers/slack-requests.js';

/**
 * The monthly report end to end. Two replicas of the real app share one Redis; a month of
 * activity goes through them as staff and admins would do it (questions, votes, proposals through
 * their statuses, a session with sign-ups, a cancellation and survey answers, the morning job),
 * then /report DMs the summary, the chart and the CSVs, and every figure is checked against what
 * was done. `npm run report` then writes the same files from REDIS_URL, changing nothing.
 */

const ADMIN = 'U0ADMIN01';
const STAFF = (i: number) => `U0STAFF${String(i).padStart(2, '0')}`;
const EVENTS = 'C0EVENTS';
const MORNING = 'C0MORNING';
const M = recentMonth();
const days = workingDays(M);
const d = (i: number) => days[i]!;

const runReportCli = (env: Record<string, string>, args: string[]) => runCli('src/cli/report.ts', args, env);

describe(`e2e: the monthly report of ${M.id}, built through the real flows on two replicas`, () => {
  const redis = useRedis();
  const clock = fixedClock(at(d(0), '08:00'));
  let slack: SlackFake;
  let ai: OpenAIFake;
  let a: TestApp;
  let b: TestApp;
  let drive: Driver;
  let files: Map<string, Buffer>;
  let summary: SlackCall;
  const csv = (name: string) => readCsv(files.get(`minato-report-${M.id}-${name}.csv`)!.toString('utf8'));
  const answer = { s1: '', s2: '' };
  let posted = 0;
  let stopped = false;

  beforeAll(async () => {
    slack = await startSlackFake();
    ai = await startOpenAIFake();
    ai.handle(scriptedModel({ 元気アップ会議: ['4(2)②'], 研修の評価: ['4(1)⑥'], 改善提案の出し方: ['4(2)⑦', '4(2)②'] }));
    namedUploads(slack);
    const env = { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL: EVENTS, PROPOSALS_CHANNEL: 'C0PROPOSALS' };
    const opts = { redisUrl: redis.url, slackApiUrl: slack.apiUrl, openaiBaseUrl: ai.baseUrl, clock, extraEnv: env };
    a = await startTestApp(opts);
    b = await startTestApp(opts);
    drive = new Driver(slack, [a, b]);

    // --- Morning: one channel subscribes before the first post time.
    const sub = await drive.command(STAFF(1), '/morning', 'subscribe', { channel: MORNING });
    await slack.waitFor('response_url', (c) => c.path === `/respond/${sub.id}`);
    // --- The morning job over the month's first seven working days; on the third Slack refuses the post.
    for (let i = 0; i < 7; i++) {
      slack.on('chat.postMessage', (c) => (i === 2 && c.args.channel === MORNING ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
      clock.set(at(d(i), '09:00'));
      // The job's own run, as its ticks would repeat it (the poster paces posts per channel).
      for (let tries = 0; tries < 30 && !(await a.bot.services.morning.outcome(MORNING, d(i))); tries++) {
        await a.bot.services.morning.runDue();
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    slack.on('chat.postMessage', () => undefined);
    posted = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === MORNING && c.args.blocks).length - 1; // less the refused try
    clock.set(at(d(0), '10:00'));


    // --- Q&A: 4 answered (one citing two sections), 3 refused, one of them with an e-mail and a phone number.
    const q1 = await drive.ask(STAFF(1), '元気アップ会議とは？', 0);
    await drive.ask(STAFF(2), '元気アップ会議のメンバーは誰ですか', 1);
    const q3 = await drive.ask(STAFF(3), '研修の評価はどうしますか', 0);
    await drive.ask(STAFF(4), '改善提案の出し方は', 1);
    await drive.ask(STAFF(5), 'テレワークの規程はありますか', 0);
    await drive.ask(STAFF(6), 'テレワーク規程について教えてください', 1);
    await drive.ask(STAFF(7), '駐車場の申請は yamada.taro@example.jp か 06-1234-5678 に聞けばいいですか', 0);
    // Votes: the last click of each person counts.
    await drive.click(STAFF(1), 'plan_feedback_up', q1);
    await drive.click(STAFF(2), 'plan_feedback_up', q1, { replica: 1 });
    await drive.click(STAFF(2), 'plan_feedback_down', q1);
    await drive.click(STAFF(3), 'plan_feedback_down', q3, { replica: 1 });
    await drive.click(STAFF(3), 'plan_feedback_down', q3);

    // --- Proposals through their statuses.
    const p1 = await drive.propose(STAFF(1), '窓口の待ち時間を表示する');
    clock.set(at(d(1), '10:00'));
    const p2 = await drive.propose(STAFF(2), '会議資料のペーパーレス化');
    await drive.setStatus(ADMIN, p1, '検討中');
    await drive.setStatus(ADMIN, p2, '検討中');
    clock.set(at(d(2), '10:00'));
    const p3 = await drive.propose(STAFF(3), '区民アンケートの電子化'); // stays 受付: the oldest waiting
    await drive.setStatus(ADMIN, p2, '見送り', '今年度は予算の都合で見送ります');
    clock.set(at(d(3), '10:00'));
    await drive.setStatus(ADMIN, p1, '採用');
    const p4 = await drive.propose(STAFF(4), '庁内情報誌のオンライン版');
    await drive.setStatus(ADMIN, p4, '検討中');
    expect(p3).toBeTruthy();

    // --- World Café: a session on d(5) with 2 seats; sign-ups, a wait, two withdrawals; another session cancelled.
    clock.set(at(d(4), '09:00'));
    const create = async (theme: string, date: string, capacity: string) => {
      const view = await drive.openByCommand(ADMIN, '/worldcafe', 'new', 'worldcafe_new');
      await drive.submit(ADMIN, view, { theme, date, start: '15:00', end: '17:00', place: '区役所 5階 会議室', capacity });
      const [msg] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === EVENTS && JSON.stringify(c.args.blocks).includes(theme));
      return (msg!.args.blocks as any[]).find((x) => x.type === 'actions').elements[0].value as string;
    };
    const s1 = await create('風通しの良い職場を語ろう', d(5), '2');
    const s2 = await create('区内ウォーキング', d(6), '4');
    answer.s1 = s1;
    answer.s2 = s2;
    for (const i of [1, 2, 3, 4]) await drive.click(STAFF(10 + i), 'worldcafe_join', s1, { channel: EVENTS, replica: i });
    await drive.click(STAFF(11), 'worldcafe_leave', s1, { channel: EVENTS }); // STAFF(13) moves up
    await drive.click(STAFF(14), 'worldcafe_leave', s1, { channel: EVENTS, replica: 1 }); // leaves the waitlist
    await drive.click(STAFF(15), 'worldcafe_join', s2, { channel: EVENTS });
    const cancel = await drive.overflow(ADMIN, 'worldcafe_admin', `cancel:${s2}`, 'worldcafe_cancel', EVENTS);
    await drive.submit(ADMIN, cancel, {});

  });

  afterAll(async () => {
    if (!stopped) await Promise.all([a?.stop(), b?.stop()]);
    await ai?.stop();
    await slack?.stop();
  });

  it('sends the survey once to each confirmed attendee when the session ends, across both replicas', async () => {
    const s1 = answer.s1;
    clock.set(at(d(5), '16:59'));
    await new Promise((r) => setTimeout(r, 1_500));
    const surveyDms = () => slack.callsTo('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? '').includes('worldcafe_survey'));
    expect(surveyDms()).toHaveLength(0);
    clock.set(at(d(5), '17:00'));
    await expect.poll(() => surveyDms().length, { timeout: 8_000 }).toBe(2);
    await new Promise((r) => setTimeout(r, 2_500)); // both replicas poll again: still one each
    expect(surveyDms().map((c) => c.args.channel).sort()).toEqual([STAFF(12), STAFF(13)]);
    expect(String(surveyDms()[0]!.args.text)).toContain('アンケート');

    // The survey: inline errors, a first answer, a second that replaces it; nobody else may answer.
    const form = await drive.open(STAFF(12), 'worldcafe_survey', s1, 'worldcafe_survey_submit');
    expect(JSON.stringify(form.blocks)).toContain('保存する内容');
    const bad = await drive.submit(STAFF(12), form, { satisfaction: null, comment: 'あ'.repeat(501) });
    expect(JSON.parse(bad)).toMatchObject({ response_action: 'errors', errors: { satisfaction: expect.stringContaining('満足度'), comment: expect.stringContaining('500') } });
    expect(await drive.submit(STAFF(12), form, { satisfaction: '5', usefulness: '4', comment: 'とても良かった' })).toContain('ありがとうございました');
    const again = await drive.open(STAFF(12), 'worldcafe_survey', s1, 'worldcafe_survey_submit');
    expect(JSON.stringify(again.blocks)).toContain('とても良かった');
    expect(await drive.submit(STAFF(12), again, { satisfaction: '4', usefulness: '4', comment: '良かったです' }, 1)).toContain('更新しました');
    const third = await drive.open(STAFF(13), 'worldcafe_survey', s1, 'worldcafe_survey_submit');
    await drive.submit(STAFF(13), third, { satisfaction: '3', usefulness: '5' });
    const id = await drive.click(STAFF(11), 'worldcafe_survey', s1, { channel: EVENTS });
    await expect.poll(() => JSON.stringify(drive.responses(id).map((c) => c.args))).toContain('参加が確定していた方');
  });

  it('/report DMs the admin a summary, one PNG chart and the CSV tables, within Slack’s limits', async () => {
    clock.set(new Date(M.end + 3600_000)); // the 1st of the next month, 01:00
    const late = await drive.ask(STAFF(8), 'テレワークの規程はありますか'); // next month: not in this report
    expect(late).toBeTruthy();
    slack.reset();
    namedUploads(slack);
    const { id, ack } = await drive.command(ADMIN, '/report', M.id);
    expect(ack).toContain('作成しています');
    await slack.waitFor('files.completeUploadExternal', () => true, 1, 20_000);
    summary = slack.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('月次レポート'))!;
    expect(summary).toBeDefined();
    const blocks = summary!.args.blocks as any[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const x of blocks) if (x.type === 'section') expect([...x.text.text].length).toBeLessThanOrEqual(3000);
    files = uploads(slack);
    expect([...files.keys()].sort()).toEqual(
      [`minato-report-${M.id}.png`, ...['summary', 'qa-sections', 'qa-not-in-plan', 'worldcafe-sessions', 'worldcafe-comments', 'morning-days'].map((n) => `minato-report-${M.id}-${n}.csv`)].sort(),
    );
    const complete = slack.callsTo('files.completeUploadExternal')[0]!;
    expect(String(complete.args.channel_id)).toMatch(/^D/);
    const png = PNG.sync.read(files.get(`minato-report-${M.id}.png`)!);
    expect([png.width, png.height]).toEqual([1200, 1400]);
    // The README's sample chart is this one: REPORT_SAMPLE_OUT=docs/report-sample.png npx vitest run test/e2e/report.test.ts
    if (process.env.REPORT_SAMPLE_OUT) writeFileSync(process.env.REPORT_SAMPLE_OUT, files.get(`minato-report-${M.id}.png`)!);
    await expect.poll(() => JSON.stringify(drive.responses(id).map((c) => c.args))).toContain('DM にお送りしました');
  });

  it('Q&A figures: asked, shares, questions and 👍/👎 per section, the refused questions grouped and redacted', () => {
    const s = Object.fromEntries(csv('summary').slice(1).map(([area, item, value]) => [`${area}/${item}`, value]));
    expect(s).toMatchObject({ 'Q&A/質問数': '7', 'Q&A/回答した質問': '4', 'Q&A/回答できなかった質問': '3', 'Q&A/回答率（%）': '57.1', 'Q&A/回答できなかった率（%）': '42.9' });
    expect(csv('qa-sections').slice(1).map(([id, , q, up, down]) => [id, q, up, down])).toEqual([
      ['4(2)②', '3', '1', '1'],
      ['4(1)⑥', '1', '0', '1'],
      ['4(2)⑦', '1', '0', '0'],
    ]);
    const groups = csv('qa-not-in-plan').slice(1);
    expect(groups.map(([, count]) => count)).toEqual(['2', '1']);
    expect(groups[0]![0]).toContain('テレワーク');
    expect(groups[1]![0]).toBe(`駐車場の申請は ${REDACTED_EMAIL} か ${REDACTED_PHONE} に聞けばいいですか`);
    for (const f of files.values()) expect(f.toString('utf8')).not.toContain('yamada.taro');
    expect(JSON.stringify(summary.args.blocks)).not.toContain('yamada.taro');
  });

  it('proposals: received, by status at the month’s end, share adopted, median days to a decision, the oldest waiting', () => {
    const s = Object.fromEntries(csv('summary').slice(1).map(([area, item, value]) => [`${area}/${item}`, value]));
    const daysBetween = (x: string, y: string) => (at(y, '10:00').getTime() - at(x, '10:00').getTime()) / 86_400_000;
    const median = (daysBetween(d(0), d(3)) + daysBetween(d(1), d(2))) / 2;
    expect(s).toMatchObject({
      '改善提案/受付件数': '4',
      '改善提案/状況別（月末時点）: 受付': '1',
      '改善提案/状況別（月末時点）: 検討中': '1',
      '改善提案/状況別（月末時点）: 採用': '1',
      '改善提案/状況別（月末時点）: 見送り': '1',
      '改善提案/状況別（月末時点）: 実施済': '0',
      '改善提案/この月の決定件数（採用・見送り）': '2',
      '改善提案/採用率（%）': '50',
      '改善提案/受付から決定までの日数（中央値）': String(Math.round(median * 10) / 10),
    });
    expect(s['改善提案/最も長く待っている提案']).toMatch(/区民アンケートの電子化（受付・\d+日）/);
  });

  it('World Café: held, seats filled, waitlist peak, withdrawals, survey averages and answer rate per session', () => {
    const s = Object.fromEntries(csv('summary').slice(1).map(([area, item, value]) => [`${area}/${item}`, value]));
    expect(s).toMatchObject({
      'ワールドカフェ等/開催した回': '1',
      'ワールドカフェ等/中止した回': '1',
      'ワールドカフェ等/定員充足率（%）': '100',
      'ワールドカフェ等/キャンセル待ちの最大人数': '2',
      'ワールドカフェ等/参加の取り消し': '2',
      'ワールドカフェ等/アンケート回答数': '2',
    });
    const [header, held, cancelled] = csv('worldcafe-sessions');
    const row = Object.fromEntries(header!.map((h, i) => [h, held![i]]));
    expect(row).toMatchObject({
      開催日時: `${d(5)} 15:00`, テーマ: '風通しの良い職場を語ろう', 状態: '開催', 定員: '2', 参加確定: '2', '定員充足率（%）': '100',
      キャンセル待ちの最大人数: '2', 参加の取り消し: '2', アンケート回答数: '2', '回答率（%）': '100', 満足度の平均: '3.5', 業務に役立つかの平均: '4.5',
      満足度3: '1', 満足度4: '1', 満足度5: '0', 役立つか4: '1', 役立つか5: '1',
    });
    expect(cancelled![2]).toBe('区内ウォーキング');
    expect(cancelled![3]).toBe('中止');
    // Comments without names: only the replaced answer's, once.
    expect(csv('worldcafe-comments').slice(1)).toEqual([[`${d(5)} 15:00`, '風通しの良い職場を語ろう', '良かったです']]);
    expect(files.get(`minato-report-${M.id}-worldcafe-comments.csv`)!.toString('utf8')).not.toMatch(/U0STAFF/);
  });

  it('morning: channels subscribed, prompts posted, days skipped with their reasons', () => {
    const s = Object.fromEntries(csv('summary').slice(1).map(([area, item, value]) => [`${area}/${item}`, value]));
    expect(posted).toBe(6);
    expect(s).toMatchObject({ '朝礼の話題/購読チャンネル数': '1', '朝礼の話題/投稿した話題': '6', '朝礼の話題/見送った投稿': '1', '朝礼の話題/休業日（投稿なし）': String(closedDays(M).length) });
    const rows = csv('morning-days').slice(1);
    expect(rows.filter((r) => r[2] === '休業日').map((r) => [r[0], r[3]])).toEqual(closedDays(M).map((c) => [c.date, c.reason]));
    const skips = rows.filter((r) => r[2] === '見送り');
    expect(skips.map((r) => r.slice(0, 3))).toEqual([[d(2), MORNING, '見送り']]);
    expect(skips[0]![3]).toContain('not_in_channel');
  });

  it('App Home: admins see 「今月の状況」 with a button for the full report; staff do not', async () => {
    slack.reset();
    await post(a.eventsUrl, signedEvent({ type: 'app_home_opened', user: ADMIN, tab: 'home', channel: 'D0ADMIN' }));
    await post(a.eventsUrl, signedEvent({ type: 'app_home_opened', user: STAFF(1), tab: 'home', channel: 'D0STAFF' }));
    const published = await slack.waitFor('views.publish', () => true, 2);
    const home = (user: string) => JSON.stringify(published.find((c) => c.args.user_id === user)!.args.view);
    expect(home(ADMIN)).toContain('今月の状況');
    expect(home(ADMIN)).toContain('report_full');
    expect(home(STAFF(1))).not.toContain('今月の状況');
    // The button DMs the running month's report (one question so far: the refused one on the 1st).
    const next = JSON.parse(home(ADMIN)).blocks.flatMap((x: any) => x.elements ?? []).find((e: any) => e.action_id === 'report_full').value as string;
    await drive.click(ADMIN, 'report_full', next);
    await slack.waitFor('files.completeUploadExternal', () => true, 1, 20_000);
    const dm = slack.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('月次レポート'))!;
    expect(String(dm.args.text)).toContain('質問 1 件');
  });

  it('npm run report writes the same PNG and CSVs from REDIS_URL, and changes nothing in Redis', async () => {
    await Promise.all([a.stop(), b.stop()]);
    stopped = true;
    const dirty = async () => Number(/rdb_changes_since_last_save:(\d+)/.exec(await redis.client.info('persistence'))?.[1]);
    /** Every key with its value (DUMP) and whether it lives less than a minute more (claims, locks, rate limits). */
    const keys = async () => {
      const out = new Map<string, { dump: string; shortLived: boolean }>();
      for (const k of (await redis.client.keys('*')).sort()) {
        const ttl = await redis.client.pttl(k);
        out.set(k, { dump: ((await redis.client.dumpBuffer(k)) ?? Buffer.alloc(0)).toString('hex'), shortLived: ttl >= 0 && ttl < 60_000 });
      }
      return out;
    };
    const before = { dirty: await dirty(), keys: await keys() };
    const out = mkdtempSync(join(tmpdir(), 'minato-report-'));
    try {
      const r = await runReportCli({ REDIS_URL: redis.url }, ['--month', M.id, '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('書き出しました');
      expect(readdirSync(out).sort()).toEqual([...files.keys()].sort());
      for (const name of readdirSync(out)) {
        if (name.endsWith('.csv')) expect(readFileSync(join(out, name)).equals(files.get(name)!), name).toBe(true);
      }
      const png = PNG.sync.read(readFileSync(join(out, `minato-report-${M.id}.png`)));
      expect([png.width, png.height]).toEqual([1200, 1400]);
      // Nothing written: every key as it was, except short-lived ones that expired meanwhile (each expiry counts as a change).
      const after = await keys();
      const expired = [...before.keys].filter(([k]) => !after.has(k));
      expect(expired.every(([, v]) => v.shortLived), JSON.stringify(expired.map(([k]) => k))).toBe(true);
      for (const [k, v] of after) expect(v.dump, k).toBe(before.keys.get(k)?.dump);
      expect(await dirty()).toBe(before.dirty + expired.length);

      const bad = await runReportCli({ REDIS_URL: redis.url }, ['--month', '2026-13', '--out', out]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('YYYY-MM');
      const none = await runReportCli({}, ['--month', M.id, '--out', out]);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('REDIS_URL');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
