import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakeServer, type TestTls } from './tls.js';

/** One call the bot made to the fake Slack. */
export interface SlackCall {
  /** Web API method ("chat.postMessage"), "response_url" for respond(), "upload" for file bodies. */
  method: string;
  /** Parsed arguments; JSON-looking form fields (blocks, view …) are parsed too. */
  args: Record<string, any>;
  headers: IncomingMessage['headers'];
  raw: string;
  /** The body as received (file uploads are binary). */
  bytes: Buffer;
  at: number;
  /** The request path, e.g. /respond/r1 for responseUrl('r1'). */
  path: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type Override = (call: SlackCall) => FakeReply | undefined | Promise<FakeReply | undefined>;

export const BOT_USER_ID = 'UBOTMINATO';
export const BOT_ID = 'BBOTMINATO';
/** The app the fake's bot token belongs to (bots.info; auth.test leaves it out, as Slack may). */
export const APP_ID = 'A0MINATO';

/**
 * A loopback stand-in for Slack's Web API (SLACK_API_URL) and for response_url.
 * Records every call and answers like Slack would for the methods the bot uses.
 */
export class SlackFake {
  readonly calls: SlackCall[] = [];
  /** Messages posted so that Slack could unfurl their links (kept across reset()). */
  readonly unfurlable: SlackCall[] = [];
  private server?: Server;
  private overrides = new Map<string, Override>();
  private tsCounter = 1_700_000_000;
  baseUrl = '';

  /** Listens on `listenOn` (default: a free port); over TLS when `tls` is given. */
  async start(listenOn = 0, tls?: TestTls): Promise<this> {
    const { server, scheme } = createFakeServer((req, res) => void this.handle(req, res), tls);
    this.server = server;
    await new Promise<void>((r) => server.listen(listenOn, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `${scheme}://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  /** The value for SLACK_API_URL (Slack's WebClient wants the trailing slash). */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  /** A response_url the bot can post to; calls show up as method "response_url". */
  responseUrl(id = 'r1'): string {
    return `${this.baseUrl}/respond/${id}`;
  }

  /** Replace the answer for one method. Return undefined to fall back to the default. */
  on(method: string, override: Override): void {
    this.overrides.set(method, override);
  }

  reset(): void {
    this.calls.length = 0;
    this.overrides.clear();
  }

  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits until `count` calls match, or fails after `timeoutMs`. */
  async waitFor(method: string, predicate: (c: SlackCall) => boolean = () => true, count = 1, timeoutMs = 10_000): Promise<SlackCall[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.calls.filter((c) => c.method === method && predicate(c));
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ');
        throw new Error(`SlackFake: expected ${count} × ${method}, got ${found.length}. Calls so far: ${seen || 'none'}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    let method: string;
    if (path.startsWith('/api/')) method = path.slice('/api/'.length);
    else if (path.startsWith('/respond/')) method = 'response_url';
    else if (path.startsWith('/upload/')) method = 'upload';
    else method = path;
    const call: SlackCall = { method, args: parseArgs(raw, req.headers['content-type'] ?? '', method), headers: req.headers, raw, path, bytes, at: Date.now() };
    this.calls.push(call);
    if (['chat.postMessage', 'chat.scheduleMessage'].includes(method) && (String(call.args.unfurl_links) !== 'false' || String(call.args.unfurl_media) !== 'false')) this.unfurlable.push(call);
    const reply = (await this.overrides.get(method)?.(call)) ?? this.defaultReply(call);
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { ok: true }));
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `${this.tsCounter}.000100`;
  }

  private defaultReply(call: SlackCall): FakeReply {
    const a = call.args;
    switch (call.method) {
      case 'auth.test':
        return { body: { ok: true, url: 'https://minato.slack.com/', team: 'minato', team_id: 'T0MINATO', user: 'minato-navi', user_id: BOT_USER_ID, bot_id: BOT_ID } };
      case 'bots.info':
        return { body: { ok: true, bot: { id: a.bot, app_id: APP_ID, user_id: BOT_USER_ID, name: 'minato-navi' } } };
      case 'chat.postMessage':
      case 'chat.startStream':
        return { body: { ok: true, channel: a.channel, ts: this.nextTs(), message: { text: a.text, blocks: a.blocks } } };
      case 'chat.update':
      case 'chat.stopStream':
      case 'chat.appendStream':
        return { body: { ok: true, channel: a.channel, ts: a.ts } };
      case 'chat.postEphemeral':
        return { body: { ok: true, message_ts: this.nextTs() } };
      case 'chat.scheduleMessage':
        return { body: { ok: true, channel: a.channel, scheduled_message_id: `Q${this.nextTs()}`, post_at: a.post_at } };
      case 'conversations.open':
        return { body: { ok: true, channel: { id: `D${String(a.users ?? 'X').split(',')[0]}` } } };
      case 'conversations.info':
        return { body: { ok: true, channel: { id: a.channel, name: 'general', is_member: true } } };
      case 'users.info':
        return { body: { ok: true, user: { id: a.user, name: 'staff', real_name: '港 太郎', tz: 'Asia/Tokyo', is_bot: false } } };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish':
        return { body: { ok: true, view: { id: `V${this.nextTs().replace('.', '')}`, hash: 'h1', ...(a.view ?? {}) } } };
      case 'files.getUploadURLExternal':
        return { body: { ok: true, upload_url: `${this.baseUrl}/upload/F1`, file_id: 'F0EXPORT' } };
      case 'files.completeUploadExternal':
        return { body: { ok: true, files: [{ id: 'F0EXPORT', title: a.files?.[0]?.title ?? '' }] } };
      case 'upload':
        return { body: 'OK' };
      default:
        return { body: { ok: true } };
    }
  }
}

function parseArgs(raw: string, contentType: string, method: string): Record<string, any> {
  if (method === 'upload') return { body: raw };
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, any>;
    } catch {
      return { raw };
    }
  }
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** Starts a fake and stops it after the file's tests. */
export async function startSlackFake(tls?: TestTls): Promise<SlackFake> {
  return new SlackFake().start(0, tls);
}
