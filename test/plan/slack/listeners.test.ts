import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPlanAnswerer } from '../../../src/plan/answerer.js';
import { FeedbackStore } from '../../../src/plan/feedback.js';
import { ThreadHistory } from '../../../src/plan/thread-history.js';
import type { Answer, AskOptions, PlanAnswerer } from '../../../src/plan/types.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { PLAN_QUESTION_LIMIT, RateLimiter } from '../../../src/infra/rate-limit.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from '../../../src/plan/slack/answer-blocks.js';
import { FALLBACK_LABEL, UNKNOWN_ANSWER, THANKS_DOWN, THANKS_UP, SUGGESTED_PROMPTS, THINKING_TEXT } from '../../../src/plan/slack/texts.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { BOT_ID, BOT_USER_ID, startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction } from '../../helpers/slack-requests.js';
import { buttons, threadOutput, waitForAnswer } from '../../helpers/qa-output.js';

/**
 * The Slack glue of plan Q&A, driven through the real app with signed requests and the loopback
 * Slack fake. The answerer is either the real one in extractive mode (no model) or a small
 * in-test PlanAnswerer that records what it was asked and streams what it is told to.
 */

interface Asked {
  question: string;
  options: AskOptions;
}

function scripted(reply: (q: string, o: AskOptions) => Partial<Answer> & { stream?: string[] }): PlanAnswerer & { asked: Asked[] } {
  const asked: Asked[] = [];
  return {
    asked,
    async answer(question, options = {}) {
      asked.push({ question, options });
      const r = reply(question, options);
      const answer: Answer = {
        question,
        answer: r.answer ?? '元気アップ会議は、若手職員が中心となって職場の改善を話し合う会議です。',
        found: r.found ?? true,
        mode: r.mode ?? 'llm',
        citations: r.citations ?? [{ section: '4(2)②', title: '元気アップ会議を設置し、若手職員の声を生かします', text: '若手職員を中心とした元気アップ会議' }],
        ...(r.fallback ? { fallback: r.fallback } : {}),
        ...(r.refused ? { refused: r.refused } : {}),
      };
      for (const piece of r.stream ?? [answer.answer]) await options.onDelta?.(piece);
      return answer;
    },
  };
}

let n = 0;
/** A fresh channel id per case, so each case's calls are easy to tell apart. */
const channel = (kind: 'C' | 'D') => `${kind}0T${String(++n).padStart(4, '0')}`;
const ts = () => `${1_700_100_000 + ++n}.000200`;

describe('plan Q&A in Slack', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;
  const extractive = createPlanAnswerer({ model: 'none', logger: silentLogger });

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });
  beforeEach(() => {
    slack.reset();
    t.bot.services.qa.plan = extractive;
  });

  const send = async (event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}) => {
    const res = await post(t.eventsUrl, signedEvent(event, opts));
    expect(res.status).toBe(200);
    return res;
  };

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

  describe('/plan', () => {
    it('acks with 考えています… and answers through response_url with sources and buttons', async () => {
      const res = await post(t.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('plan1') }));
      expect(res.status).toBe(200);
      expect(res.text).toContain(THINKING_TEXT);
      const [reply] = await slack.waitFor('response_url', (c) => c.args.replace_original === true);
      expect(reply!.args.response_type).toBe('ephemeral');
      const json = JSON.stringify(reply!.args.blocks);
      expect(json).toContain('元気アップ会議');
      expect(json).toContain('出典');
      expect(json).toContain(FEEDBACK_UP_ACTION);
    });

    it('answers an empty /plan politely', async () => {
      const res = await post(t.eventsUrl, signedCommand({ command: '/plan', text: '  ', response_url: slack.responseUrl('plan2') }));
      expect(res.status).toBe(200);
      const [reply] = await slack.waitFor('response_url');
      expect(JSON.stringify(reply!.args)).toMatch(/ご質問の内容が空/);
    });
  });

  describe('feedback buttons', () => {
    it('stores 👍/👎 per user, only the last click counts, and thanks the user privately', async () => {
      const dm = channel('D');
      const at = ts();
      await send({ type: 'message', user: 'U0STAFF08', channel: dm, channel_type: 'im', ts: at, text: '元気アップ会議とは？' });
      const out = await waitForAnswer(slack, dm, at);
      const id = buttons(out)[0]!.value;
      const click = async (user: string, actionId: string) =>
        post(t.eventsUrl, signedInteraction(blockActionPayload({ userId: user, actionId, value: id, channelId: dm, messageTs: '1.0', responseUrl: slack.responseUrl(`fb-${user}-${actionId}`) })));
      expect((await click('U0STAFF08', FEEDBACK_UP_ACTION)).status).toBe(200);
      expect((await click('U0STAFF08', FEEDBACK_DOWN_ACTION)).status).toBe(200);
      expect((await click('U0STAFF09', FEEDBACK_UP_ACTION)).status).toBe(200);
      await slack.waitFor('response_url', () => true, 3);
      const fb = new FeedbackStore(redis.client);
      expect(await fb.tally(id)).toEqual({ up: 1, down: 1 });
      expect(await fb.voteOf(id, 'U0STAFF08')).toBe('down');
      const thanks = slack.callsTo('response_url').map((c) => c.args);
      expect(thanks.every((a) => a.response_type === 'ephemeral' && a.replace_original === false)).toBe(true);
      expect(thanks.map((a) => a.text)).toEqual(expect.arrayContaining([THANKS_UP, THANKS_DOWN]));
    });

    it('refuses a forged answer id politely and stores nothing', async () => {
      const before = await redis.client.keys('plan:fb:*');
      const res = await post(
        t.eventsUrl,
        signedInteraction(blockActionPayload({ userId: 'U0STAFF08', actionId: FEEDBACK_UP_ACTION, value: 'ffffffffffffffff', channelId: 'C0X', messageTs: '1.0', responseUrl: slack.responseUrl('forged') })),
      );
      expect(res.status).toBe(200);
      const [reply] = await slack.waitFor('response_url');
      expect(reply!.args.text).toBe(UNKNOWN_ANSWER);
      expect(await redis.client.keys('plan:fb:*')).toEqual(before);
    });
  });

  describe('assistant pane', () => {
    it('greets with suggested prompts when a thread starts', async () => {
      const dm = channel('D');
      const root = ts();
      await send({ type: 'assistant_thread_started', assistant_thread: { user_id: 'U0STAFF10', channel_id: dm, thread_ts: root, context: {} }, event_ts: root });
      const [prompts] = await slack.waitFor('assistant.threads.setSuggestedPrompts');
      expect(prompts!.args).toMatchObject({ channel_id: dm, thread_ts: root });
      expect(prompts!.args.prompts).toEqual(SUGGESTED_PROMPTS);
      expect(SUGGESTED_PROMPTS.map((p) => p.message)).toEqual(expect.arrayContaining(['３つの心構えとは？', '元気アップ会議とは？', '管理監督者の役割は？', 'OJTとOFF-JTの違いは？']));
      expect(slack.callsTo('chat.postMessage').find((c) => c.args.channel === dm)?.args.thread_ts).toBe(root);
    });

    it('greets once when Slack retries assistant_thread_started (same event_id)', async () => {
      const dm = channel('D');
      const root = ts();
      const ev = { type: 'assistant_thread_started', assistant_thread: { user_id: 'U0STAFF10', channel_id: dm, thread_ts: root, context: {} }, event_ts: root };
      await send(ev, { eventId: 'Ev0GREET0001' });
      await send(ev, { eventId: 'Ev0GREET0001', retryNum: 1 });
      await slack.waitFor('assistant.threads.setSuggestedPrompts');
      await new Promise((r) => setTimeout(r, 300));
      expect(slack.callsTo('assistant.threads.setSuggestedPrompts')).toHaveLength(1);
      expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === dm)).toHaveLength(1);
    });

    it('shows a thinking status, titles the thread, streams the answer and keeps the conversation', async () => {
      const plan = scripted((q) => ({ answer: `${q}についてのお答えです。` }));
      t.bot.services.qa.plan = plan;
      const dm = channel('D');
      const root = ts();
      const m1 = ts();
      await send({ type: 'message', user: 'U0STAFF11', channel: dm, channel_type: 'im', ts: m1, thread_ts: root, text: '元気アップ会議とは？' });
      const out = await waitForAnswer(slack, dm, root);
      expect(out.streamed).toBe(true);
      const status = slack.callsTo('assistant.threads.setStatus').find((c) => c.args.channel_id === dm)!;
      expect(status.args).toMatchObject({ thread_ts: root, status: THINKING_TEXT });
      expect(slack.callsTo('assistant.threads.setTitle').find((c) => c.args.channel_id === dm)?.args.title).toBe('元気アップ会議とは？');
      await send({ type: 'message', user: 'U0STAFF11', channel: dm, channel_type: 'im', ts: ts(), thread_ts: root, text: 'いつ開かれますか？' });
      await expect.poll(() => plan.asked.length).toBe(2);
      expect(plan.asked[1]!.options.history?.map((h) => h.content)).toEqual(['元気アップ会議とは？', '元気アップ会議とは？についてのお答えです。']);
      // The title is set once, from the first question.
      await new Promise((r) => setTimeout(r, 300));
      expect(slack.callsTo('assistant.threads.setTitle').filter((c) => c.args.channel_id === dm)).toHaveLength(1);
    });
  });
});
