import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload } from '../../helpers/slack-requests.js';

const ADMIN = 'U0ADMIN01';
const STAFF = 'U0STAFF01';

interface Form {
  initiative?: string;
  title?: string;
  body?: string;
  channels?: string[];
  when?: 'now' | 'at';
  date?: string;
  time?: string;
  link?: string;
  join?: boolean;
}

/** The modal's state.values as Slack sends them (block_id → action_id → element state). */
function formValues(f: Form) {
  return {
    initiative: { value: { type: 'static_select', selected_option: f.initiative ? { value: f.initiative } : null } },
    title: { value: { type: 'plain_text_input', value: f.title ?? null } },
    body: { value: { type: 'plain_text_input', value: f.body ?? null } },
    channels: { value: { type: 'multi_conversations_select', selected_conversations: f.channels ?? [] } },
    when: { value: { type: 'radio_buttons', selected_option: { value: f.when ?? 'now' } } },
    date: { value: { type: 'datepicker', selected_date: f.date ?? null } },
    time: { value: { type: 'timepicker', selected_time: f.time ?? null } },
    link: { value: { type: 'url_text_input', value: f.link ?? null } },
    options: { value: { type: 'checkboxes', selected_options: f.join ? [{ value: 'join' }] : [] } },
  };
}

const GOOD: Form = {
  initiative: 'genki_up',
  title: '第３回 元気アップ会議のご案内',
  body: '12月の元気アップ会議を開きます。<!channel> 業務の工夫のアイデアをお持ちください。',
  channels: ['C0CHAN001', 'C0CHAN002'],
};

describe('/announce end to end (real app, real Redis, fake Slack, injected clock)', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  let tStopped = false;
  const extra: TestApp[] = [];
  const start = (at: string) => startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock: fixedClock(at), extraEnv: { ADMIN_USER_IDS: ADMIN } });

  beforeAll(async () => {
    slack = await startSlackFake();
    // The bot is in every channel except C0NOTIN01 (#soumu).
    slack.on('conversations.info', (c) =>
      c.args.channel === 'C0NOTIN01' ? { body: { ok: true, channel: { id: 'C0NOTIN01', name: 'soumu', is_member: false } } } : undefined,
    );
    t = await start('2026-11-24T09:00:00+09:00');
  });
  afterAll(async () => {
    for (const a of extra) await a.stop();
    if (!tStopped) await t?.stop();
    await slack?.stop();
  });

  const announceKeys = async () => (await redis.client.keys('announce:*')).filter((k) => !k.startsWith('announce:lease'));
  async function command(text: string, user: string, app = t) {
    const before = slack.callsTo('response_url').length;
    const res = await post(app.eventsUrl, signedCommand({ command: '/announce', text, user_id: user, channel_id: 'C0CHAN001', response_url: slack.responseUrl() }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    return { res, before };
  }
  async function submit(callbackId: string, user: string, values: Record<string, any>, privateMetadata = '', app = t) {
    const res = await post(app.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: user, callbackId, values, privateMetadata })));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    return res.text ? (JSON.parse(res.text) as Record<string, any>) : {};
  }

  it('a non-admin is told /announce is for admins, and no form opens', async () => {
    const { before } = await command('', STAFF);
    const replies = await slack.waitFor('response_url', () => true, before + 1);
    expect(replies[before]!.args.text).toMatch(/管理者のみ/);
    expect(slack.callsTo('views.open')).toHaveLength(0);
    const { before: b2 } = await command('list', STAFF);
    expect((await slack.waitFor('response_url', () => true, b2 + 1))[b2]!.args.text).toMatch(/管理者のみ/);
  });

  it('an admin gets the form with the initiatives, title, body, channels, timing, link and 参加 button', async () => {
    await command('', ADMIN);
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    expect(view.callback_id).toBe('announce_compose');
    const ids = view.blocks.map((b: any) => b.block_id);
    expect(ids).toEqual(expect.arrayContaining(['initiative', 'title', 'body', 'channels', 'when', 'date', 'time', 'link', 'options']));
    const options = view.blocks[0].element.options.map((o: any) => o.text.text);
    expect(options).toEqual(['元気アップ会議', '区長表彰', '区長と職員との意見交換', '職員ボランティア', '研修', '庁内情報誌「みなと～く」', 'その他']);
  });

  it('a forged submission by a non-admin is refused and changes nothing', async () => {
    const r = await submit('announce_compose', STAFF, formValues(GOOD));
    expect(r.response_action).toBe('update');
    expect(JSON.stringify(r.view)).toMatch(/管理者のみ/);
    const p = await submit('announce_preview', STAFF, {}, 'dwhatever');
    expect(p.response_action).toBe('update');
    expect(await announceKeys()).toEqual([]);
  });

  it.each<[string, Form, string, RegExp]>([
    ['a bad time', { ...GOOD, when: 'at', date: '2026-12-01', time: '9:7' }, 'time', /HH:MM/],
    ['a date in the past', { ...GOOD, when: 'at', date: '2026-11-20', time: '10:00' }, 'date', /過去の日時/],
    ['a body over Slack’s limits', { ...GOOD, body: 'あ'.repeat(3001) }, 'body', /3000 文字/],
    ['a channel the bot is not in', { ...GOOD, channels: ['C0CHAN001', 'C0NOTIN01'] }, 'channels', /#soumu にみなとナビが参加していません.*\/invite @minato-navi/],
  ])('%s gets a clear message on its field and changes nothing', async (_name, form, block, message) => {
    const r = await submit('announce_compose', ADMIN, formValues(form));
    expect(r.response_action).toBe('errors');
    expect(r.errors[block]).toMatch(message);
    expect(await announceKeys()).toEqual([]);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('now: preview first, then 送信 posts to each channel once and reports to the admin', async () => {
    const r = await submit('announce_compose', ADMIN, formValues({ ...GOOD, join: true, link: 'https://www.city.osaka.lg.jp/minato/' }));
    expect(r.response_action).toBe('push');
    expect(r.view.callback_id).toBe('announce_preview');
    expect(r.view.submit.text).toBe('送信する');
    const preview = JSON.stringify(r.view.blocks);
    expect(preview).toMatch(/【元気アップ会議】第３回 元気アップ会議のご案内/);
    expect(preview).toMatch(/4\(2\)②/);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

    const done = await submit('announce_preview', ADMIN, {}, r.view.private_metadata);
    expect(done.response_action).toBe('clear');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === ADMIN);
    const posts = slack.callsTo('chat.postMessage');
    expect(posts.filter((c) => c.args.channel === 'C0CHAN001')).toHaveLength(1);
    expect(posts.filter((c) => c.args.channel === 'C0CHAN002')).toHaveLength(1);
    const msg = JSON.stringify(posts.find((c) => c.args.channel === 'C0CHAN001')!.args.blocks);
    expect(msg).toMatch(/参加する/);
    expect(msg).toMatch(/詳しく見る/);
    expect(msg).not.toMatch(/<!channel>/);
    expect(msg).toMatch(/&lt;!channel&gt;/);
    expect(posts.find((c) => c.args.channel === ADMIN)!.args.text).toMatch(/2 チャンネルに送信しました/);

    // Pressing 送信 again (a double click) sends nothing more.
    await submit('announce_preview', ADMIN, {}, r.view.private_metadata);
    await new Promise((res) => setTimeout(res, 300));
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHAN001')).toHaveLength(1);
  });

  it('参加する records the person once and answers only them', async () => {
    const sent = slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0CHAN001')!;
    const join = sent.args.blocks.find((b: any) => b.type === 'actions').elements.find((e: any) => e.action_id === 'announce_join');
    const click = async (user: string) => {
      const before = slack.callsTo('response_url').length;
      const res = await post(t.eventsUrl, signedInteraction(blockActionPayload({ userId: user, actionId: 'announce_join', value: join.value, channelId: 'C0CHAN001', messageTs: '1.1', responseUrl: slack.responseUrl() })));
      expect(res.status).toBe(200);
      return (await slack.waitFor('response_url', () => true, before + 1))[before]!.args;
    };
    expect((await click(STAFF)).text).toMatch(/参加を受け付けました（現在 1 名）/);
    const again = await click(STAFF);
    expect(again.text).toMatch(/すでに受け付けて/);
    expect(again.response_type).toBe('ephemeral');
  });

  let scheduledId = '';
  it('a scheduled announcement (200 days ahead) survives a restart and goes out once', async () => {
    const r = await submit('announce_compose', ADMIN, formValues({ ...GOOD, initiative: 'training', title: '接遇研修のご案内', channels: ['C0CHAN002'], when: 'at', date: '2027-06-12', time: '10:00' }));
    expect(r.response_action).toBe('push');
    expect(r.view.submit.text).toBe('予約する');
    expect(JSON.stringify(r.view.blocks)).toMatch(/6月12日（土） 10:00（日本時間）に送信します/);
    const done = await submit('announce_preview', ADMIN, {}, r.view.private_metadata);
    expect(done.response_action).toBe('clear');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === ADMIN && /予約しました/.test(c.args.text));
    const ids = await redis.client.zrange('announce:due', 0, '-1');
    expect(ids).toHaveLength(1);
    scheduledId = ids[0]!;

    await t.stop();
    tStopped = true;
    const before = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHAN002').length;
    // Two replicas come up after the due time.
    const [a, b] = await Promise.all([start('2027-06-12T10:00:30+09:00'), start('2027-06-12T10:00:30+09:00')]);
    extra.push(a, b);
    await Promise.all([a.bot.services.announce.runDue(), b.bot.services.announce.runDue()]);
    await Promise.all([a.bot.services.announce.runDue(), b.bot.services.announce.runDue()]);
    const posts = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0CHAN002');
    expect(posts).toHaveLength(before + 1);
    expect(posts.at(-1)!.args.text).toMatch(/【研修】接遇研修のご案内/);
    expect(await a.bot.services.announce.get(scheduledId)).toMatchObject({ status: 'sent' });
  });

  it('/announce list shows scheduled ones; only an admin can cancel, and a cancelled one never goes out', async () => {
    const later = await start('2027-06-12T11:00:00+09:00');
    extra.push(later);
    const r = await submit('announce_compose', ADMIN, formValues({ ...GOOD, title: '区長との意見交換会', initiative: 'dialogue', when: 'at', date: '2027-07-01', time: '15:00' }), '', later);
    await submit('announce_preview', ADMIN, {}, r.view.private_metadata, later);
    const { before } = await command('list', ADMIN, later);
    const list = (await slack.waitFor('response_url', () => true, before + 1))[before]!.args;
    const section = list.blocks.find((b: any) => b.accessory?.action_id === 'announce_cancel');
    expect(section.text.text).toMatch(/【区長と職員との意見交換】区長との意見交換会/);
    expect(section.text.text).toMatch(/7月1日（木） 15:00/);
    const id = section.accessory.value as string;

    const click = async (user: string) => {
      const n = slack.callsTo('response_url').length;
      await post(later.eventsUrl, signedInteraction(blockActionPayload({ userId: user, actionId: 'announce_cancel', value: id, channelId: 'C0CHAN001', messageTs: '1.2', responseUrl: slack.responseUrl() })));
      return (await slack.waitFor('response_url', () => true, n + 1))[n]!.args;
    };
    expect((await click(STAFF)).text).toMatch(/管理者のみ/);
    expect(await later.bot.services.announce.get(id)).toMatchObject({ status: 'scheduled' });
    const ok = await click(ADMIN);
    expect(ok.replace_original).toBe(true);
    expect(ok.text).toMatch(/取り消しました/);
    expect(await later.bot.services.announce.get(id)).toMatchObject({ status: 'cancelled' });
    expect(await redis.client.zscore('announce:due', id)).toBeNull();
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
