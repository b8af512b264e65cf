import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface RedisServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class RedisServerMissingError extends Error {
  constructor() {
    super(
      'Redis が見つかりません: REDIS_URL が未設定で、redis-server コマンドもありません。' +
        'REDIS_URL に Redis の URL を設定するか、redis-server をインストールしてください（Debian: apt-get install redis-server）。',
    );
    this.name = 'RedisServerMissingError';
  }
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts a private redis-server bound to loopback.
 * `dir` set: data persisted there with the append-only file on (the bot's own Redis).
 * `dir` unset: nothing kept on disk (tests).
 */
export async function startRedisServer(opts: { dir?: string; port?: number } = {}): Promise<RedisServerHandle> {
  const port = opts.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'no'];
  if (opts.dir) {
    const dir = resolve(opts.dir);
    mkdirSync(dir, { recursive: true });
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec');
  } else {
    args.push('--appendonly', 'no');
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  await waitReady(child);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => stopChild(child),
  };
}

function waitReady(child: ChildProcess): Promise<void> {
  return new Promise((resolveReady, reject) => {
    let out = '';
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(err);
    };
    const onExit = (code: number | null) => fail(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`));
    const timer = setTimeout(() => fail(new Error(`redis-server did not start: ${out.slice(-500)}`)), 10_000);
    child.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ENOENT' ? new RedisServerMissingError() : err));
    child.once('exit', onExit);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 4_000) out = out.slice(-2_000);
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolveReady();
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
