import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis, stateKeys } from '../helpers/redis.js';
import { startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { writeProposalForm, type ProposalFormFields as FormFields } from '../../src/proposals/slack/form.js';

/**
 * Improvement proposals, end to end: real signed requests against the real app (HTTP mode),
 * a real Redis, and a loopback fake of Slack's Web API.
 */

const CHANNEL = 'C0PROPOSALS';
const STAFF = 'U0STAFF01';
const OTHER = 'U0STAFF02';
const ADMIN = 'U0ADMIN01';

const complete: FormFields = {
  title: '窓口の待ち時間を表示する',
  category: 'service',
  problem: '待ち時間が分からず、区民の方が不安に感じています。',
  body: '番号札の発券状況を待合のモニターに表示します。',
  effect: '待ち時間の不安が減り、問い合わせも減ります。',
};

const allText = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? []]);

describe('/proposal end to end', () => {
  const redis = useRedis();
  const clock = fixedClock('2026-05-01T10:00:00+09:00');
  let slack: SlackFake;
  let t: TestApp;
  const start = () =>
    startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { PROPOSALS_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });

  /** Opens the form with /proposal and returns the view Slack was asked to open. */
  async function openForm(userId = STAFF, text = ''): Promise<Record<string, any>> {
    const before = slack.callsTo('views.open').length;
    const res = await post(t.eventsUrl, signedCommand({ command: '/proposal', text, user_id: userId, response_url: slack.responseUrl('cmd') }));
    expect(res.status).toBe(200);
    const calls = await slack.waitFor('views.open', () => true, before + 1);
    return calls.at(-1)!.args.view as Record<string, any>;
  }

  async function submit(view: Record<string, any>, fields: FormFields, userId = STAFF, viewId = 'V0FORM') {
    return post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(fields), viewId })),
    );
  }

  async function submitNew(fields: FormFields, userId = STAFF): Promise<string> {
    const view = await openForm(userId);
    const res = await submit(view, fields, userId);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe('update');
    const id = /提案-\d{4}-\d{4}/.exec(JSON.stringify(body.view))?.[0];
    expect(id).toBeDefined();
    return id!;
  }

  const proposalKeys = () => redis.client.keys('{proposals}:p:*[0-9]');
  const stored = (id: string) => redis.client.hgetall(`{proposals}:p:${id}`);

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await start();
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('opens the modal with the typed title filled in, and says what 匿名 means', async () => {
    const res = await post(t.eventsUrl, signedCommand({ command: '/proposal', text: '窓口の待ち時間を表示する', user_id: STAFF, response_url: slack.responseUrl('cmd') }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const [call] = await slack.waitFor('views.open');
    const view = call!.args.view;
    expect(view.callback_id).toBe('proposal_submit');
    expect(call!.args.trigger_id).toMatch(/^trig\./);
    const title = view.blocks.find((b: any) => b.block_id === 'title');
    expect(title.element.initial_value).toBe('窓口の待ち時間を表示する');
    expect(title.element.max_length).toBe(80);
    const category = view.blocks.find((b: any) => b.block_id === 'category');
    expect(category.element.options.map((o: any) => o.text.text)).toEqual(['業務の改善・効率化', '区民サービスの向上', '職場環境の改善', '経費の節減', 'その他']);
    expect(JSON.stringify(view)).toContain('事務局（区役所）が記録');
    expect(JSON.parse(view.private_metadata)).toEqual({ mode: 'new', token: expect.any(String) });
  });

  it('stores a valid submission, shares it in PROPOSALS_CHANNEL and tells the proposer', async () => {
    slack.reset();
    const view = await openForm();
    const res = await submit(view, complete);
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('提案-2026-0001');

    const [posted] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
    expect(allText(posted!)).toContain('窓口の待ち時間を表示する');
    expect(allText(posted!)).toContain('区民サービスの向上');
    expect(allText(posted!)).toContain('港 太郎'); // the name from users.info, since not anonymous
    const buttons = posted!.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    expect(buttons.map((b: any) => b.action_id)).toEqual(['proposal_vote', 'proposal_status_open']);
    expect(buttons[0].value).toBe('提案-2026-0001');

    const [receipt] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}`);
    expect(allText(receipt!)).toContain('提案-2026-0001');
    expect(allText(receipt!)).toContain('共有しました');

    const saved = await stored('提案-2026-0001');
    expect(saved).toMatchObject({ title: '窓口の待ち時間を表示する', status: '受付', proposerId: STAFF, postChannel: CHANNEL, proposerName: '港 太郎' });
    expect(saved.postTs).toMatch(/^\d+\.\d+$/);
  });

  it('refuses a 5,000-character title inline and stores nothing', async () => {
    const before = (await proposalKeys()).length;
    const view = await openForm();
    const res = await submit(view, { ...complete, title: 'あ'.repeat(5000) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_action: 'errors', errors: { title: 'タイトルは80文字以内でお願いします（現在5000文字）。' } });
    const missing = await submit(view, { ...complete, category: 'not-a-category', body: '   ' });
    expect(JSON.parse(res.text).response_action).toBe('errors');
    expect(JSON.parse(missing.text).errors).toEqual({ category: '区分を一覧から選んでください。', body: '提案内容を入力してください。' });
    expect((await proposalKeys()).length).toBe(before);
  });

  it('makes one proposal of a double submission (double click, or Slack re-sending)', async () => {
    const before = (await proposalKeys()).length;
    const view = await openForm();
    slack.reset();
    const fields = { ...complete, title: '二重送信のテスト' };
    const [a, b] = await Promise.all([submit(view, fields), submit(view, fields)]);
    const c = await submit(view, fields);
    const ids = [a, b, c].map((r) => /提案-\d{4}-\d{4}/.exec(r.text)?.[0]);
    expect(new Set(ids).size).toBe(1);
    expect((await proposalKeys()).length).toBe(before + 1);
    await slack.waitFor('chat.postMessage', (x) => x.args.channel === CHANNEL);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage').filter((x) => x.args.channel === CHANNEL)).toHaveLength(1);
  });

  it('shows mentions and <!channel> typed into a proposal as text, never as pings', async () => {
    slack.reset();
    const id = await submitNew({
      ...complete,
      title: '<!channel> 緊急の改善',
      body: '<@U0BOSS> さんと <!here> と <!subteam^S123> と @everyone に <https://evil.example|ここ> を見てほしい',
    });
    const [posted] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL && allText(c).includes(id));
    const mrkdwn = JSON.stringify(posted!.args.blocks.filter((b: any) => b.type !== 'header')) + posted!.args.text;
    for (const ping of ['<!channel>', '<!here>', '<@U0BOSS>', '<!subteam^S123>', '<https://evil.example|']) expect(mrkdwn).not.toContain(ping);
    expect(mrkdwn).toContain('&lt;!here&gt;');
    expect(mrkdwn).toContain('&lt;@U0BOSS&gt;');
    expect(mrkdwn).not.toMatch(/@everyone/);
    // The header is plain_text (Slack never parses it), but the text is the person's own words.
    const header = posted!.args.blocks.find((b: any) => b.type === 'header');
    expect(header.text.type).toBe('plain_text');
    expect(header.text.text).toContain('<!channel> 緊急の改善');
  });

  it('hides the name of an anonymous proposer in the channel, but keeps it for the office', async () => {
    slack.reset();
    const id = await submitNew({ ...complete, title: '匿名の提案', anonymous: true });
    const [posted] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL && allText(c).includes(id));
    expect(allText(posted!)).toContain('提案者：匿名');
    expect(allText(posted!)).not.toContain('港 太郎');
    expect(allText(posted!)).not.toContain(STAFF);
    expect(await stored(id)).toMatchObject({ proposerId: STAFF, anonymous: '1' });
  });

  it('counts 共感 once per person as a toggle and keeps the post current', async () => {
    slack.reset();
    const click = (userId: string, value: string) =>
      post(t.eventsUrl, signedInteraction(blockActionPayload({ userId, actionId: 'proposal_vote', value, channelId: CHANNEL, messageTs: '1.2', responseUrl: slack.responseUrl('vote') })));
    await click(OTHER, '提案-2026-0001');
    const [update] = await slack.waitFor('chat.update', () => true);
    expect(JSON.stringify(update!.args.blocks)).toContain('共感 1');
    expect(update!.args.channel).toBe(CHANNEL);
    expect(update!.args.ts).toBe((await stored('提案-2026-0001')).postTs);
    await click(OTHER, '提案-2026-0001');
    const updates = await slack.waitFor('chat.update', () => true, 2);
    expect(JSON.stringify(updates[1]!.args.blocks)).toContain('共感 0');
    const replies = await slack.waitFor('response_url', () => true, 2);
    expect(replies.map((r) => r.args.text)).toEqual([expect.stringContaining('共感しました'), expect.stringContaining('取り消しました')]);

    // A forged id: a polite private message, nothing changes.
    const keysBefore = await stateKeys(redis.client);
    await click(OTHER, '提案-2099-9999');
    const [forged] = await slack.waitFor('response_url', (r) => String(r.args.text).includes('見つかりませんでした'));
    expect(forged!.args.response_type).toBe('ephemeral');
    expect(await stateKeys(redis.client)).toEqual(keysBefore);
    expect(slack.callsTo('chat.update')).toHaveLength(2);
  });

  it('refuses a status change by a non-admin, at the button and at the form, and changes nothing', async () => {
    slack.reset();
    await post(
      t.eventsUrl,
      signedInteraction(blockActionPayload({ userId: OTHER, actionId: 'proposal_status_open', value: '提案-2026-0001', channelId: CHANNEL, messageTs: '1.2', responseUrl: slack.responseUrl('st') })),
    );
    const [refused] = await slack.waitFor('response_url');
    expect(refused!.args.text).toContain('管理者のみ');
    expect(slack.callsTo('views.open')).toHaveLength(0);

    // A forged form submission from a non-admin.
    const res = await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: OTHER,
          callbackId: 'proposal_status',
          privateMetadata: JSON.stringify({ id: '提案-2026-0001', from: '受付' }),
          values: { status: { value: { type: 'radio_buttons', selected_option: { value: '採用' } } }, note: { value: { type: 'plain_text_input', value: null } } },
        }),
      ),
    );
    // An admin route: the router refuses it before the handler runs, replacing the form with a notice.
    expect(JSON.parse(res.text)).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(res.text).toContain('この操作は管理者のみが行えます。');
    await new Promise((r) => setTimeout(r, 200));
    expect((await stored('提案-2026-0001')).status).toBe('受付');
    expect(slack.callsTo('chat.update')).toHaveLength(0);
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('lets the proposer edit until review starts', async () => {
    slack.reset();
    const click = (userId: string) =>
      post(t.eventsUrl, signedInteraction(blockActionPayload({ userId, actionId: 'proposal_edit_open', value: '提案-2026-0001', responseUrl: slack.responseUrl('edit') })));
    await click(OTHER);
    const [refused] = await slack.waitFor('response_url');
    expect(refused!.args.text).toContain('ご自身の提案');
    await click(STAFF);
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    expect(view.callback_id).toBe('proposal_edit');
    expect(view.blocks.find((b: any) => b.block_id === 'title').element.initial_value).toBe('窓口の待ち時間を表示する');
    const res = await submit(view, { ...complete, title: '待ち時間の見える化' });
    expect(res.text).toBe('');
    const [update] = await slack.waitFor('chat.update');
    expect(JSON.stringify(update!.args.blocks)).toContain('待ち時間の見える化');
    expect((await stored('提案-2026-0001')).title).toBe('待ち時間の見える化');
  });

  it('lets an admin change the status: the post is updated and the proposer gets a DM; then editing is closed', async () => {
    slack.reset();
    await post(
      t.eventsUrl,
      signedInteraction(blockActionPayload({ userId: ADMIN, actionId: 'proposal_status_open', value: '提案-2026-0001', channelId: CHANNEL, messageTs: '1.2', responseUrl: slack.responseUrl('st') })),
    );
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    expect(view.callback_id).toBe('proposal_status');
    const options = view.blocks.find((b: any) => b.block_id === 'status').element.options.map((o: any) => o.value);
    expect(options).toEqual(['検討中']);
    const send = (to: string, note: string | null, from = '受付') =>
      post(
        t.eventsUrl,
        signedInteraction(
          viewSubmissionPayload({
            userId: ADMIN,
            callbackId: 'proposal_status',
            privateMetadata: JSON.stringify({ id: '提案-2026-0001', from }),
            values: { status: { value: { type: 'radio_buttons', selected_option: { value: to } } }, note: { value: { type: 'plain_text_input', value: note } } },
          }),
        ),
      );
    const res = await send('検討中', '来月の会議で検討します');
    expect(res.text).toBe('');
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}` && allText(c).includes('検討中'));
    expect(allText(dm!)).toContain('提案-2026-0001');
    expect(allText(dm!)).toContain('来月の会議で検討します');
    const [update] = await slack.waitFor('chat.update', (c) => allText(c).includes('検討中'));
    expect(update!.args.channel).toBe(CHANNEL);
    expect(await stored('提案-2026-0001')).toMatchObject({ status: '検討中', statusNote: '来月の会議で検討します' });

    // The same submission again changes nothing and sends no second DM.
    await send('検討中', '来月の会議で検討します');
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${STAFF}`)).toHaveLength(1);

    // 見送り needs a reason, inline on the note.
    const noReason = await send('見送り', '  ', '検討中');
    expect(JSON.parse(noReason.text)).toEqual({ response_action: 'errors', errors: { note: expect.stringContaining('理由') } });
    // Skipping a step is refused.
    const skip = await send('実施済', null, '検討中');
    expect(JSON.parse(skip.text).response_action).toBe('errors');
    expect((await stored('提案-2026-0001')).status).toBe('検討中');

    // Review has started: the proposer can no longer edit.
    await post(t.eventsUrl, signedInteraction(blockActionPayload({ userId: STAFF, actionId: 'proposal_edit_open', value: '提案-2026-0001', responseUrl: slack.responseUrl('edit2') })));
    const [locked] = await slack.waitFor('response_url', (c) => String(c.args.text).includes('審査が始まった'));
    expect(locked).toBeDefined();
  });

  it('lists recent and own proposals, and refuses export to non-admins', async () => {
    slack.reset();
    await post(t.eventsUrl, signedCommand({ command: '/proposal', text: 'list', user_id: OTHER, response_url: slack.responseUrl('list') }));
    const [list] = await slack.waitFor('response_url');
    expect(list!.args.response_type).toBe('ephemeral');
    expect(allText(list!)).toContain('提案-2026-0001');
    expect(allText(list!)).toContain('検討中');
    await post(t.eventsUrl, signedCommand({ command: '/proposal', text: 'mine', user_id: OTHER, response_url: slack.responseUrl('mine') }));
    const [mine] = await slack.waitFor('response_url', (c) => allText(c).includes('あなたの改善提案'));
    expect(allText(mine!)).toContain('0件');
    const res = await post(t.eventsUrl, signedCommand({ command: '/proposal', text: 'export', user_id: OTHER, response_url: slack.responseUrl('exp') }));
    expect(JSON.parse(res.text).text).toContain('管理者のみ');
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('exports every proposal as a UTF-8 CSV with BOM to the admin’s DM', async () => {
    slack.reset();
    const res = await post(t.eventsUrl, signedCommand({ command: '/proposal', text: 'export', user_id: ADMIN, response_url: slack.responseUrl('exp') }));
    expect(res.status).toBe(200);
    const [done] = await slack.waitFor('files.completeUploadExternal');
    expect(done!.args.channel_id).toBe(`D${ADMIN}`);
    const [open] = slack.callsTo('conversations.open');
    expect(open!.args.users).toBe(ADMIN);
    const [upload] = slack.callsTo('upload');
    // The file is the one part of a multipart/form-data body.
    const raw = upload!.raw;
    const file = raw.slice(raw.indexOf('\r\n\r\n') + 4, raw.lastIndexOf('\r\n--'));
    expect(Buffer.from(file, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = file.slice(1);
    expect(csv.split('\r\n')[0]).toContain('提案番号');
    expect(csv).toContain('"提案-2026-0001"');
    expect(csv).toContain('"検討中"');
    const rows = (await proposalKeys()).length;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(rows + 1);
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('DM にお送りしました'));
  });

  it('still lists the proposal in App Home after the app restarts', async () => {
    await t.stop();
    slack.reset();
    t = await start();
    const res = await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: STAFF, channel: `D${STAFF}`, tab: 'home', event_ts: '1.1' }));
    expect(res.status).toBe(200);
    const [publish] = await slack.waitFor('views.publish');
    expect(publish!.args.user_id).toBe(STAFF);
    expect(publish!.args.view.type).toBe('home');
    const home = JSON.stringify(publish!.args.view.blocks);
    expect(home).toContain('あなたの改善提案');
    expect(home).toContain('提案-2026-0001');
    expect(home).toContain('検討中');
    expect(publish!.args.view.blocks.length).toBeLessThanOrEqual(100);
    // The Messages tab also sends app_home_opened; it publishes nothing.
    await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: STAFF, channel: `D${STAFF}`, tab: 'messages', event_ts: '1.2' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.callsTo('views.publish')).toHaveLength(1);
  });

  it('keeps a proposal that Slack fails to share, and tells the submitter', async () => {
    slack.reset();
    slack.on('chat.postMessage', (c) => (c.args.channel === CHANNEL ? { body: { ok: false, error: 'not_in_channel' } } : undefined));
    const id = await submitNew({ ...complete, title: '共有に失敗する提案' });
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}` && allText(c).includes(id));
    expect(allText(dm!)).toContain('共有ができませんでした');
    expect(await stored(id)).toMatchObject({ title: '共有に失敗する提案', status: '受付' });

    // Slack answering 500 (after the client's short retries): the same.
    slack.reset();
    slack.on('chat.postMessage', (c) => (c.args.channel === CHANNEL ? { status: 500, body: 'oops' } : undefined));
    const id2 = await submitNew({ ...complete, title: '500 で失敗する提案' });
    const [dm2] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}` && allText(c).includes(id2), 1, 15_000);
    expect(allText(dm2!)).toContain('共有ができませんでした');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL).length).toBeGreaterThan(1);
    expect((await stored(id2)).title).toBe('500 で失敗する提案');
    slack.reset();
  });
});

describe('/proposal without PROPOSALS_CHANNEL', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('stores the proposal and tells the submitter it was not shared', async () => {
    await post(t.eventsUrl, signedCommand({ command: '/proposal', user_id: STAFF, response_url: slack.responseUrl('cmd') }));
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    const res = await post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(complete) })),
    );
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('update');
    expect(JSON.stringify(ack.view)).toContain('共有されません');
    const [dm] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === `D${STAFF}`);
    expect(allText(dm!)).toContain('チャンネルには共有していません');
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel !== `D${STAFF}`)).toHaveLength(0);
    expect(await redis.client.hget('{proposals}:p:提案-2026-0001', 'title')).toBe(complete.title);
  });
});

describe('/proposal while Redis is unavailable', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  let revived: RedisServerHandle | undefined;
  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, extraEnv: { PROPOSALS_CHANNEL: CHANNEL } });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await revived?.stop();
  });

  it('keeps the modal open with an inline error, so the typed text is not lost; sending again later works', async () => {
    await post(t.eventsUrl, signedCommand({ command: '/proposal', user_id: STAFF, response_url: slack.responseUrl('cmd') }));
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    const send = () =>
      post(
        t.eventsUrl,
        signedInteraction(viewSubmissionPayload({ userId: STAFF, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(complete) })),
      );
    redis.client.on('error', () => undefined); // the test's own connection will complain too
    const port = redis.server()!.port;
    await redis.server()!.stop();
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const ack = JSON.parse(res.text);
    expect(ack.response_action).toBe('errors');
    expect(ack.errors.title).toContain('一時的に保存できません');
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0);

    // Redis is back (same port, empty): the person presses 送信 again with the text still in the modal.
    revived = await startRedisServer({ port });
    let again = await send();
    for (let i = 0; i < 20 && JSON.parse(again.text).response_action !== 'update'; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      again = await send();
    }
    expect(JSON.parse(again.text).response_action).toBe('update');
    expect(again.text).toContain('提案-2026-0001');
    await slack.waitFor('chat.postMessage', (c) => c.args.channel === CHANNEL);
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
