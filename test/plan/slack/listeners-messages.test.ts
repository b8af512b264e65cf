import { describe, expect, it } from 'vitest';
import { ThreadHistory } from '../../../src/plan/thread-history.js';
import { PLAN_QUESTION_LIMIT, RateLimiter } from '../../../src/infra/rate-limit.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from '../../../src/plan/slack/answer-blocks.js';
import { FALLBACK_LABEL } from '../../../src/plan/slack/texts.js';
import { channel, scripted, ts, usePlanInSlack } from '../../helpers/plan-listeners.js';
import { BOT_ID, BOT_USER_ID } from '../../helpers/slack-fake.js';
import { buttons, threadOutput, waitForAnswer } from '../../helpers/qa-output.js';

/**
 * The Slack glue of plan Q&A, driven through the real app with signed requests and the loopback
 * Slack fake: questions in mentions and DMs, which are answered and where, how the answer
 * streams, and the rate limit.
 */

describe('plan Q&A in Slack', () => {
  const { redis, slack, t, send } = usePlanInSlack();

  describe('app_mention', () => {
    it('answers in a new thread under the mention, streamed, with sources and 👍/👎', async () => {
      const ch = channel('C');
      const at = ts();
      await send({ type: 'app_mention', user: 'U0STAFF01', channel: ch, ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` });
      const out = await waitForAnswer(slack, ch, at);
      expect(out.streamed).toBe(true);
      const start = out.calls.find((c) => c.method === 'chat.startStream')!;
      expect(start.args).toMatchObject({ channel: ch, thread_ts: at, recipient_user_id: 'U0STAFF01', recipient_team_id: 'T0MINATO' });
      expect(out.text).toContain('元気アップ会議');
      expect(out.text).toMatch(/4\(2\)/);
      const stop = out.calls.find((c) => c.method === 'chat.stopStream')!;
      expect(JSON.stringify(stop.args.blocks)).toContain('出典');
      expect(buttons(out).map((b) => b.action_id)).toEqual([FEEDBACK_UP_ACTION, FEEDBACK_DOWN_ACTION]);
    });

    it('answers in the existing thread when mentioned inside one, and passes the question as typed: no mention, emoji or entities', async () => {
      const plan = scripted(() => ({}));
      t.bot.services.qa.plan = plan;
      const ch = channel('C');
      const root = ts();
      await send({ type: 'app_mention', user: 'U0STAFF01', channel: ch, ts: ts(), thread_ts: root, text: `<@${BOT_USER_ID}>   *３つの心構え* &amp; 役割とは？ :pray:` });
      const out = await waitForAnswer(slack, ch, root);
      expect(out.calls[0]!.args.thread_ts).toBe(root);
      expect(plan.asked[0]!.question).toBe('３つの心構え & 役割とは？');
    });

    it('never answers itself or another bot', async () => {
      const ch = channel('C');
      await send({ type: 'app_mention', user: BOT_USER_ID, channel: ch, ts: ts(), text: `<@${BOT_USER_ID}> 自分` });
      await send({ type: 'app_mention', user: 'U0OTHERBOT', bot_id: 'B0OTHER', channel: ch, ts: ts(), text: `<@${BOT_USER_ID}> 元気アップ会議とは？` });
      await send({ type: 'message', subtype: 'bot_message', bot_id: 'B0OTHER', channel: ch, channel_type: 'im', ts: ts(), text: '元気アップ会議とは？' });
      await send({ type: 'message', user: 'U0OTHERBOT', bot_id: BOT_ID, channel: channel('D'), channel_type: 'im', ts: ts(), text: '元気アップ会議とは？' });
      await new Promise((r) => setTimeout(r, 400));
      expect(slack.calls.filter((c) => c.method.startsWith('chat.'))).toEqual([]);
    });

    it.each([
      ['a bare mention', ''],
      ['an emoji-only message', ' :smile: 😀🎉'],
      ['a 10,000-character question', 'あ'.repeat(10_000)],
    ])('replies politely to %s (no sources, no buttons)', async (_name, rest) => {
      const ch = channel('C');
      const at = ts();
      await send({ type: 'app_mention', user: 'U0STAFF01', channel: ch, ts: at, text: `<@${BOT_USER_ID}>${rest}` });
      const out = await waitForAnswer(slack, ch, at);
      expect(out.text).toMatch(/ご質問/);
      expect(out.text).toMatch(/ください|お尋ねください/);
      expect(buttons(out)).toEqual([]);
      expect(out.text).not.toContain('出典');
    });

    it('neutralises pings and links in the model’s answer, in the stream and in the blocks', async () => {
      t.bot.services.qa.plan = scripted(() => ({
        answer: '<!channel> 至急 <@U0EVIL> と @here へ。[公式](https://evil.example/phish) を見てください。',
        stream: ['<!channel> 至急 <@U0EVIL> と @here へ。', '[公式](https://evil.example/phish) を見てください。'],
      }));
      const ch = channel('C');
      const at = ts();
      await send({ type: 'app_mention', user: 'U0STAFF01', channel: ch, ts: at, text: `<@${BOT_USER_ID}> 連絡先は？` });
      const out = await waitForAnswer(slack, ch, at);
      const everything = out.calls.map((c) => c.raw).join('\n');
      expect(decodeURIComponent(everything)).not.toMatch(/<!channel>|<@U0EVIL>|@here|\]\(|(?<!`)https:\/\/evil/);
      expect(decodeURIComponent(everything)).toContain('`https://evil.example/phish`');
      for (const c of out.calls.filter((c) => c.method === 'chat.postMessage')) expect(c.args).toMatchObject({ unfurl_links: false, unfurl_media: false });
    });
  });

  describe('direct messages', () => {
    it('answers a DM in its thread and keeps the conversation for a follow-up in that thread', async () => {
      const plan = scripted((q) => ({ answer: `「${q}」へのお答えです。` }));
      t.bot.services.qa.plan = plan;
      const dm = channel('D');
      const first = ts();
      await send({ type: 'message', user: 'U0STAFF02', channel: dm, channel_type: 'im', ts: first, text: '元気アップ会議とは？' });
      await waitForAnswer(slack, dm, first);
      await send({ type: 'message', user: 'U0STAFF02', channel: dm, channel_type: 'im', ts: ts(), thread_ts: first, text: '誰が参加しますか？' });
      await expect.poll(() => plan.asked.length).toBe(2);
      expect(plan.asked[0]!.options.history).toEqual([]);
      expect(plan.asked[1]!.options.history).toEqual([
        { role: 'user', content: '元気アップ会議とは？' },
        { role: 'assistant', content: '「元気アップ会議とは？」へのお答えです。' },
      ]);
      expect(await new ThreadHistory(redis.client).get(dm, first)).toHaveLength(4);
    });

    it('ignores edits, deletions, other subtypes and channel messages', async () => {
      const plan = scripted(() => ({}));
      t.bot.services.qa.plan = plan;
      const dm = channel('D');
      await send({ type: 'message', subtype: 'message_changed', channel: dm, channel_type: 'im', ts: ts(), message: { user: 'U0STAFF01', text: '編集' } });
      await send({ type: 'message', subtype: 'message_deleted', channel: dm, channel_type: 'im', ts: ts() });
      await send({ type: 'message', subtype: 'channel_join', user: 'U0STAFF01', channel: dm, channel_type: 'im', ts: ts(), text: 'joined' });
      await send({ type: 'message', user: 'U0STAFF01', channel: channel('C'), channel_type: 'channel', ts: ts(), text: `<@${BOT_USER_ID}> 元気アップ会議とは？` });
      await new Promise((r) => setTimeout(r, 400));
      expect(plan.asked).toEqual([]);
    });

    it('answers a message once even when Slack sends it both as app_mention and as message.im', async () => {
      const plan = scripted(() => ({}));
      t.bot.services.qa.plan = plan;
      const dm = channel('D');
      const at = ts();
      const text = `<@${BOT_USER_ID}> 元気アップ会議とは？`;
      await Promise.all([
        send({ type: 'app_mention', user: 'U0STAFF03', channel: dm, ts: at, text }),
        send({ type: 'message', user: 'U0STAFF03', channel: dm, channel_type: 'im', ts: at, text }),
      ]);
      await waitForAnswer(slack, dm, at);
      await new Promise((r) => setTimeout(r, 300));
      expect(plan.asked).toHaveLength(1);
      expect(slack.callsTo('chat.startStream')).toHaveLength(1);
    });

    it('handles a retried event (same event_id) once', async () => {
      const plan = scripted(() => ({}));
      t.bot.services.qa.plan = plan;
      const dm = channel('D');
      const at = ts();
      const ev = { type: 'message', user: 'U0STAFF04', channel: dm, channel_type: 'im', ts: at, text: '元気アップ会議とは？' };
      await send(ev, { eventId: 'Ev0RETRY0001' });
      await send(ev, { eventId: 'Ev0RETRY0001', retryNum: 1 });
      await send(ev, { eventId: 'Ev0RETRY0001', retryNum: 2 });
      await waitForAnswer(slack, dm, at);
      await new Promise((r) => setTimeout(r, 300));
      expect(plan.asked).toHaveLength(1);
    });
  });

  describe('streaming', () => {
    it('falls back to chat.postMessage when Slack refuses the stream', async () => {
      slack.on('chat.startStream', () => ({ body: { ok: false, error: 'not_allowed_token_type' } }));
      const dm = channel('D');
      const at = ts();
      await send({ type: 'message', user: 'U0STAFF05', channel: dm, channel_type: 'im', ts: at, text: '元気アップ会議とは？' });
      const out = await waitForAnswer(slack, dm, at);
      const posted = out.calls.filter((c) => c.method === 'chat.postMessage');
      expect(posted).toHaveLength(1);
      expect(JSON.stringify(posted[0]!.args.blocks)).toContain('出典');
      expect(buttons(out)).toHaveLength(2);
    });

    it('replaces a half-streamed answer when the final answer differs (model failed: labelled fallback)', async () => {
      t.bot.services.qa.plan = scripted(() => ({
        stream: ['元気アップ会議は、若手職員が'.repeat(20)],
        answer: 'プランの該当箇所を抜粋します。「元気アップ会議」を設置します。',
        mode: 'extractive',
        fallback: 'timeout',
      }));
      const dm = channel('D');
      const at = ts();
      await send({ type: 'message', user: 'U0STAFF06', channel: dm, channel_type: 'im', ts: at, text: '元気アップ会議とは？' });
      await slack.waitFor('chat.update', (c) => c.args.channel === dm);
      const update = slack.callsTo('chat.update').find((c) => c.args.channel === dm)!;
      const json = JSON.stringify(update.args.blocks);
      expect(json).toContain(FALLBACK_LABEL);
      expect(json).toContain('抜粋します');
      expect(buttons(threadOutput(slack, dm, at))).toHaveLength(2);
    });

    it('continues a long streamed answer in a new message instead of cutting it', async () => {
      const para = '職員一人ひとりが市民目線で考え、改革意識を持って行動することが大切です。\n';
      const long = para.repeat(250); // ≈ 9,000 chars ≈ 27,000 bytes
      t.bot.services.qa.plan = scripted(() => ({ answer: long.trim(), stream: long.match(/[\s\S]{1,200}/g)! }));
      const dm = channel('D');
      const at = ts();
      await send({ type: 'message', user: 'U0STAFF07', channel: dm, channel_type: 'im', ts: at, text: '心構えを詳しく' });
      const out = await waitForAnswer(slack, dm, at, 20_000);
      await expect.poll(() => slack.callsTo('chat.stopStream').filter((c) => c.args.channel === dm).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      const full = threadOutput(slack, dm, at);
      expect(full.calls.filter((c) => c.method === 'chat.startStream').length).toBeGreaterThanOrEqual(3);
      expect(full.text).toContain('（続きます）');
      expect(full.text.replace(/（続きます）|（続き）|\s/g, '')).toContain(long.replace(/\s/g, ''));
      // Every streamed message stays within the byte budget.
      const perMessage = new Map<string, number>();
      let current = '';
      for (const c of full.calls) {
        if (c.method === 'chat.startStream') current = String(perMessage.size);
        const text = (c.args.markdown_text ?? '') + (Array.isArray(c.args.chunks) ? c.args.chunks.map((x: any) => x.text ?? '').join('') : '');
        perMessage.set(current, (perMessage.get(current) ?? 0) + Buffer.byteLength(text));
      }
      for (const bytes of perMessage.values()) expect(bytes).toBeLessThanOrEqual(12_000);
      expect(buttons(out).length + buttons(full).length).toBeGreaterThan(0);
    });
  });

  describe('rate limit', () => {
    it('answers politely once a user asked 20 questions in 10 minutes, without asking the model', async () => {
      const plan = scripted(() => ({}));
      t.bot.services.qa.plan = plan;
      const limiter = new RateLimiter(redis.client, PLAN_QUESTION_LIMIT);
      for (let i = 0; i < PLAN_QUESTION_LIMIT.limit; i++) await limiter.hit('U0BUSY01', Date.now());
      const ch = channel('C');
      const at = ts();
      await send({ type: 'app_mention', user: 'U0BUSY01', channel: ch, ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` });
      const out = await waitForAnswer(slack, ch, at);
      expect(out.text).toMatch(/少し|約\d+分後/);
      expect(plan.asked).toEqual([]);
    });
  });
});
