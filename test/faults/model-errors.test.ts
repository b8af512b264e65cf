import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createModelClient } from '../../src/plan/model-client.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/infra/logger.js';
import { createPlanAnswerer, DEFAULT_MAX_RETRIES } from '../../src/plan/answerer.js';
import { startOpenAIFake, type OpenAIFake } from '../helpers/openai-fake.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { post, signedCommand } from '../helpers/slack-requests.js';

/**
 * The model fails: rate-limited (429 with Retry-After), a server error (500), a dropped
 * connection, or no answer in time. The bot retries within a bound, then answers from the plan
 * text, labelled as such (「AI による回答を取得できなかったため…」), and the source is shown.
 */

const LABEL = 'AI による回答を取得できなかったため';
const MAX_ATTEMPTS = 1 + DEFAULT_MAX_RETRIES;

describe('fault: model errors, end to end through /plan', () => {
  const { slack, ai, app } = useQaHarness({ model: true });
  let n = 0;

  async function ask(): Promise<string> {
    n += 1;
    const before = slack.callsTo('response_url').length;
    const res = await post(app.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', user_id: `U0MODEL${n}`, response_url: slack.responseUrl(`m${n}`) }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    const calls = await slack.waitFor('response_url', () => true, before + 1, 20_000);
    return JSON.stringify([calls.at(-1)!.args.text, calls.at(-1)!.args.blocks]);
  }

  beforeEach(() => ai.reset());

  it('429 with Retry-After: waits as told, retries within the bound, then a labelled extractive answer', async () => {
    ai.handle(() => ({ status: 429, headers: { 'retry-after': '1' }, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } } }));
    const shown = await ask();
    expect(ai.chatRequests.length).toBe(MAX_ATTEMPTS);
    const [first, second] = ai.chatRequests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(900);
    expect(shown).toContain(LABEL);
    expect(shown).toContain('4(2)②');
  });

  it('500: retried within the bound, then a labelled extractive answer', async () => {
    ai.handle(() => ({ status: 500 }));
    const shown = await ask();
    expect(ai.chatRequests.length).toBe(MAX_ATTEMPTS);
    expect(shown).toContain(LABEL);
    expect(shown).toContain('元気アップ会議');
  });

  it('a dropped connection: retried within the bound, then a labelled extractive answer', async () => {
    ai.handle(() => ({ hangUp: true }));
    const shown = await ask();
    expect(ai.chatRequests.length).toBe(MAX_ATTEMPTS);
    expect(shown).toContain(LABEL);
  });
});

describe('fault: a model that does not answer in time (the production client, short deadlines)', () => {
  let ai: OpenAIFake;
  beforeAll(async () => {
    ai = await startOpenAIFake();
  });
  afterAll(async () => {
    await ai?.stop();
  });

  it('gives up at the deadline, with bounded attempts, and answers from the plan text, labelled', async () => {
    ai.handle(() => ({ delayMs: 5_000, content: '{}' }));
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: ai.baseUrl });
    const answerer = createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger: silentLogger, attemptTimeoutMs: 300, timeoutMs: 1_500 });
    const t0 = Date.now();
    const answer = await answerer.answer('元気アップ会議とは？');
    expect(Date.now() - t0).toBeLessThan(2_500);
    expect(ai.chatRequests.length).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(answer.mode).toBe('extractive');
    expect(answer.fallback).toBe('timeout');
    expect(answer.answer).toContain(LABEL);
    expect(answer.citations[0]?.section).toBe('4(2)②');
  });
});
