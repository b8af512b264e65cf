import { startRedisServer } from '../src/infra/redis-server.js';
import { startTestApp } from '../test/helpers/app.js';
import { planReply, startOpenAIFake } from '../test/helpers/openai-fake.js';
import { BOT_USER_ID, startSlackFake, type SlackCall } from '../test/helpers/slack-fake.js';
import { post, signedEvent } from '../test/helpers/slack-requests.js';
import { median, round, sleep } from './stats.js';
import type { Bench } from './types.js';

/**
 * answer_overhead_p50_ms: what the bot itself adds between a question and its answer. A signed
 * app_mention goes to the real app (HTTP mode, private redis-server, loopback Slack fake) whose
 * model is a loopback OpenAI fake that answers at once (streamed, with a verified citation); the
 * clock stops when Slack receives the finished answer (chat.stopStream, or the chat.postMessage
 * that carries it). One mention at a time, each in its own channel; median over TRIALS after
 * WARMUP mentions.
 */

const WARMUP = 15;
const TRIALS = 60;
const MARKER = '若手職員を中心メンバーとする会議です';

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const slack = await startSlackFake();
  const ai = await startOpenAIFake();
  ai.handle(() => ({
    chunkChars: 24,
    content: planReply({
      citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
      found: true,
      answer: `元気アップ会議は、各職場から選出された${MARKER}。業務の工夫や効率化、職場環境の改善などに区役所全体で自主的に取り組みます。`,
    }),
  }));
  const app = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, openaiBaseUrl: ai.baseUrl });
  const finished = (channel: string) => (c: SlackCall) =>
    c.args.channel === channel && (c.method === 'chat.stopStream' || (c.method === 'chat.postMessage' && JSON.stringify(c.args).includes(MARKER)));
  try {
    const timings: number[] = [];
    for (let i = 0; i < WARMUP + TRIALS; i++) {
      const channel = `CBENCH${String(i).padStart(4, '0')}`;
      const ts = `17000${String(10_000 + i)}.000100`;
      // A different asker each time: the per-user question limit must not kick in.
      const req = signedEvent({ type: 'app_mention', user: `UBENCH${String(i).padStart(4, '0')}`, channel, ts, text: `<@${BOT_USER_ID}> 元気アップ会議とは？` });
      const t0 = performance.now();
      const res = await post(app.eventsUrl, req);
      if (res.status !== 200) throw new Error(`answer bench: HTTP ${res.status}`);
      const isDone = finished(channel);
      const deadline = Date.now() + 15_000;
      let done: SlackCall | undefined;
      while (!(done = slack.calls.find(isDone)) && Date.now() < deadline) await sleep(1);
      if (!done) throw new Error('answer bench: no answer within 15 s');
      const ms = done.at - (performance.timeOrigin + t0);
      const shown = slack.calls.some((c) => c.args.channel === channel && JSON.stringify(c.args).includes(MARKER));
      if (!shown) throw new Error('answer bench: the model answer was not shown');
      if (i >= WARMUP) timings.push(ms);
      slack.calls.length = 0;
      ai.reset();
      await sleep(5);
    }
    return [{ name: 'answer_overhead_p50_ms', value: round(median(timings)), unit: 'ms' }];
  } finally {
    await app.stop();
    await ai.stop();
    await slack.stop();
    await redis.stop();
  }
};

export default bench;
