import nock from 'nock';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/infra/logger.js';
import { createPlanAnswerer } from '../../src/plan/answerer.js';
import { readPartialObject } from '../../src/plan/partial-json.js';
import { COMPLETIONS_PATH, OPENAI_BASE, OPENAI_BASE_URL, completionBody, JSON_HEADERS, sseBody, SSE_HEADERS } from './model-replies.js';

const GENKI = '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し';
const ANSWER = '元気アップ会議は、**若手職員**を中心とする会議です。\n- 業務の工夫や効率化\n- 職場環境の改善 🙂 "引用"';

function answerer() {
  const openai = new OpenAI({ apiKey: 'sk-test', baseURL: OPENAI_BASE_URL, maxRetries: 0 });
  return createPlanAnswerer({ openai, model: 'test-model', logger: silentLogger, maxRetries: 0 });
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('streaming (onDelta)', () => {
  it('streams the answer text in pieces once the citations are verified; the pieces make the final answer', async () => {
    const content = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: ANSWER });
    let sent: { stream?: boolean } = {};
    nock(OPENAI_BASE)
      .post(COMPLETIONS_PATH, (b: { stream?: boolean }) => ((sent = b), true))
      .reply(200, sseBody(content, 5), SSE_HEADERS);
    const deltas: string[] = [];
    const a = await answerer().answer('元気アップ会議とは？', { onDelta: (d) => void deltas.push(d) });
    expect(sent.stream).toBe(true);
    expect(a).toMatchObject({ found: true, mode: 'llm', answer: ANSWER });
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(a.answer);
  });

  it('never streams the text of an answer whose quotes fail: onDelta gets only the final "not in the plan"', async () => {
    const content = JSON.stringify({
      citations: [{ section: '4(2)②', quote: '元気アップ会議は毎週金曜日に区長室で開催します' }],
      found: true,
      answer: '毎週金曜日に開催されます。',
    });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, sseBody(content, 4), SSE_HEADERS);
    const deltas: string[] = [];
    const a = await answerer().answer('元気アップ会議はいつ？', { onDelta: (d) => void deltas.push(d) });
    expect(a.found).toBe(false);
    expect(deltas).toEqual([a.answer]);
    expect(deltas.join('')).not.toContain('金曜日');
  });

  it('found:false is not streamed either', async () => {
    const content = JSON.stringify({ citations: [], found: false, answer: 'たぶん20日です。' });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, sseBody(content, 4), SSE_HEADERS);
    const deltas: string[] = [];
    const a = await answerer().answer('年休は何日？', { onDelta: (d) => void deltas.push(d) });
    expect(deltas).toEqual([a.answer]);
    expect(a.answer.startsWith('プランには記載がありません')).toBe(true);
  });

  it('an endpoint that ignores stream:true and sends one JSON body works the same', async () => {
    const content = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: ANSWER });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, completionBody(content), JSON_HEADERS);
    const deltas: string[] = [];
    const a = await answerer().answer('元気アップ会議とは？', { onDelta: (d) => void deltas.push(d) });
    expect(a.answer).toBe(ANSWER);
    expect(deltas.join('')).toBe(ANSWER);
  });

  it('a stream that breaks off mid-answer falls back; the Answer (not the streamed text) is authoritative', async () => {
    const content = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: ANSWER });
    const cut = sseBody(content, 5).split('\n\n').slice(0, 30).join('\n\n') + '\n\n';
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, cut, SSE_HEADERS);
    const deltas: string[] = [];
    const a = await answerer().answer('元気アップ会議とは？', { onDelta: (d) => void deltas.push(d) });
    expect(a).toMatchObject({ mode: 'extractive', fallback: 'invalid_output', found: true });
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('')).not.toBe(a.answer); // the caller replaces what it showed
  });

  it('a failing onDelta does not break the answer', async () => {
    const content = JSON.stringify({ citations: [{ section: '4(2)②', quote: GENKI }], found: true, answer: ANSWER });
    nock(OPENAI_BASE).post(COMPLETIONS_PATH).reply(200, sseBody(content), SSE_HEADERS);
    const a = await answerer().answer('元気アップ会議とは？', {
      onDelta: () => {
        throw new Error('slack is down');
      },
    });
    expect(a).toMatchObject({ found: true, mode: 'llm', answer: ANSWER });
  });
});

describe('readPartialObject', () => {
  const full = JSON.stringify({ citations: [{ section: '4(2)②', quote: 'a"b\\c' }], found: true, answer: 'こんにちは\n"世界" 😀' });

  it('reads a complete object', () => {
    const p = readPartialObject(full, 'answer');
    expect(p.complete).toEqual(JSON.parse(full));
    expect(p.streaming).toEqual({ value: 'こんにちは\n"世界" 😀', done: true });
  });

  it('every prefix parses without throwing, and the streamed text only grows', () => {
    let last = '';
    for (let i = 0; i <= full.length; i++) {
      const p = readPartialObject(full.slice(0, i), 'answer');
      const v = p.streaming?.value ?? '';
      expect(v.startsWith(last), `prefix ${i}`).toBe(true);
      last = v;
      if (p.streaming) expect(p.complete.citations).toEqual([{ section: '4(2)②', quote: 'a"b\\c' }]);
    }
    expect(last).toBe('こんにちは\n"世界" 😀');
  });

  it('does not hand out half an escape or half a surrogate pair', () => {
    const s = '{"answer": "ab\\u00';
    expect(readPartialObject(s, 'answer').streaming).toEqual({ value: 'ab', done: false });
    const emoji = JSON.stringify({ answer: '😀' }).replace('😀', '\\ud83d\\ude00');
    expect(readPartialObject(emoji.slice(0, emoji.indexOf('\\ude00')), 'answer').streaming?.value).toBe('');
  });

  it('not an object → nothing', () => {
    expect(readPartialObject('hello', 'answer')).toEqual({ complete: {} });
  });
});
