import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeServer, type TestTls } from './tls.js';

/**
 * A loopback stand-in for an OpenAI-compatible API (OPENAI_BASE_URL = fake.baseUrl), for the
 * end-to-end tests and the benchmark. It answers POST /v1/chat/completions the way the real
 * API does: one JSON body, or Server-Sent Events chunks when the request says `stream: true`.
 * Every request is recorded (`fake.requests`); a handler decides each reply (content, status,
 * delay, chunking).
 *
 *   const ai = await startOpenAIFake();
 *   ai.handle(() => ({ content: planReply({ found: true, answer: '…', citations: [{ section: '4(2)②', quote: '…' }] }) }));
 *   ai.handle(() => ({ status: 500 }));           // a model error
 *   ai.handle(() => ({ content: '…', delayMs: 5_000 }));  // a slow model
 */

export interface ChatRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: {
    model?: string;
    stream?: boolean;
    messages?: { role: string; content: unknown }[];
    [k: string]: unknown;
  };
  at: number;
}

export interface FakeModelReply {
  /** HTTP status; non-2xx answers with an OpenAI-style error body unless `body` is given. */
  status?: number;
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** The assistant message content (for structured answers: a JSON string, see planReply). */
  content?: string;
  /** The assistant message refusal (provider safety refusal). */
  refusal?: string;
  /** A raw body instead of a generated one (string sent as is, anything else as JSON). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Force SSE (true) or one JSON body (false); default: what the request asked for. */
  stream?: boolean;
  /** Characters of content per SSE chunk (default 16). */
  chunkChars?: number;
  /** Pause between SSE chunks (default 0). */
  chunkDelayMs?: number;
  /** Close the connection without answering. */
  hangUp?: boolean;
}

export type ModelHandler = (req: ChatRequest) => FakeModelReply | Promise<FakeModelReply>;

export interface PlanReplyShape {
  citations: { section: string; quote: string }[];
  found: boolean;
  answer: string;
}

/** The JSON content a model returns for the plan answer schema (citations, found, answer — in that order). */
export function planReply(r: PlanReplyShape): string {
  return JSON.stringify({ citations: r.citations, found: r.found, answer: r.answer });
}

export class OpenAIFake {
  readonly requests: ChatRequest[] = [];
  private server?: Server;
  private handler: ModelHandler = () => ({ content: planReply({ citations: [], found: false, answer: 'プランには記載がありません。' }) });
  private root = '';
  private counter = 0;

  /** Over TLS when `tls` is given. */
  async start(tls?: TestTls): Promise<this> {
    const { server, scheme } = createFakeServer((req, res) => void this.serve(req, res), tls);
    this.server = server;
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    const { port } = this.server.address() as AddressInfo;
    this.root = `${scheme}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** The value for OPENAI_BASE_URL. */
  get baseUrl(): string {
    return `${this.root}/v1`;
  }

  /** Decides the reply to every following request. */
  handle(handler: ModelHandler): void {
    this.handler = handler;
  }

  reset(): void {
    this.requests.length = 0;
  }

  /** Chat-completion requests received so far. */
  get chatRequests(): ChatRequest[] {
    return this.requests.filter((r) => r.path.endsWith('/chat/completions'));
  }

  async waitForRequests(count: number, timeoutMs = 10_000): Promise<ChatRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.chatRequests.length < count) {
      if (Date.now() > deadline) throw new Error(`OpenAIFake: expected ${count} requests, got ${this.chatRequests.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.chatRequests;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: ChatRequest['body'] = {};
    try {
      body = raw ? (JSON.parse(raw) as ChatRequest['body']) : {};
    } catch {
      body = {};
    }
    const path = (req.url ?? '').split('?')[0] ?? '';
    const call: ChatRequest = { path, headers: req.headers, body, at: Date.now() };
    this.requests.push(call);
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } }));
      return;
    }
    let reply: FakeModelReply;
    try {
      reply = await this.handler(call);
    } catch (err) {
      reply = { status: 500, body: { error: { message: String(err), type: 'server_error' } } };
    }
    if (reply.delayMs) await sleep(reply.delayMs, res);
    if (res.destroyed) return;
    if (reply.hangUp) {
      req.socket.destroy();
      return;
    }
    const status = reply.status ?? 200;
    if (status < 200 || status >= 300) {
      res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { error: { message: `fake error ${status}`, type: 'server_error', code: null } }));
      return;
    }
    if (reply.body !== undefined) {
      res.writeHead(status, { 'content-type': 'application/json', ...reply.headers });
      res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
      return;
    }
    const id = `chatcmpl-fake${++this.counter}`;
    const model = body.model ?? 'fake-model';
    const created = Math.floor(Date.now() / 1000);
    const content = reply.content ?? '';
    const usage = { prompt_tokens: 1000, completion_tokens: Math.ceil(content.length / 2), total_tokens: 1000 + Math.ceil(content.length / 2), prompt_tokens_details: { cached_tokens: 0 } };
    const stream = reply.stream ?? body.stream === true;
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json', ...reply.headers });
      res.end(
        JSON.stringify({
          id,
          object: 'chat.completion',
          created,
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: reply.refusal ? null : content, refusal: reply.refusal ?? null }, finish_reason: 'stop', logprobs: null }],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...reply.headers });
    const send = (data: unknown) => res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
    });
    send(chunk({ role: 'assistant', content: '' }));
    if (reply.refusal) {
      send(chunk({ refusal: reply.refusal }));
    } else {
      const size = Math.max(1, reply.chunkChars ?? 16);
      const chars = [...content];
      for (let i = 0; i < chars.length; i += size) {
        if (res.destroyed) return;
        send(chunk({ content: chars.slice(i, i + size).join('') }));
        if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs, res);
      }
    }
    send(chunk({}, 'stop'));
    send({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
    send('[DONE]');
    res.end();
  }
}

function sleep(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    res.once('close', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

export async function startOpenAIFake(tls?: TestTls): Promise<OpenAIFake> {
  return new OpenAIFake().start(tls);
}
