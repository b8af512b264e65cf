import { connect, type AddressInfo } from 'node:net';
import { App, LogLevel, type ReceiverEvent } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/infra/logger.js';
import { SlackHttpReceiver } from '../../src/slack/http-receiver.js';
import { eventBody, post, sign, signedCommand, signedEvent, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The HTTP receiver on its own, on a loopback port: what Slack (or a forger) gets back for each
 * kind of request, and what reaches Bolt.
 */

type Dispatch = (event: ReceiverEvent) => Promise<void>;

let stopAll: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(stopAll.map((s) => s()));
  stopAll = [];
});

/** The receiver in front of a stand-in for Bolt's App (only processEvent is used). */
async function serve(dispatch: Dispatch, options: { bodyLimitBytes?: number; unackedTimeoutMs?: number } = {}) {
  const receiver = new SlackHttpReceiver({
    signingSecret: TEST_SIGNING_SECRET,
    logger: silentLogger,
    routes: { 'GET /healthz': (_req, res) => res.writeHead(200).end('fine') },
    ...options,
  });
  const seen: ReceiverEvent[] = [];
  receiver.init({
    processEvent: (e: ReceiverEvent) => {
      seen.push(e);
      return dispatch(e);
    },
  } as unknown as App);
  const server = await receiver.start(0);
  expect(server.keepAliveTimeout, 'idle connections outlive a load balancer’s 60 s idle timeout').toBeGreaterThan(60_000);
  stopAll.push(async () => {
    receiver.closeAllConnections();
    await receiver.stop();
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { receiver, seen, base, url: `${base}/slack/events` };
}

const acks: Dispatch = async (e) => {
  await e.ack();
};

describe('SlackHttpReceiver', () => {
  it('hands a verified slash command to Bolt as fields, and answers with what the listener acked', async () => {
    const s = await serve(async (e) => {
      await e.ack({ response_type: 'ephemeral', text: '考えています…' });
    });
    const res = await post(s.url, signedCommand({ command: '/plan', text: '元気アップ会議とは？' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual({ response_type: 'ephemeral', text: '考えています…' });
    expect(s.seen).toHaveLength(1);
    expect(s.seen[0]!.body).toMatchObject({ command: '/plan', text: '元気アップ会議とは？', user_id: 'U0STAFF01' });
  });

  it('passes Slack retry headers on as retryNum / retryReason', async () => {
    const s = await serve(acks);
    const res = await post(s.url, signedEvent({ type: 'app_mention', user: 'U1', channel: 'C1', ts: '1.2', text: 'x' }, { retryNum: 2 }));
    expect(res.status).toBe(200);
    expect(s.seen[0]).toMatchObject({ retryNum: 2, retryReason: 'http_timeout' });
  });

  it('parses interactivity from its JSON payload field', async () => {
    const s = await serve(acks);
    const body = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', actions: [{ action_id: 'a1' }] }) }).toString();
    expect((await post(s.url, sign(body, 'application/x-www-form-urlencoded'))).status).toBe(200);
    expect(s.seen[0]!.body).toMatchObject({ type: 'block_actions', actions: [{ action_id: 'a1' }] });
  });

  const refused: [string, () => ReturnType<typeof sign>, number][] = [
    ['another secret', () => signedCommand({ command: '/plan' }, { secret: 'not-the-secret' }), 401],
    ['a stale timestamp (6 minutes old)', () => signedCommand({ command: '/plan' }, { timestamp: Math.floor(Date.now() / 1000) - 360 }), 401],
    ['a timestamp 6 minutes in the future', () => signedCommand({ command: '/plan' }, { timestamp: Math.floor(Date.now() / 1000) + 360 }), 401],
    ['no signature headers', () => ({ body: 'command=%2Fplan', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 401],
    [
      'a signature that is not v0=<64 hex>',
      () => {
        const r = signedCommand({ command: '/plan' });
        return { ...r, headers: { ...r.headers, 'x-slack-signature': r.headers['x-slack-signature']!.slice(0, 20) } };
      },
      401,
    ],
    ['a body that is not JSON', () => sign('{not json', 'application/json'), 400],
    ['JSON that is not an object', () => sign('"text"', 'application/json'), 400],
  ];
  for (const [name, make, status] of refused) {
    it(`refuses ${name} with ${status}, and Bolt never sees it`, async () => {
      const s = await serve(acks);
      const res = await post(s.url, make());
      expect(res.status).toBe(status);
      expect(s.seen).toEqual([]);
    });
  }

  it('refuses a body over the limit with 413 before looking at it', async () => {
    const s = await serve(acks, { bodyLimitBytes: 1_000 });
    const res = await post(s.url, signedCommand({ command: '/plan', text: 'あ'.repeat(1_000) }));
    expect(res.status).toBe(413);
    expect(s.seen).toEqual([]);
  });

  it('closes the connection after a 413, so the next request is not swallowed by the unread body', async () => {
    const s = await serve(acks, { bodyLimitBytes: 1_000 });
    const { port } = new URL(s.url);
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (d) => (received += d.toString()));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    // Declares 5,000 bytes and sends only a part: Node would otherwise wait for the rest on this connection.
    socket.write(`POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n${'x'.repeat(100)}`);
    await ended;
    socket.destroy();
    expect(received).toMatch(/^HTTP\/1\.1 413/);
    expect(received.toLowerCase()).toContain('connection: close');
    expect(s.seen).toEqual([]);
  });

  it('answers url_verification with the challenge (signed), and ssl_check with 200 (unsigned)', async () => {
    const s = await serve(acks);
    const challenge = await post(s.url, sign(JSON.stringify({ type: 'url_verification', challenge: 'c-123' }), 'application/json'));
    expect(JSON.parse(challenge.text)).toEqual({ challenge: 'c-123' });
    const ssl = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'ssl_check=1&token=x' });
    expect(ssl.status).toBe(200);
    expect(s.seen).toEqual([]);
  });

  it('answers 404 at once when Bolt is done and no listener acked, and 500 when Bolt threw', async () => {
    const none = await serve(async () => undefined);
    expect((await post(none.url, signedCommand({ command: '/unknown' }))).status).toBe(404);
    const throws = await serve(async () => {
      throw new Error('boom');
    });
    expect((await post(throws.url, signedCommand({ command: '/plan' }))).status).toBe(500);
  });

  it('answers 404 after the no-ack timeout for a listener that never acks; a late ack does not throw', async () => {
    let lateAck: Promise<void> | undefined;
    const s = await serve(
      async (e) => {
        await new Promise((r) => setTimeout(r, 300));
        lateAck = e.ack();
        await lateAck;
      },
      { unackedTimeoutMs: 100 },
    );
    const res = await post(s.url, signedCommand({ command: '/plan' }));
    expect(res.status).toBe(404);
    expect(lateAck, 'the 404 came from the timeout, before the listener got to its ack').toBeUndefined();
    await expect.poll(() => lateAck !== undefined).toBe(true);
    await expect(lateAck).resolves.toBeUndefined();
  });

  it('a second ack throws, as in Bolt', async () => {
    let second: unknown;
    const s = await serve(async (e) => {
      await e.ack();
      second = await e.ack().catch((err: unknown) => err);
    });
    expect((await post(s.url, signedCommand({ command: '/plan' }))).status).toBe(200);
    await expect.poll(() => second).toBeInstanceOf(Error);
  });

  it('serves its plain routes, 404 for unknown paths and 405 for GET on the Slack path', async () => {
    const s = await serve(acks);
    expect(await (await fetch(`${s.base}/healthz`)).text()).toBe('fine');
    expect((await fetch(`${s.base}/nope`)).status).toBe(404);
    expect((await fetch(s.url)).status).toBe(405);
  });

  it('works as the receiver of a real Bolt App: a command listener acks, an event is acked by Bolt', async () => {
    const receiver = new SlackHttpReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: silentLogger });
    // botId / botUserId given: Bolt needs no auth.test call (nothing leaves loopback).
    const app = new App({ token: 'xoxb-test', botId: 'B1', botUserId: 'U0BOT', receiver, logLevel: LogLevel.ERROR, tokenVerificationEnabled: false });
    const mentions: string[] = [];
    app.command('/plan', async ({ ack, command }) => {
      await ack(`受け付けました: ${command.text}`);
    });
    app.event('app_mention', async ({ event }) => {
      mentions.push(event.text);
    });
    const server = await receiver.start(0);
    stopAll.push(() => app.stop());
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

    const cmd = await post(url, signedCommand({ command: '/plan', text: '研修' }));
    expect(cmd).toMatchObject({ status: 200, text: '受け付けました: 研修' });
    const ev = await post(url, sign(eventBody({ type: 'app_mention', user: 'U1', channel: 'C1', ts: '1.2', text: 'こんにちは' }), 'application/json'));
    expect(ev.status).toBe(200);
    await expect.poll(() => mentions).toEqual(['こんにちは']);
  });
});
