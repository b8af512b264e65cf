import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import nock from 'nock';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/infra/logger.js';
import { createPlanAnswerer, type PlanAnswererDeps } from '../../src/plan/answerer.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { COMPLETIONS_PATH, OPENAI_BASE, OPENAI_BASE_URL, completionBody, JSON_HEADERS } from './model-replies.js';

/** Model failures: each one falls back to a labelled extractive answer, and nothing crashes. */

const plan = loadPlan();
const GENKI = '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し';

function answerer(extra: Partial<PlanAnswererDeps> = {}) {
  const openai = new OpenAI({ apiKey: 'sk-test', baseURL: OPENAI_BASE_URL, maxRetries: 0 });
  return createPlanAnswerer({ openai, model: 'test-model', logger: silentLogger, maxRetries: 0, ...extra });
}

function expectLabelledExcerpt(a: Awaited<ReturnType<ReturnType<typeof answerer>['answer']>>, fallback: string) {
  expect(a.mode).toBe('extractive');
  expect(a.fallback).toBe(fallback);
  expect(a.found).toBe(true);
  expect(a.answer).toContain('AI による回答を取得できなかったため');
  expect(a.answer).toContain('抜粋');
  expect(a.citations[0]!.section).toBe('4(2)②');
  for (const c of a.citations) expect(compactForMatch(plan.byId.get(c.section)!.text)).toContain(compactForMatch(c.text));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('model reply that fails the schema', () => {
  it('not JSON at all', async () => {
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, completionBody('元気アップ会議は若手の会議です。'), JSON_HEADERS);
    expectLabelledExcerpt(await answerer().answer('元気アップ会議とは？'), 'invalid_output');
  });

  it('JSON of the wrong shape', async () => {
    const bad = JSON.stringify({ answer: 42, found: 'yes', citations: [{ section: '4(2)②' }] });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, completionBody(bad), JSON_HEADERS);
    expectLabelledExcerpt(await answerer().answer('元気アップ会議とは？'), 'invalid_output');
  });

  it('truncated JSON', async () => {
    const cut = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: '元気アップ会議は…' }).slice(0, 60);
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, completionBody(cut), JSON_HEADERS);
    expectLabelledExcerpt(await answerer().answer('元気アップ会議とは？'), 'invalid_output');
  });

  it('found:true with verified quotes but an empty answer', async () => {
    const empty = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: '  ' });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, completionBody(empty), JSON_HEADERS);
    expectLabelledExcerpt(await answerer().answer('元気アップ会議とは？'), 'invalid_output');
  });
});

describe('model errors', () => {
  it('500 after the retries → model_error excerpt', async () => {
    const scope = nock(OPENAI_BASE).post(COMPLETIONS_PATH).times(2).reply(500, { error: { message: 'boom' } });
    const a = await answerer({ maxRetries: 1 }).answer('元気アップ会議とは？');
    expect(scope.isDone()).toBe(true); // the first try and one retry
    expectLabelledExcerpt(a, 'model_error');
  });

  it('429 → model_error excerpt', async () => {
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(429, { error: { message: 'rate limited' } }, { 'retry-after': '0' });
    expectLabelledExcerpt(await answerer().answer('元気アップ会議とは？'), 'model_error');
  });

  it('a 500 followed by a good reply is retried and answered by the model', async () => {
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(500, { error: { message: 'boom' } }, { 'retry-after-ms': '10' });
    nock(OPENAI_BASE)
      .post(COMPLETIONS_PATH)
      .reply(200, completionBody(JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: '若手職員の会議です。' })), JSON_HEADERS);
    const a = await answerer({ maxRetries: 1 }).answer('元気アップ会議とは？');
    expect(a).toMatchObject({ mode: 'llm', found: true, answer: '若手職員の会議です。' });
    expect(a.fallback).toBeUndefined();
  });

  it('an error for a question the plan does not cover still says "not in the plan", labelled', async () => {
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(503, { error: { message: 'unavailable' } });
    const a = await answerer().answer('明日の大阪の天気は晴れますか？');
    expect(a).toMatchObject({ mode: 'extractive', fallback: 'model_error', found: false, citations: [] });
    expect(a.answer).toContain('AI による回答を取得できなかったため');
    expect(a.answer).toContain('プランには記載がありません');
  });
});

/**
 * Timeouts and dropped connections need real sockets (nock's delayed replies do not observe an
 * aborted fetch): a loopback server that accepts the request and then stalls, or hangs up.
 */
describe('a model that times out, or hangs up', () => {
  let server: Server;
  let baseURL = '';
  let behaviour: 'stall' | 'stall-body' | 'hang-up' = 'stall';
  let requests = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    nock.enableNetConnect('127.0.0.1');
    server = createServer((req, res) => {
      requests++;
      req.resume();
      if (behaviour === 'hang-up') req.socket.destroy();
      else if (behaviour === 'stall-body') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify({ id: 'x', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { content: '{"citations":[' } }] })}\n\n`);
        // …and nothing more.
      }
      // 'stall': never answer.
    });
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
    nock.disableNetConnect();
  });

  const loopback = (extra: Partial<PlanAnswererDeps>) =>
    createPlanAnswerer({
      openai: new OpenAI({ apiKey: 'sk-test', baseURL, maxRetries: 0 }),
      model: 'test-model',
      logger: silentLogger,
      maxRetries: 0,
      ...extra,
    });

  it('no response headers within the attempt timeout → timeout excerpt', async () => {
    behaviour = 'stall';
    const started = Date.now();
    const a = await loopback({ attemptTimeoutMs: 300, timeoutMs: 10_000 }).answer('元気アップ会議とは？');
    expectLabelledExcerpt(a, 'timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('the overall deadline cuts the retries short → timeout excerpt', async () => {
    behaviour = 'stall';
    requests = 0;
    const a = await loopback({ attemptTimeoutMs: 200, timeoutMs: 900, maxRetries: 10 }).answer('元気アップ会議とは？');
    expectLabelledExcerpt(a, 'timeout');
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThan(10);
  });

  it('a stream that starts and then stalls is cut at the deadline → timeout excerpt', async () => {
    behaviour = 'stall-body';
    const a = await loopback({ attemptTimeoutMs: 5_000, timeoutMs: 500 }).answer('元気アップ会議とは？');
    expectLabelledExcerpt(a, 'timeout');
  });

  it('the caller’s abort signal also ends the wait with an excerpt', async () => {
    behaviour = 'stall';
    const a = await loopback({ timeoutMs: 10_000 }).answer('元気アップ会議とは？', { signal: AbortSignal.timeout(300) });
    expectLabelledExcerpt(a, 'timeout');
  });

  it('a connection that hangs up → model_error excerpt', async () => {
    behaviour = 'hang-up';
    const a = await loopback({}).answer('元気アップ会議とは？');
    expectLabelledExcerpt(a, 'model_error');
  });
});

describe('English', () => {
  it('English question: the excerpt’s lead-in is English, the quotes Japanese', async () => {
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(500, { error: { message: 'boom' } });
    const a = await answerer().answer('What is OJT?');
    expect(a.fallback).toBe('model_error');
    expect(a.answer).toMatch(/^The AI answer was unavailable/);
    expect(a.citations.length).toBeGreaterThan(0);
    expect(a.citations[0]!.text).toMatch(/[\p{Script=Han}\p{Script=Hiragana}]/u);
  });
});
