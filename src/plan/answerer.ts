import type OpenAI from 'openai';
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { Logger } from '../infra/logger.js';
import { actionPointer, injectionText, notFoundText, refusalText } from './answer-texts.js';
import { action } from './intent.js';
import { loadPlan, type Plan } from './corpus.js';
import { extractiveAnswer } from './extractive.js';
import { ModelAnswerError, requestModelAnswer, type ModelUsage } from './model-answer.js';
import type { PartialObject } from './partial-json.js';
import { checkQuestion, detectLanguage, looksLikePromptInjection, MAX_QUESTION_CHARS, whatIsAsked, type Lang } from './question.js';
import { verifyCitations, type ClaimedCitation } from './quotes.js';
import { defaultQuestionBank, EMPTY_BANK } from './question-bank.js';
import { createRetriever, type Retriever } from './retrieval.js';
import {
  boundHistory,
  buildFullPlanPrefix,
  buildRulesOnlyPrefix,
  DEFAULT_HISTORY_LIMITS,
  echoesRules,
  estimateTokens,
  formatPassages,
  formatQuestion,
  type HistoryLimits,
} from './system-prompt.js';
import type { Answer, AskOptions, PlanAnswerer } from './types.js';
import { redactSecrets } from '../infra/redact-secrets.js';

/**
 * The answering pipeline shared by Slack, the CLI and the benchmark.
 *
 *   question → checks (empty / too long / no words) → model answer or extractive answer
 *
 * With a model client: the system message is a stable prefix (rules + the whole plan, same bytes
 * every call, so provider prompt caching reuses it); thread history and the question follow. If
 * the plan ever outgrows `tokenBudget`, the prefix keeps only the rules and the retrieved passages
 * go with the question instead. The structured reply is zod-validated; every quote is checked
 * against the plan and citations that fail are dropped; with none left the answer is "not in the
 * plan" (found:false). A model error, a timeout or an invalid reply falls back to an extractive
 * answer, labelled (`fallback`) and worded as an automatic excerpt.
 *
 * Streaming (`onDelta`): the model's `answer` text is passed on as it arrives, but only once its
 * citations (which the reply writes first) are complete and at least one has been verified. In
 * every other case (extractive, refusal, not found) onDelta is called once with the final text.
 * The resolved Answer is authoritative: if the model fails after text was streamed, the Answer
 * carries `fallback` and a different text, and the caller should replace what it showed.
 */

export interface PlanAnswererDeps {
  /** Absent: extractive answers only. */
  openai?: OpenAI;
  model: string;
  logger: Logger;
  /** The plan; default: loadPlan() (prompts/plan.md). */
  plan?: Plan;
  /** Default: a retriever over the plan's sections. */
  retriever?: Retriever;
  /** Deadline for one model answer, retries and streaming included. Default 25 s. */
  timeoutMs?: number;
  /** Per HTTP attempt (until headers). Default 15 s. */
  attemptTimeoutMs?: number;
  /** SDK retries on 429/5xx/connection errors. Default 1. */
  maxRetries?: number;
  /** Largest system prefix (estimated tokens) sent whole; above it, retrieved passages are sent. Default 60,000. */
  tokenBudget?: number;
  /** Passages sent in the retrieved-passages mode. Default 6. */
  passages?: number;
  /** Default 1,000 characters. */
  maxQuestionChars?: number;
  /** Default: last 6 turns, 600 characters each. */
  historyLimits?: HistoryLimits;
}

export const DEFAULT_TIMEOUT_MS = 25_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_RETRIES = 1;
export const DEFAULT_TOKEN_BUDGET = 60_000;

export function createPlanAnswerer(deps: PlanAnswererDeps): PlanAnswerer {
  const plan = deps.plan ?? loadPlan();
  // The question bank is about the plan in prompts/: another plan (tests) is searched on its own words.
  const retriever = deps.retriever ?? createRetriever(plan.sections, deps.plan ? EMPTY_BANK : defaultQuestionBank());
  const logger = deps.logger;
  const maxChars = deps.maxQuestionChars ?? MAX_QUESTION_CHARS;
  const fullPrefix = buildFullPlanPrefix(plan.sections);
  const wholePlan = estimateTokens(fullPrefix) <= (deps.tokenBudget ?? DEFAULT_TOKEN_BUDGET);
  const prefix = wholePlan ? fullPrefix : buildRulesOnlyPrefix();
  const mode = deps.openai ? 'llm' : 'extractive';
  if (deps.openai && !wholePlan) {
    logger.info({ tokens: estimateTokens(fullPrefix) }, 'plan exceeds the token budget: sending retrieved passages');
  }

  async function deliver(answered: Answer, options: AskOptions, streamed: string, started: number, extra: object = {}): Promise<Answer> {
    // Wanting to do something the bot offers (ワールドカフェに申し込みたい): point to the command.
    const wants = answered.refused ? undefined : action(answered.question);
    const pointer = wants ? actionPointer(wants, detectLanguage(answered.question)) : '';
    const answer = pointer ? { ...answered, answer: `${answered.answer}\n\n${pointer}` } : answered;
    if (options.onDelta && streamed === '') await safeDelta(options, answer.answer, logger);
    else if (options.onDelta && pointer) await safeDelta(options, `\n\n${pointer}`, logger);
    logger.info(
      {
        mode: answer.mode,
        found: answer.found,
        citations: answer.citations.length,
        fallback: answer.fallback,
        refused: answer.refused,
        questionChars: answer.question.length,
        ms: Date.now() - started,
        ...extra,
      },
      'plan answer',
    );
    return answer;
  }

  function extractive(question: string, lang: Lang, options: AskOptions, fallback?: Answer['fallback']): Omit<Answer, 'mode'> {
    if (looksLikePromptInjection(question)) {
      return { question, answer: injectionText(lang), found: false, citations: [], ...(fallback ? { fallback } : {}) };
    }
    const r = extractiveAnswer({ plan, retriever, question: whatIsAsked(question), lang, history: options.history, fallback: Boolean(fallback) });
    const answer = fallback && !r.found ? `${fallbackNotice(lang)}\n\n${r.answer}` : r.answer;
    return { question, ...r, answer, ...(fallback ? { fallback } : {}) };
  }

  return {
    async answer(rawQuestion: string, options: AskOptions = {}): Promise<Answer> {
      const started = Date.now();
      const check = checkQuestion(typeof rawQuestion === 'string' ? rawQuestion : '', maxChars);
      if (!check.ok) {
        const shown = typeof rawQuestion === 'string' ? rawQuestion.trim() : '';
        return deliver(
          {
            question: check.refused === 'too_long' ? `${[...shown].slice(0, 200).join('')}…` : shown,
            answer: refusalText(check.refused, check.lang, maxChars),
            found: false,
            mode,
            citations: [],
            refused: check.refused,
          },
          options,
          '',
          started,
        );
      }
      const { text: question, lang } = check;
      if (!deps.openai) {
        return deliver({ ...extractive(question, lang, options), mode: 'extractive' }, options, '', started);
      }

      // Credentials someone pasted never reach the model (src/infra/redact-secrets.ts).
      const userContent = wholePlan
        ? formatQuestion(redactSecrets(question), lang)
        : `${formatPassages(retriever.search(question, deps.passages ?? 6).hits.map((h) => h.section))}\n${formatQuestion(redactSecrets(question), lang)}`;
      const messages: ChatCompletionMessageParam[] = [
        { role: 'system', content: prefix },
        ...boundHistory(options.history, deps.historyLimits ?? DEFAULT_HISTORY_LIMITS).map((t) => ({ ...t, content: redactSecrets(t.content) })),
        { role: 'user', content: userContent },
      ];

      // Streaming gate: see the comment at the top of this file.
      let gate: 'pending' | 'open' | 'closed' = 'pending';
      let streamed = '';
      const onProgress = options.onDelta
        ? async (p: PartialObject) => {
            if (!p.streaming) return;
            if (gate === 'pending') {
              const claimed = p.complete.citations;
              gate =
                p.complete.found === true && Array.isArray(claimed) && verifyCitations(plan, claimed.filter(isClaim)).length > 0
                  ? 'open'
                  : 'closed';
            }
            if (gate !== 'open') return;
            const text = p.streaming.done ? p.streaming.value.trim() : p.streaming.value.trimStart().trimEnd();
            if (text.length > streamed.length && text.startsWith(streamed)) {
              const delta = text.slice(streamed.length);
              streamed = text;
              await safeDelta(options, delta, logger);
            }
          }
        : undefined;

      let usage: ModelUsage | undefined;
      try {
        const result = await requestModelAnswer({
          openai: deps.openai,
          model: deps.model,
          messages,
          timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
          attemptTimeoutMs: deps.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
          maxRetries: deps.maxRetries ?? DEFAULT_MAX_RETRIES,
          signal: options.signal,
          onProgress,
        });
        usage = result.usage;
        const reply = result.answer;
        const citations = verifyCitations(plan, reply.citations);
        const dropped = reply.citations.length - citations.length;
        const text = reply.answer.trim();
        if (reply.found && citations.length > 0 && text === '') {
          throw new ModelAnswerError('invalid_output', 'empty answer');
        }
        let answer: Answer;
        if (!reply.found || citations.length === 0) {
          answer = { question, answer: notFoundText(lang), found: false, mode: 'llm', citations: [] };
        } else if (echoesRules(text)) {
          answer = { question, answer: injectionText(lang), found: false, mode: 'llm', citations: [] };
        } else {
          answer = { question, answer: text, found: true, mode: 'llm', citations };
        }
        return await deliver(answer, options, streamed, started, { dropped, wholePlan, usage });
      } catch (err) {
        if (!(err instanceof ModelAnswerError)) throw err;
        logger.warn({ kind: err.kind, status: err.status, err: err.message }, 'model answer unavailable: extractive fallback');
        return deliver({ ...extractive(question, lang, options, err.kind), mode: 'extractive' }, options, streamed, started, {
          wholePlan,
          usage,
        });
      }
    },
  };
}

function isClaim(c: unknown): c is ClaimedCitation {
  return typeof c === 'object' && c !== null && typeof (c as ClaimedCitation).section === 'string' && typeof (c as ClaimedCitation).quote === 'string';
}

function fallbackNotice(lang: Lang): string {
  return lang === 'en'
    ? 'The AI answer was unavailable, so I searched the plan text alone.'
    : 'AI による回答を取得できなかったため、プラン本文の検索だけで確認しました。';
}

async function safeDelta(options: AskOptions, text: string, logger: Logger): Promise<void> {
  if (!options.onDelta || text === '') return;
  try {
    await options.onDelta(text);
  } catch (err) {
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'onDelta failed');
  }
}
