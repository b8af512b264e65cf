import { beforeEach, expect } from 'vitest';
import { createPlanAnswerer } from '../../src/plan/answerer.js';
import type { Answer, AskOptions, PlanAnswerer } from '../../src/plan/types.js';
import { silentLogger } from '../../src/infra/logger.js';
import { useQaHarness } from './qa-harness.js';
import { post, signedEvent } from './slack-requests.js';

/**
 * What the tests of plan Q&A's Slack glue (test/plan/slack/listeners-*.test.ts) share: the real
 * app (useQaHarness) answering with the real answerer in extractive mode (no model) unless a test
 * swaps in a small in-test PlanAnswerer that records what it was asked and streams what it is told
 * to; fresh channel ids and timestamps; and sending a signed event.
 */

interface Asked {
  question: string;
  options: AskOptions;
}

/** A PlanAnswerer that records what it was asked and answers (and streams) what `reply` tells it to. */
export function scripted(reply: (q: string, o: AskOptions) => Partial<Answer> & { stream?: string[] }): PlanAnswerer & { asked: Asked[] } {
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
export const channel = (kind: 'C' | 'D') => `${kind}0T${String(++n).padStart(4, '0')}`;
export const ts = () => `${1_700_100_000 + ++n}.000200`;

/** The app with the extractive answerer put back and the Slack fake's calls cleared before each test. */
export function usePlanInSlack() {
  const { redis, slack, app: t } = useQaHarness();
  const extractive = createPlanAnswerer({ model: 'none', logger: silentLogger });

  beforeEach(() => {
    slack.reset();
    t.bot.services.qa.plan = extractive;
  });

  const send = async (event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}) => {
    const res = await post(t.eventsUrl, signedEvent(event, opts));
    expect(res.status).toBe(200);
    return res;
  };

  return { redis, slack, t, send };
}
