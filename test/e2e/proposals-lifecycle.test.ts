import { describe, expect, it } from 'vitest';
import { stateKeys } from '../helpers/redis.js';
import { ADMIN, allText, CHANNEL, complete, OTHER, STAFF, useProposalApp } from '../helpers/proposals-e2e.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';

/**
 * Improvement proposals, end to end: real signed requests against the real app (HTTP mode),
 * a real Redis, and a loopback fake of Slack's Web API. One proposal's life, in order: shared in
 * the channel, 共感, edited by its proposer, its status changed by an admin, listed, exported, and
 * still in App Home after a restart.
 */

describe('/proposal end to end', () => {
  const { redis, slack, app: t, startAgain, openForm, submit, proposalKeys, stored } = useProposalApp();

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
    await startAgain();
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
});
