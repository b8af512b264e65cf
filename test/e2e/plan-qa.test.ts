import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/corpus.js';
import { FALLBACK_LABEL, THINKING_TEXT } from '../../src/plan/slack/texts.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { planReply, startOpenAIFake, type ChatRequest, type OpenAIFake } from '../helpers/openai-fake.js';
import { useRedis } from '../helpers/redis.js';
import { BOT_USER_ID, startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, signedEvent } from '../helpers/slack-requests.js';
import { buttons, waitForAnswer } from '../helpers/qa-output.js';

/**
 * Plan Q&A end to end: the real app in HTTP mode, real signed Slack requests, the real answerer
 * talking to a loopback OpenAI-compatible fake (streamed chat completions), a loopback Slack
 * Web API fake, and a private Redis.
 */

const plan = loadPlan();
const genki = plan.byId.get('4(2)②')!;
/** A verbatim sentence of the plan, so the answerer's quote check lets the citation through. */
const genkiQuote = genki.text.split('。')[0]!.slice(0, 60);

function questionOf(req: ChatRequest): string {
  const last = req.body.messages?.at(-1)?.content;
  const m = /<question>\n?([\s\S]*?)\n?<\/question>/.exec(String(last ?? ''));
  return m?.[1]?.trim() ?? '';
}

const groundedReply = (answer: string) => ({
  content: planReply({ citations: [{ section: '4(2)②', quote: genkiQuote }], found: true, answer }),
  chunkChars: 12,
});

describe('e2e: plan Q&A over HTTP with signed requests', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let ai: OpenAIFake;
  let t: TestApp;
  let n = 0;
  const ts = () => `${1_700_200_000 + ++n}.000300`;

  beforeAll(async () => {
    slack = await startSlackFake();
    ai = await startOpenAIFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, openaiBaseUrl: ai.baseUrl });
  });
  afterAll(async () => {
    await t?.stop();
    await ai?.stop();
    await slack?.stop();
  });
  beforeEach(() => {
    slack.reset();
    ai.reset();
    ai.handle(() => groundedReply('**元気アップ会議**は、各職場から選ばれた若手職員を中心に、区民サービスの向上をめざして業務の工夫を話し合う会議です。'));
  });

  it('a mention gets a threaded answer with its source', async () => {
    const at = ts();
    const res = await post(t.eventsUrl, signedEvent({ type: 'app_mention', user: 'U0STAFF01', channel: 'C0E2E01', ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
    expect(res.status).toBe(200);
    const out = await waitForAnswer(slack, 'C0E2E01', at);
    if (process.env.DEBUG_E2E) console.log(JSON.stringify(out.calls.map((c) => [c.method, c.args]), null, 1));
    expect(out.calls.filter((c) => c.method === 'chat.startStream' || c.method === 'chat.postMessage').every((c) => c.args.thread_ts === at)).toBe(true);
    expect(out.text).toContain('元気アップ会議');
    expect(out.text).toContain('4(2)②');
    expect(out.text).toContain(genki.title.slice(0, 10));
    expect(out.text.replace(/\s/g, '')).toContain(genkiQuote.replace(/\s/g, '').slice(0, 20));
    expect(buttons(out)).toHaveLength(2);
    // The model saw the question (the mention removed) and the plan as a stable system prefix.
    const [req] = ai.chatRequests;
    expect(questionOf(req!)).toBe('元気アップ会議とは？');
    expect(req!.body.stream).toBe(true);
    expect(String(req!.body.messages?.[0]?.content)).toContain(genkiQuote);
  });

  it('a retried event (same event_id, x-slack-retry-num) is answered once', async () => {
    const at = ts();
    const ev = { type: 'app_mention', user: 'U0STAFF02', channel: 'C0E2E02', ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` };
    expect((await post(t.eventsUrl, signedEvent(ev, { eventId: 'Ev0E2ERETRY1' }))).status).toBe(200);
    expect((await post(t.eventsUrl, signedEvent(ev, { eventId: 'Ev0E2ERETRY1', retryNum: 1 }))).status).toBe(200);
    expect((await post(t.eventsUrl, signedEvent(ev, { eventId: 'Ev0E2ERETRY1', retryNum: 2 }))).status).toBe(200);
    await waitForAnswer(slack, 'C0E2E02', at);
    await new Promise((r) => setTimeout(r, 500));
    expect(ai.chatRequests).toHaveLength(1);
    expect(slack.callsTo('chat.startStream').filter((c) => c.args.channel === 'C0E2E02')).toHaveLength(1);
    expect(slack.callsTo('chat.stopStream').filter((c) => c.args.channel === 'C0E2E02')).toHaveLength(1);
  });

  it('a forged signature gets 401 and nothing happens', async () => {
    const forged = signedEvent({ type: 'app_mention', user: 'U0STAFF03', channel: 'C0E2E03', ts: ts(), text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }, { secret: 'not-the-signing-secret-123' });
    const res = await post(t.eventsUrl, forged);
    expect(res.status).toBe(401);
    const cmd = await post(t.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('forged') }, { secret: 'not-the-signing-secret-123' }));
    expect(cmd.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls).toEqual([]);
    expect(ai.requests).toEqual([]);
  });

  it('/plan is acked within 3 s while the model takes 5 s, and the answer still arrives', async () => {
    ai.handle(() => ({ ...groundedReply('元気アップ会議は、若手職員を中心とする会議です。'), delayMs: 5_000 }));
    const sentAt = Date.now();
    const res = await post(t.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('slow') }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    expect(res.text).toContain(THINKING_TEXT);
    expect(slack.callsTo('response_url')).toEqual([]);
    const [answer] = await slack.waitFor('response_url', () => true, 1, 15_000);
    // The answer came after the slow model, not instead of it.
    expect(answer!.at - sentAt).toBeGreaterThanOrEqual(4_500);
    expect(ai.chatRequests).toHaveLength(1);
    const json = JSON.stringify(answer!.args);
    expect(json).toContain('若手職員を中心とする会議');
    expect(json).toContain('4(2)②');
    expect(json).not.toContain(FALLBACK_LABEL);
  }, 30_000);

  it('a DM follow-up in a thread carries the conversation to the model', async () => {
    ai.handle((req) =>
      groundedReply(questionOf(req).includes('誰') ? '各職場から選出された若手職員が中心です。' : '元気アップ会議は、区民サービスの向上をめざす会議です。'),
    );
    const first = ts();
    await post(t.eventsUrl, signedEvent({ type: 'message', user: 'U0STAFF04', channel: 'D0E2E04', channel_type: 'im', ts: first, text: '元気アップ会議とは？' }));
    await waitForAnswer(slack, 'D0E2E04', first);
    await post(t.eventsUrl, signedEvent({ type: 'message', user: 'U0STAFF04', channel: 'D0E2E04', channel_type: 'im', ts: ts(), thread_ts: first, text: '誰が参加しますか？' }));
    const [, second] = await ai.waitForRequests(2);
    const roles = second!.body.messages!.map((m) => m.role);
    expect(roles[0]).toBe('system');
    const history = second!.body.messages!.slice(1, -1);
    expect(history).toEqual([
      { role: 'user', content: expect.stringContaining('元気アップ会議とは？') },
      { role: 'assistant', content: expect.stringContaining('区民サービスの向上をめざす会議') },
    ]);
    expect(questionOf(second!)).toBe('誰が参加しますか？');
    await expect.poll(() => slack.callsTo('chat.stopStream').filter((c) => c.args.channel === 'D0E2E04').length, { timeout: 10_000 }).toBe(2);
  });

  it('a model error is retried, then answered from the plan text with a visible label', async () => {
    ai.handle(() => ({ status: 500 }));
    const at = ts();
    await post(t.eventsUrl, signedEvent({ type: 'app_mention', user: 'U0STAFF05', channel: 'C0E2E05', ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
    const out = await waitForAnswer(slack, 'C0E2E05', at, 20_000);
    expect(ai.chatRequests.length).toBeGreaterThanOrEqual(2);
    expect(out.text).toContain(FALLBACK_LABEL);
    expect(out.text).toContain('4(2)②');
  }, 30_000);

  it('model output cannot ping or post live links; its URLs are shown intact as code', async () => {
    ai.handle(() => groundedReply('<!channel> <@U0BOSS> @here 元気アップ会議は[こちら](https://evil.example/x)をご覧ください。'));
    const at = ts();
    await post(t.eventsUrl, signedEvent({ type: 'app_mention', user: 'U0STAFF06', channel: 'C0E2E06', ts: at, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
    const out = await waitForAnswer(slack, 'C0E2E06', at);
    const sent = out.calls.map((c) => JSON.stringify(c.args)).join('\n');
    expect(sent).toContain('元気アップ会議');
    expect(sent).not.toMatch(/<!channel>|<@U0BOSS>|@here|\]\(|(?<!`)https:\/\/evil/);
    // The URL itself is intact (copyable), shown as inline code.
    expect(sent).toContain('`https://evil.example/x`');
  });

  it('posted nothing whose links Slack would unfurl (unfurl_links and unfurl_media false on every message)', () => {
    expect(slack.unfurlable.map((c) => `${c.method} → ${String(c.args.channel)}`)).toEqual([]);
  });
});
