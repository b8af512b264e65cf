import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseForm } from 'node:querystring';
import { HTTPModuleFunctions, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../infra/logger.js';
import { AckPriority } from './ack-priority.js';
import { logRefusal, type PayloadScreen } from './payload-screen.js';
import { verifySlackSignature } from './verify-signature.js';
import { errorMessage } from '../infra/errors.js';

/**
 * The bot's HTTP-mode receiver: takes Slack's requests on one path, verifies them, hands them
 * to Bolt (`app.processEvent`) with an `ack` that answers the HTTP request, and serves a few
 * plain routes (`GET /healthz`). Bolt's routing, middleware and listeners are untouched; this
 * replaces only Bolt's HTTPReceiver, for four reasons:
 *
 * - Acks come before work: an acked listener continues only once no other Slack request waits
 *   for its ack (AckPriority), so a burst of clicks is acknowledged first and worked on after.
 * - Every request is checked for size (413 over `bodyLimitBytes`, and the connection is closed)
 *   and for a timestamp within five minutes either way (Bolt 5.1 accepts a signed timestamp
 *   from the future).
 * - Every payload is screened before Bolt sees it (src/slack/payload-screen.ts): one schema per
 *   kind, ids by their patterns, response_url only to Slack, only this app's team and app id.
 *   What fails gets a 200 and one warn line naming the kind and the field, and nothing else.
 * - The signature is compared in constant time with crypto.timingSafeEqual, without the random
 *   key and two extra HMACs per request of Bolt's tsscmp: the path to the ack stays short.
 * - Shutdown can stop listening, let in-flight requests finish, then close what is left.
 *
 * Responses follow Bolt's HTTPReceiver: 401 for a request that does not verify, 400 for a body
 * that does not parse, the challenge for url_verification, 200 for ssl_check, 404 when no
 * listener acked (at once when Bolt is done with the request, or after 3 s), 500 when Bolt threw.
 */

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Plain routes by "METHOD /path", e.g. "GET /healthz". */
  routes?: Record<string, Route>;
  /** Larger bodies get 413 (Slack's own payloads are far smaller). */
  bodyLimitBytes?: number;
  /** A listener that has not acked by then gets a 404 sent for it (Slack waits 3 s). */
  unackedTimeoutMs?: number;
  /** Checks each payload before Bolt sees it; without it every verified payload goes to Bolt. */
  screen?: PayloadScreen;
}

/** Where Slack sends events, commands and interactivity (manifest.yml). */
const SLACK_PATH = '/slack/events';

/** 1 MiB: a view submission with every field at its limit is well under 100 KB. */
const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Longer than a load balancer's usual 60 s idle timeout. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

class BodyTooLargeError extends Error {}

export class SlackHttpReceiver implements Receiver {
  private app?: App;
  private server?: Server;
  private readonly routes: Map<string, Route>;
  private readonly bodyLimit: number;
  private readonly unackedTimeoutMs: number;
  private readonly priority = new AckPriority();

  constructor(private readonly options: SlackHttpReceiverOptions) {
    this.routes = new Map(Object.entries(options.routes ?? {}));
    this.bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
    this.unackedTimeoutMs = options.unackedTimeoutMs ?? 3_001;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Listens on `port` (0: a free one) and resolves with the server. */
  start(port: number): Promise<Server> {
    if (this.server) return Promise.reject(new Error('the receiver is already started'));
    const server = createServer((req, res) => this.route(req, res));
    // Behind a load balancer, idle keep-alive connections must outlive the balancer's own idle
    // timeout (60 s on common ones), or it may send a request on a socket Node is just closing (a 502).
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  /** Stops taking connections; resolves once the open ones have closed (see closeAllConnections). */
  stop(): Promise<void> {
    const server = this.server;
    if (!server) return Promise.resolve();
    return new Promise<void>((resolve) => {
      server.close(() => {
        this.server = undefined;
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  /** Drops every connection still open, for the end of a shutdown. */
  closeAllConnections(): void {
    this.server?.closeAllConnections();
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (path === SLACK_PATH) {
      if (req.method !== 'POST') return reply(res, 405);
      this.priority.track(req, res);
      void this.handleSlackRequest(req, res);
      return;
    }
    const handler = this.routes.get(`${req.method ?? 'GET'} ${path}`);
    if (handler) return handler(req, res);
    reply(res, 404);
  }

  private async handleSlackRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = this.options.logger;
    let raw: Buffer;
    try {
      raw = await readBody(req, this.bodyLimit);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        log.warn({ limit: this.bodyLimit }, 'slack request refused: body too large');
        // Close the connection: Node would otherwise keep reading the body into it, and the
        // client's next request on that connection would wait behind it.
        res.shouldKeepAlive = false;
        return reply(res, 413);
      }
      return void res.destroy();
    }
    const form = isForm(req);
    // Slack's ssl_check carries no signature and asks for nothing but a 200 (as in Bolt).
    if (form && raw.length < 256 && parseForm(raw.toString()).ssl_check === '1') return reply(res, 200);

    const check = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      timestamp: req.headers['x-slack-request-timestamp'],
      signature: req.headers['x-slack-signature'],
      rawBody: raw,
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    if (!check.ok) {
      log.warn({ reason: check.reason }, 'slack request refused: signature does not verify');
      return reply(res, 401);
    }

    let body: Record<string, any>;
    try {
      body = parseBody(raw, form);
    } catch {
      log.warn('slack request refused: body does not parse');
      return reply(res, 400);
    }
    if (body.type === 'url_verification') {
      const challenge = typeof body.challenge === 'string' && body.challenge.length <= 1_000 ? body.challenge : undefined;
      if (challenge === undefined) log.warn({ kind: 'url_verification', field: 'challenge' }, 'slack request refused: malformed payload');
      return reply(res, 200, challenge === undefined ? undefined : { challenge });
    }
    const verdict = body === DUPLICATE_PAYLOAD ? ({ ok: false, kind: 'interaction', reason: 'malformed', field: 'payload' } as const) : this.options.screen?.(body);
    if (verdict && !verdict.ok) {
      logRefusal(log, verdict);
      return reply(res, 200);
    }

    const ack = this.ackFor(res);
    void this.dispatch({
      body,
      ack,
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    });
  }

  /** Hands the request to Bolt. Holds no reference to the HTTP request or response (see ackFor). */
  private async dispatch(event: ReceiverEvent & { ack: SlackAck }): Promise<void> {
    const log = this.options.logger;
    try {
      await this.app?.processEvent(event);
      if (event.ack.abandon(404)) log.warn('slack request not acknowledged by any listener');
    } catch (err) {
      log.error({ err: errorMessage(err) }, 'slack request failed');
      event.ack.abandon(500);
    }
  }

  /**
   * The request's ack: answers once (a second call throws, as in Bolt), then lets requests still
   * waiting for their ack go first before the listener goes on. Once it has answered it lets go
   * of the response (and with it the request and socket): during a burst, hundreds of acked
   * requests wait for their turn, and what they keep alive is what every young-generation GC
   * has to copy, in the middle of the acks still to come.
   */
  private ackFor(res: ServerResponse): SlackAck {
    let pending: ServerResponse | undefined = res;
    let timedOut = false;
    const finish = (status: number, body?: unknown): boolean => {
      if (!pending) return false;
      reply(pending, status, body);
      pending = undefined;
      clearTimeout(timer);
      return true;
    };
    const timer = setTimeout(() => {
      if (!finish(404)) return;
      timedOut = true;
      this.options.logger.error('a Slack request was not acknowledged within 3 s');
    }, this.unackedTimeoutMs);
    const ack = async (response?: unknown): Promise<void> => {
      if (!finish(200, response)) {
        if (timedOut) return; // the 3 s timer answered already; the listener's work goes on
        throw new Error('ack() was called more than once');
      }
      await this.priority.afterAcks();
    };
    return Object.assign(ack, { abandon: (status: number) => finish(status) });
  }
}

/** Bolt's ack plus `abandon(status)`: answers with an error status if nobody acked (true if it did). */
type SlackAck = ReceiverEvent['ack'] & { abandon(status: number): boolean };

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > limit) return reject(new BodyTooLargeError());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** A form with more than one `payload` field: signed, but not something Slack sends. */
const DUPLICATE_PAYLOAD: Record<string, any> = Object.freeze({});

/** JSON (Events API) or a form: slash commands as fields, interactivity as a JSON `payload` field. */
function parseBody(raw: Buffer, form: boolean): Record<string, any> {
  const text = raw.toString('utf8');
  const fields = form ? parseForm(text) : undefined;
  if (Array.isArray(fields?.payload)) return DUPLICATE_PAYLOAD;
  const parsed: unknown = !fields ? JSON.parse(text) : typeof fields.payload === 'string' ? JSON.parse(fields.payload) : fields;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  return parsed as Record<string, any>;
}
