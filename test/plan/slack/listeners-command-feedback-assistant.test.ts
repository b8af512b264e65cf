import { describe, expect, it } from 'vitest';
import { FeedbackStore } from '../../../src/plan/feedback.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from '../../../src/plan/slack/answer-blocks.js';
import { UNKNOWN_ANSWER, THANKS_DOWN, THANKS_UP, SUGGESTED_PROMPTS, THINKING_TEXT } from '../../../src/plan/slack/texts.js';
import { channel, scripted, ts, usePlanInSlack } from '../../helpers/plan-listeners.js';
import { blockActionPayload, post, signedCommand, signedInteraction } from '../../helpers/slack-requests.js';
import { buttons, waitForAnswer } from '../../helpers/qa-output.js';

/**
 * The Slack glue of plan Q&A, driven through the real app with signed requests and the loopback
 * Slack fake: /plan, the 👍/👎 buttons under an answer, and the assistant pane.
 */

describe('plan Q&A in Slack', () => {
  const { redis, slack, t, send } = usePlanInSlack();

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
