import { spawn, type ChildProcess } from 'node:child_process';
import { Redis, type RedisOptions } from 'ioredis';
import { freePort } from '../../src/infra/redis-server.js';
import type { TestTls } from './tls.js';
import { waitUntil } from './wait.js';

/**
 * What the real Redis topologies for tests (redis-cluster.ts, redis-sentinel.ts) are made of: one
 * redis-server process on a free loopback port, torn down after, the arguments the nodes share, and
 * fresh ports. Needs redis-server and redis-cli (Debian: redis-server, redis-tools; present on this
 * project's machines, see docs/scaling.md).
 */

/** One redis-server process on a fixed port, restartable on the same port and directory. */
export class Node {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly args: string[],
    private readonly password?: string,
    private readonly tlsCa?: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn('redis-server', this.args, { stdio: 'ignore' });
    this.child = child;
    await waitUntil(async () => (child.exitCode === null ? this.ping() : Promise.reject(new PortTaken(`redis-server :${this.port} exited`))), `redis-server :${this.port}`, 10_000, 50);
  }

  private async ping(): Promise<boolean> {
    const c = this.client({ lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    try {
      await c.connect();
      return (await c.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      c.disconnect();
    }
  }

  client(extra: RedisOptions = {}): Redis {
    const c = new Redis({ host: '127.0.0.1', port: this.port, password: this.password, ...(this.tlsCa && { tls: { ca: this.tlsCa } }), ...extra });
    c.on('error', () => undefined);
    return c;
  }

  /** Runs one command on a short-lived connection. */
  async call(...args: (string | number)[]): Promise<unknown> {
    const c = this.client({ maxRetriesPerRequest: 1 });
    try {
      return await c.call(String(args[0]), ...args.slice(1));
    } finally {
      c.disconnect();
    }
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGSTOP / SIGCONT: a node that hangs (its connections stay open but it answers nothing), then goes on. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  /** SIGKILL: a crash, nothing flushed. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((done) => {
      child.once('exit', () => done());
      child.kill(signal);
    });
  }
}

/** redis-server arguments that serve TLS only on `port` (clients need not present a certificate). */
export function tlsServerArgs(tls: TestTls, port: number, cluster = false): string[] {
  return [
    '--port', '0', '--tls-port', String(port),
    '--tls-cert-file', tls.certFile, '--tls-key-file', tls.keyFile, '--tls-ca-cert-file', tls.certFile,
    '--tls-auth-clients', 'no', '--tls-replication', 'yes',
    ...(cluster ? ['--tls-cluster', 'yes'] : []),
  ];
}

export const BASE = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'];

/** The default user's password (also used between nodes), and an optional ACL user for the bot. */
export function authArgs(password?: string, user?: { name: string; password: string }): string[] {
  return [
    ...(password ? ['--requirepass', password, '--masterauth', password] : []),
    ...(user ? ['--user', user.name, 'on', `>${user.password}`, '~*', '&*', '+@all'] : []),
  ];
}

/** user:password@ for REDIS_URL, percent-encoded. */
export function userinfo(password?: string, user?: { name: string; password: string }): string {
  if (user) return `${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@`;
  return password ? `:${encodeURIComponent(password)}@` : '';
}

/** A node that exits at start lost its port: freePort released it and another process took it before the bind. */
class PortTaken extends Error {}

/** Starts a topology on fresh free ports, again (up to 3 times) when a port was taken in between. */
export async function onFreshPorts<T>(start: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt === 3) throw err;
    }
  }
}

export function anyRunning(nodes: Node[]): Node {
  const n = nodes.find((x) => x.running);
  if (!n) throw new Error('no node is running');
  return n;
}

export async function distinctPorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

export type { Node as TopologyNode };
