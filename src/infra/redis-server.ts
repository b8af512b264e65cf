import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Logger } from './logger.js';
import { OperatorError } from './operator-error.js';

export interface RedisServerHandle {
  /** redis://[:password@]127.0.0.1:port */
  url: string;
  port: number;
  /** The redis-server process (the data-directory lock is held by this process itself). */
  pid: number;
  /** Resolves when the server has exited, for whatever reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Data persisted here with the append-only file on. Unset: nothing kept on disk (tests). */
  dir?: string;
  port?: number;
  /** requirepass, handed over on standard input: never on the command line, never on disk. */
  password?: string;
  /**
   * Hold an exclusive lock on `dir` for the server's whole life (flock(1) on `dir/.lock`, taken by
   * the redis-server process itself), so that at most one redis-server ever runs on a directory.
   */
  lock?: boolean;
  /** The server's own log lines go here (one stream for the operator to rotate), not to files. */
  logger?: Logger;
}

export class RedisServerMissingError extends OperatorError {
  constructor() {
    super(
      'Redis が見つかりません: REDIS_URL が未設定で、redis-server コマンドもありません。' +
        'REDIS_URL に Redis の URL を設定するか、redis-server をインストールしてください（Debian: apt-get install redis-server）。',
    );
    this.name = 'RedisServerMissingError';
  }
}

/** Another process holds the data directory's lock. The caller words the message (it knows who). */
export class DataDirLockedError extends Error {
  constructor(readonly dir: string) {
    super(`data directory ${dir} is locked by another redis-server`);
    this.name = 'DataDirLockedError';
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

/** Exit code of the wrapper when the lock is taken (EX_TEMPFAIL). */
const LOCKED = 75;

/**
 * The command line, run by sh so that redis-server is the very process spawn() returns:
 * - `umask 077`: everything redis-server writes is 0600 (directories 0700);
 * - `flock -n 9` on `dir/.lock`, opened as fd 9, which redis-server inherits and holds until it
 *   exits (a second server on the directory fails here, whoever started it);
 * - `setpriv --pdeathsig TERM`: if the bot dies without stopping it (SIGKILL, a crash), the kernel
 *   sends the server SIGTERM and it shuts down cleanly instead of living on as an orphan.
 * flock and setpriv come with util-linux (Debian: always installed).
 */
const WRAPPER = [
  'umask 077',
  'if [ -n "$LOCK" ]; then exec 9>>"$LOCK"; flock -n 9 || exit 75; fi',
  'exec setpriv --pdeathsig TERM -- redis-server "$@"',
].join('\n');

/** Servers this process started and has not seen exit: stopped on every exit path. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // process.exit() anywhere, an uncaught exception: the server still gets its SIGTERM
  // (and saves its append-only file). SIGKILL of this process is covered by pdeathsig.
  process.on('exit', () => {
    for (const c of live) c.kill('SIGTERM');
  });
}

/**
 * Starts a private redis-server bound to loopback. With `dir`: data persisted there with the
 * append-only file on (fsync every second), `maxmemory-policy noeviction` (BullMQ needs it).
 */
export async function startRedisServer(opts: RedisServerOptions = {}): Promise<RedisServerHandle> {
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(port, opts);
    } catch (err) {
      // Another process took the free port between freePort() and the bind: try another one.
      if (!(err instanceof PortTakenError) || opts.port !== undefined || attempt >= 3) throw err;
    }
  }
}

class PortTakenError extends Error {}

async function startOnce(port: number, opts: RedisServerOptions): Promise<RedisServerHandle> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', '', '--daemonize', 'no', '--logfile', ''];
  let lock = '';
  if (opts.dir) {
    const dir = resolve(opts.dir);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    args.push('--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction');
    if (opts.lock) lock = resolve(dir, '.lock');
  } else {
    args.push('--appendonly', 'no');
  }
  // `redis-server -` reads a configuration file from standard input before the arguments.
  const child = spawn('sh', ['-c', WRAPPER, 'redis-server', '-', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH, LOCK: lock },
    // Its own process group: Ctrl-C in a terminal reaches the bot, which stops the server last.
    detached: true,
  });
  track(child);
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(opts.password ? `requirepass "${opts.password}"\n` : '');
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await waitReady(child, opts);
  const auth = opts.password ? `:${encodeURIComponent(opts.password)}@` : '';
  return {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    exited,
    stop: () => stopChild(child),
  };
}

/** Redis marks each log line: '#' warning, '*' notice, '-' verbose, '.' debug. */
function forward(line: string, logger: Logger | undefined): void {
  const m = /^\d+:[XCSM] \d+ \w+ \d+ [\d:.]+ ([*#.-]) (.*)$/.exec(line);
  if (!logger || !m) return;
  const msg = m[2]!;
  if (m[1] === '#') (/WARNING|error|fail/i.test(msg) ? logger.warn : logger.info).call(logger, msg);
  else logger.debug(msg);
}

function waitReady(child: ChildProcess, opts: RedisServerOptions): Promise<void> {
  const logger = opts.logger?.child({ component: 'redis-server' });
  return new Promise((resolveReady, reject) => {
    let out = '';
    let ready = false;
    let partial = '';
    const fail = (err: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(err);
    };
    const onExit = (code: number | null) => {
      if (code === LOCKED) fail(new DataDirLockedError(resolve(opts.dir ?? '.')));
      else if (/Address already in use/.test(out)) fail(new PortTakenError(out.slice(-300)));
      else if (code === 127 && /setpriv|flock/.test(out)) fail(new Error('flock と setpriv（util-linux）が見つかりません。Debian では apt-get install util-linux で入ります'));
      else if (code === 127 && /redis-server/.test(out)) fail(new RedisServerMissingError());
      else fail(new Error(`redis-server exited with ${code}: ${out.slice(-500)}`));
    };
    const timer = setTimeout(() => fail(new Error(`redis-server did not start: ${out.slice(-500)}`)), 10_000);
    child.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'ENOENT' ? new RedisServerMissingError() : err));
    child.once('exit', onExit);
    const read = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) forward(line, logger);
      if (ready) return;
      out += text;
      if (out.length > 4_000) out = out.slice(-2_000);
      if (out.includes('Ready to accept connections')) {
        ready = true;
        out = '';
        clearTimeout(timer);
        child.off('exit', onExit);
        resolveReady();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

/** SIGTERM (the server writes out its append-only file and exits), SIGKILL after `graceMs`. */
function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}
