/** Chat-completions replies as an OpenAI-compatible endpoint sends them (for nock and loopback fakes). */

export const OPENAI_BASE = 'http://openai.test';
export const OPENAI_BASE_URL = `${OPENAI_BASE}/v1`;
export const COMPLETIONS_PATH = '/v1/chat/completions';

export interface ReplyObject {
  citations: { section: string; quote: string }[];
  found: boolean;
  answer: string;
}

/** A non-streamed chat.completion whose message content is `content` (usually JSON text). */
export function completionBody(content: string, refusal: string | null = null): Record<string, unknown> {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: 'test-model',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 7200, completion_tokens: 120, total_tokens: 7320, prompt_tokens_details: { cached_tokens: 7040 } },
  };
}

/** The same content as a server-sent-events stream, cut into pieces of `pieceChars`. */
export function sseBody(content: string, pieceChars = 7): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: unknown) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'test-model',
      choices: usage ? [] : [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...(usage ? { usage } : {}),
    })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' });
  const chars = [...content];
  for (let i = 0; i < chars.length; i += pieceChars) out += chunk({ content: chars.slice(i, i + pieceChars).join('') });
  out += chunk({}, 'stop');
  out += chunk({}, null, { prompt_tokens: 7200, completion_tokens: 120, total_tokens: 7320, prompt_tokens_details: { cached_tokens: 7040 } });
  out += 'data: [DONE]\n\n';
  return out;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream' };
export const JSON_HEADERS = { 'content-type': 'application/json' };
