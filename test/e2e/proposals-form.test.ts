import { describe, expect, it } from 'vitest';
import { allText, CHANNEL, complete, STAFF, useProposalApp } from '../helpers/proposals-e2e.js';
import { post, signedCommand } from '../helpers/slack-requests.js';

/**
 * Improvement proposals, end to end: real signed requests against the real app (HTTP mode),
 * a real Redis, and a loopback fake of Slack's Web API. The /proposal form: what the modal
 * offers, what it refuses, a double submission, and what a submission shows in the channel.
 */

describe('/proposal end to end', () => {
  const { slack, app: t, openForm, submit, submitNew, proposalKeys, stored } = useProposalApp();

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
});
