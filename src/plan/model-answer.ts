import type OpenAI from 'openai';
import { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai/error';
import { zodResponseFormat } from 'openai/helpers/zod';
import { Stream } from 'openai/core/streaming';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { z } from 'zod';
import { readPartialObject, type PartialObject } from './partial-json.js';

/**
 * One call to an OpenAI-compatible chat-completions endpoint for a structured plan answer.
 *
 * The reply's shape is enforced twice: `response_format` (JSON schema from zod, strict) asks the
 * provider for it, and zod validates what actually came back. Keys are ordered citations → found →
 * answer, so when the `answer` text starts streaming its citations are already complete and can be
 * checked before a single word is shown.
 *
 * Time is bounded explicitly: each HTTP attempt has `attemptTimeoutMs`, the SDK retries 429/5xx/
 * connection errors `maxRetries` times, and the whole call (retries and the streamed body included)
 * is cut at `timeoutMs`.
 */

export const ModelAnswerSchema = z.object({
  citations: z
    .array(
      z.object({
        section: z.string().describe('節番号（例: 4(2)②）'),
        quote: z.string().describe('その節の本文から一字一句そのまま写した文字列'),
      }),
    )
    .describe('根拠となる引用。プランに記載がなければ空'),
  found: z.boolean().describe('プランに答えが書かれていれば true'),
  answer: z.string().describe('利用者への回答'),
});

export type ModelAnswer = z.infer<typeof ModelAnswerSchema>;

export type ModelFailure = 'model_error' | 'timeout' | 'invalid_output';

export class ModelAnswerError extends Error {
  constructor(
    readonly kind: ModelFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ModelAnswerError';
  }
}

export interface ModelUsage {
  promptTokens?: number;
  cachedTokens?: number;
  completionTokens?: number;
}

export interface ModelRequest {
  openai: OpenAI;
  model: string;
  messages: ChatCompletionMessageParam[];
  /** Deadline for the whole call, retries and streamed body included. */
  timeoutMs: number;
  /** Per HTTP attempt (until the response headers arrive). */
  attemptTimeoutMs: number;
  maxRetries: number;
  signal?: AbortSignal;
  /** Called whenever more of the reply has arrived. Errors thrown here are the caller's business. */
  onProgress?: (partial: PartialObject) => void | Promise<void>;
}

export interface ModelResult {
  answer: ModelAnswer;
  usage?: ModelUsage;
}

const responseFormat = zodResponseFormat(ModelAnswerSchema, 'plan_answer');

/** Reasoning models answer much faster with low effort; other endpoints may not know the parameter. */
function extraParams(model: string): Record<string, unknown> {
  return /^(gpt-5|o\d)/i.test(model) ? { reasoning_effort: 'low' } : {};
}

class Deadline extends Error {}

export async function requestModelAnswer(req: ModelRequest): Promise<ModelResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Deadline('deadline')), req.timeoutMs);
  const relay = () => controller.abort(req.signal?.reason);
  if (req.signal?.aborted) relay();
  req.signal?.addEventListener('abort', relay, { once: true });

  let content = '';
  let refusal = '';
  let usage: ModelUsage | undefined;
  try {
    const response = await req.openai.chat.completions
      .create(
        {
          model: req.model,
          messages: req.messages,
          response_format: responseFormat,
          stream: true,
          stream_options: { include_usage: true },
          ...extraParams(req.model),
        },
        { signal: controller.signal, timeout: req.attemptTimeoutMs, maxRetries: req.maxRetries },
      )
      .asResponse();

    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const stream = Stream.fromSSEResponse<ChatCompletionChunk>(response, controller);
      for await (const chunk of stream) {
        const delta = chunk.choices?.[0]?.delta;
        if (chunk.usage) usage = toUsage(chunk.usage);
        if (delta?.refusal) refusal += delta.refusal;
        if (delta?.content) {
          content += delta.content;
          await req.onProgress?.(readPartialObject(content, 'answer'));
        }
      }
      // The SDK's stream ends quietly when aborted: a cut-off reply is a timeout, not a bad reply.
      if (controller.signal.aborted) throw controller.signal.reason;
    } else {
      // An endpoint that ignores `stream: true` and answers with one JSON body.
      const body = (await response.json()) as ChatCompletion;
      const message = body.choices?.[0]?.message;
      content = message?.content ?? '';
      refusal = message?.refusal ?? '';
      if (body.usage) usage = toUsage(body.usage);
      if (content) await req.onProgress?.(readPartialObject(content, 'answer'));
    }
  } catch (err) {
    throw classify(err, controller.signal);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', relay);
  }

  if (!content.trim() && refusal.trim()) {
    // The provider's own safety refusal: nothing from the plan to cite.
    return { answer: { citations: [], found: false, answer: '' }, usage };
  }
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    throw new ModelAnswerError('invalid_output', `reply is not JSON (${content.length} chars)`);
  }
  const parsed = ModelAnswerSchema.safeParse(json);
  if (!parsed.success) {
    throw new ModelAnswerError('invalid_output', `reply fails the schema: ${parsed.error.issues[0]?.message ?? '?'}`);
  }
  return { answer: parsed.data, usage };
}

function toUsage(u: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } }): ModelUsage {
  return { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, cachedTokens: u.prompt_tokens_details?.cached_tokens };
}

function classify(err: unknown, signal: AbortSignal): ModelAnswerError {
  if (err instanceof ModelAnswerError) return err;
  if (signal.aborted) return new ModelAnswerError('timeout', signal.reason instanceof Deadline ? 'deadline passed' : 'aborted by caller');
  if (err instanceof APIConnectionTimeoutError) return new ModelAnswerError('timeout', 'request timed out');
  if (err instanceof APIUserAbortError) return new ModelAnswerError('timeout', 'aborted');
  if (err instanceof APIError) return new ModelAnswerError('model_error', `model API error ${err.status ?? ''}`.trim(), err.status);
  const message = err instanceof Error ? err.message : String(err);
  return new ModelAnswerError('model_error', `model call failed: ${message}`);
}
