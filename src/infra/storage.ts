import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { createDurability, type Durability } from './durable.js';
import type { Logger } from './logger.js';
import { OperatorError } from './operator-error.js';
import { createRedis, readyWithin, type Redis } from './redis.js';
import { describeRedisTarget, parseRedisUrl } from './redis-url.js';
import { DataDirLockedError, startRedisServer, type RedisServerHandle } from './redis-server.js';

export interface Storage {
  redis: Redis;
  /** Confirms acknowledged writes on the replicas (src/infra/durable.ts). */
  durable: Durability;
  queueConnection(): Redis;
  stop(): Promise<void>;
}

/** A second bot on a DATA_DIR that a running one holds: one line naming both. */
export class DataDirInUseError extends OperatorError {
  constructor(dir: string, holder: string) {
    super(
      `DATA_DIR ${dir} は、すでに動いている別のみなとナビが使っています（${holder}）。` +
        '1 つのデータディレクトリで動かせる redis-server は 1 つだけなので、起動を取りやめました。' +
        '先に動いているほうを止めるか、別の DATA_DIR か REDIS_URL を指定してください。',
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * Redis (or a Sentinel) refused the bot's credentials. Unlike an outage this never heals by waiting, so the bot stops
 * with one line instead of retrying forever. The server's reply names no secret.
 */
export class RedisAuthError extends OperatorError {
  constructor(reply: string) {
    const sentinel = /sentinel/i.test(reply);
    super(
      `${sentinel ? 'Redis の Sentinel' : 'Redis'} がユーザー名またはパスワードを受け付けませんでした（${reply.replace(/^.*Last error: /, '')}）。` +
        `REDIS_URL の${sentinel ? ' sentinelPassword（と sentinelUsername）' : 'ユーザー名とパスワード'}を確かめてから、起動し直してください。`,
    );
    this.name = 'RedisAuthError';
  }
}
const AUTH_REFUSED = /WRONGPASS|NOAUTH|invalid username-password|invalid password/i;

/**
 * The Sentinels watch no master of the name REDIS_URL ends with (a typo, or another deployment's name). At start this
 * never heals by waiting either; once the bot has been connected, the same reply is taken as passing (a Sentinel
 * restarted without its configuration) and only logged.
 */
export class RedisMasterUnknownError extends OperatorError {
  constructor(name: string) {
    super(
      `Redis の Sentinel は REDIS_URL のマスター名「${name}」を監視していません（ERR No such master with that name）。` +
        'REDIS_URL の最後のマスター名（例: redis+sentinel://…/mymaster）を Sentinel の設定と同じにしてから、起動し直してください。',
    );
    this.name = 'RedisMasterUnknownError';
  }
}
const MASTER_UNKNOWN = /No such master with that name/i;

/** Who holds a data directory, written by the holder once its server runs. */
interface Instance {
  botPid: number;
  redisPid: number;
  port: number;
  host: string;
  startedAt: string;
}

const INSTANCE_FILE = 'instance.json';

/**
 * Connects to REDIS_URL, or starts the bot's own redis-server on DATA_DIR (default ./data):
 * - at most one redis-server ever runs on a directory (a lock the server itself holds);
 * - the directory is 0700 and every file in it 0600: it holds proposers' user ids, anonymous
 *   proposals included;
 * - the server has a random password, is bound to loopback, and stops when the bot stops,
 *   fails to start, or dies (see redis-server.ts).
 * `onFatal` is called if the private server exits while the bot still needs it, or once if Redis refuses the
 * credentials in REDIS_URL (RedisAuthError) or, before the first connection, the Sentinels know no master of its name
 * (RedisMasterUnknownError).
 */
export async function connectStorage(config: Config, logger: Logger, options: { onFatal?: (err: Error) => void } = {}): Promise<Storage> {
  let own: RedisServerHandle | undefined;
  let url = config.REDIS_URL;
  let stopping = false;
  if (!url) {
    const dir = resolve(config.DATA_DIR);
    own = await startPrivateServer(dir, logger);
    url = own.url;
    void own.exited.then(() => {
      if (stopping) return;
      logger.fatal({ dataDir: dir }, 'the private redis-server exited on its own');
      options.onFatal?.(new Error('the private redis-server exited'));
    });
  }
  const target = parseRedisUrl(url);
  if (!own) logger.info({ redis: describeRedisTarget(target), waitReplicas: target.waitReplicas }, 'connecting to Redis');
  const redis = createRedis(target);
  let fatalSent = false;
  let connected = false;
  redis.once('ready', () => (connected = true));
  const onError = (label: string) => (err: Error) => {
    const fatal = AUTH_REFUSED.test(err.message)
      ? new RedisAuthError(err.message)
      : target.kind === 'sentinel' && !connected && MASTER_UNKNOWN.test(err.message)
        ? new RedisMasterUnknownError(target.name)
        : undefined;
    if (!fatal) return logger.warn({ err: err.message }, label);
    if (fatalSent) return;
    fatalSent = true;
    options.onFatal?.(fatal);
  };
  redis.on('error', onError('redis error'));
  // A Cluster client fails commands until it has the slot table: give it a moment to get it.
  if (target.kind === 'cluster') await readyWithin(redis, 10_000);
  void checkRedis(redis, logger);
  const durable = createDurability(redis, target, logger);
  const extra: Redis[] = [];
  return {
    redis,
    durable,
    queueConnection: () => {
      const conn = createRedis(target, 'queues');
      conn.on('error', onError('redis (queues) error'));
      extra.push(conn);
      return conn;
    },
    stop: async () => {
      stopping = true;
      durable.close();
      // QUIT lets pending replies arrive; a connection that is down is just dropped (QUIT would wait for it).
      for (const conn of [...extra, redis]) {
        if (conn.status === 'ready') await conn.quit().catch(() => conn.disconnect());
        else conn.disconnect();
      }
      if (own) {
        await own.stop();
        rmSync(join(resolve(config.DATA_DIR), INSTANCE_FILE), { force: true });
      }
    },
  };
}

async function startPrivateServer(dir: string, logger: Logger): Promise<RedisServerHandle> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  tighten(dir);
  let server: RedisServerHandle;
  try {
    server = await startRedisServer({ dir, lock: true, password: randomBytes(24).toString('base64url'), logger });
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new DataDirInUseError(dir, describeHolder(dir));
    throw err;
  }
  const me: Instance = { botPid: process.pid, redisPid: server.pid, port: server.port, host: hostname(), startedAt: new Date().toISOString() };
  writeFileSync(join(dir, INSTANCE_FILE), `${JSON.stringify(me)}\n`, { mode: 0o600 });
  logger.info(
    { dataDir: dir, port: server.port, redisPid: server.pid },
    'REDIS_URL is unset: started the private redis-server (append-only file on, loopback, password). Several replicas need REDIS_URL: each would otherwise keep its own data',
  );
  return server;
}

/** Files written by older versions, or copied in by hand (a restore), become private again. */
function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) chmodSync(path, 0o700);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}

function describeHolder(dir: string): string {
  try {
    const i = JSON.parse(readFileSync(join(dir, INSTANCE_FILE), 'utf8')) as Instance;
    return `ボットの PID ${i.botPid}、redis-server の PID ${i.redisPid}、127.0.0.1:${i.port}、ホスト ${i.host}、${i.startedAt} に起動`;
  } catch {
    return `ロック ${join(dir, '.lock')} を持つプロセスがあります`;
  }
}

/** BullMQ needs Redis 6.2 or newer and `maxmemory-policy noeviction`; say so once if not. */
async function checkRedis(redis: Redis, logger: Logger): Promise<void> {
  try {
    const info = String(await redis.info());
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
    const version = field('redis_version') ?? '';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 6 || (major === 6 && minor < 2)) {
      logger.warn({ version }, `Redis ${version} は古すぎます。6.2 以上を使ってください（BullMQ の要件）`);
    }
    const policy = field('maxmemory_policy');
    if (policy && policy !== 'noeviction') {
      logger.warn({ policy }, `Redis の maxmemory-policy が ${policy} です。noeviction にしてください（キーが消えるとジョブと提案が失われます）`);
    }
  } catch {
    // Unreachable now: the connection's own error handler says so.
  }
}
