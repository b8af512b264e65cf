import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SlackFake } from './slack-fake.js';
import { createFakeServer, type TestTls } from './tls.js';

/**
 * A loopback stand-in for Slack's Socket Mode: answers `apps.connections.open` on the Slack fake
 * with a ws:// URL of its own, speaks just enough WebSocket (RFC 6455: handshake, text, ping/pong,
 * close) to send envelopes and read the app's acks, and can drop the connection to make the
 * client reconnect. No network, no extra packages.
 */
export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export class SocketModeFake {
  /** Every WebSocket connection the app opened, in order. */
  readonly connections: Duplex[] = [];
  readonly acks: SocketAck[] = [];
  /** apps.connections.open calls seen, with their Authorization header. */
  readonly opens: string[] = [];
  private server?: Server;
  private url = '';

  /** wss:// when `tls` is given. */
  async start(slack: SlackFake, tls?: TestTls): Promise<this> {
    const { server, scheme } = createFakeServer((_req, res) => {
      res.writeHead(426);
      res.end();
    }, tls);
    this.server = server;
    server.on('upgrade', (req, socket) => this.upgrade(req, socket));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.url = `${scheme === 'https' ? 'wss' : 'ws'}://127.0.0.1:${(server.address() as AddressInfo).port}/link/?ticket=${randomUUID()}`;
    slack.on('apps.connections.open', (call) => {
      this.opens.push(String(call.headers.authorization ?? ''));
      return { body: { ok: true, url: this.url } };
    });
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.connections) s.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** The ws:// (or wss://) URL apps.connections.open hands out. */
  get wsUrl(): string {
    return this.url;
  }

  /** The open connection the app uses now. */
  get current(): Duplex | undefined {
    return [...this.connections].reverse().find((s) => !s.destroyed);
  }

  /** Sends an envelope (events_api, slash_commands, interactive) and returns its envelope_id. */
  send(type: 'events_api' | 'slash_commands' | 'interactive', payload: Record<string, unknown>): string {
    const socket = this.current;
    if (!socket) throw new Error('SocketModeFake: no open connection');
    const envelope_id = randomUUID();
    writeFrame(socket, 0x1, Buffer.from(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' })));
    return envelope_id;
  }

  /** Drops the current connection without a close handshake, as a network failure would. */
  drop(): void {
    this.current?.destroy();
  }

  async waitForAck(envelopeId: string, timeoutMs = 10_000): Promise<SocketAck> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.acks.find((a) => a.envelope_id === envelopeId);
      if (ack) return ack;
      if (Date.now() > deadline) throw new Error(`SocketModeFake: no ack for ${envelopeId}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.connections.push(socket);
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const frame = readFrame(buf);
        if (!frame) break;
        buf = buf.subarray(frame.size);
        if (frame.opcode === 0x1) this.acks.push(JSON.parse(frame.payload.toString('utf8')) as SocketAck);
        else if (frame.opcode === 0x9) writeFrame(socket, 0xa, frame.payload);
        else if (frame.opcode === 0x8) {
          writeFrame(socket, 0x8, frame.payload.subarray(0, 2));
          socket.end();
        }
      }
    });
    writeFrame(socket, 0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0MINATO' } })));
  }
}

function writeFrame(socket: Duplex, opcode: number, payload: Buffer): void {
  if (socket.destroyed) return;
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  socket.write(Buffer.concat([head, payload]));
}

/** One client frame (always masked), or undefined until enough bytes arrived. Unfragmented only. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let off = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    off = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    off = 10;
  }
  const maskOff = off;
  if (masked) off += 4;
  if (buf.length < off + len) return undefined;
  const payload = Buffer.from(buf.subarray(off, off + len));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ buf[maskOff + (i % 4)]!;
  return { opcode, payload, size: off + len };
}

export async function startSocketModeFake(slack: SlackFake, tls?: TestTls): Promise<SocketModeFake> {
  return new SocketModeFake().start(slack, tls);
}
