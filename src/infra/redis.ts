import { Redis, Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import { parseRedisUrl, type HostPort, type RedisTarget } from './redis-url.js';

export type { Redis };
export type RedisClient = Redis | Cluster;

/**
 * Options that make commands fail fast while Redis is down, so that a Slack request is still
 * acked within 3 s and the user hears 「一時的に利用できません」 instead of waiting.
 * The client keeps reconnecting in the background and recovers without a restart.
 */
const failFast: RedisOptions = {
  connectTimeout: 2_000,
  commandTimeout: 2_000,
  maxRetriesPerRequest: 1,
  retryStrategy: (times) => Math.min(200 * times, 2_000),
};

/** BullMQ workers need blocking commands that never time out on their own. */
const forQueues: RedisOptions = {
  connectTimeout: 2_000,
  maxRetriesPerRequest: null,
  retryStrategy: (times) => Math.min(200 * times, 2_000),
};

/**
 * A master that Sentinel has demoted answers writes with READONLY: drop the connection, ask the
 * Sentinels for the new master, and send the command again there (ioredis' "2").
 */
const resendOnReadonly = (err: Error): 2 | false => (err.message.startsWith('READONLY') ? 2 : false);
/**
 * One server behind a name that a managed service moves on failover: reconnect (the name may
 * now lead to the new primary) but fail the command, since the same node may answer again.
 */
const reconnectOnReadonly = (err: Error): 1 | false => (err.message.startsWith('READONLY') ? 1 : false);

/**
 * Connects to REDIS_URL (any form src/infra/redis-url.ts reads). A Cluster shares the command
 * surface the app uses, so it is typed as Redis for callers; `isCluster` tells them apart.
 */
export function createRedis(url: string | RedisTarget, purpose: 'commands' | 'queues' = 'commands'): Redis {
  const t = typeof url === 'string' ? parseRedisUrl(url) : url;
  const base = purpose === 'queues' ? forQueues : failFast;
  const auth = { username: t.username, password: t.password };
  const tls = t.tls ? {} : undefined;
  if (t.kind === 'cluster') {
    const options: ClusterOptions = {
      redisOptions: { ...auth, tls, connectTimeout: base.connectTimeout, commandTimeout: base.commandTimeout, maxRetriesPerRequest: base.maxRetriesPerRequest },
      clusterRetryStrategy: (times) => Math.min(200 * times, 2_000),
      // With no node reachable a Cluster would hold commands forever: fail them at once, as one
      // server does (fail fast). Queue connections keep their queue (BullMQ waits for Redis).
      enableOfflineQueue: purpose === 'queues',
      // After a failover the slot table is stale until a MOVED or this refresh; keep it short.
      slotsRefreshInterval: 2_000,
      retryDelayOnMoved: 50,
      ...(t.natMap && { natMap: natMapOption(t.natMap) }),
      // Managed clusters over TLS: connect by the announced host name, so the certificate matches.
      ...(t.dnsPassthrough && { dnsLookup: (address, callback) => callback(null, address) }),
    };
    return new Cluster(t.nodes, options) as unknown as Redis;
  }
  if (t.kind === 'sentinel') {
    return quietSentinelConnections(new Redis({
      ...base,
      ...auth,
      sentinels: t.sentinels,
      name: t.name,
      db: t.db,
      sentinelUsername: t.sentinelUsername,
      sentinelPassword: t.sentinelPassword,
      tls,
      enableTLSForSentinelMode: t.tls,
      sentinelTLS: tls,
      ...(t.natMap && { natMap: natMapOption(t.natMap) }),
      // Subscribes to +switch-master on the Sentinels: the client moves to the new master at once
      // instead of writing to the old one until its connection breaks.
      failoverDetector: true,
      sentinelCommandTimeout: 1_000,
      reconnectOnError: resendOnReadonly,
    }));
  }
  return new Redis({ ...base, ...auth, host: t.host, port: t.port, db: t.db, tls, reconnectOnError: reconnectOnReadonly });
}

/**
 * ioredis gives the failover detector's connections to the Sentinels no 'error' listener, so one that breaks (a
 * Sentinel restarting, a TLS handshake cut short when a command-line run ends) prints "[ioredis] Unhandled error
 * event" and a stack on the console. Those connections only watch for +switch-master; the client itself reconnects
 * through the Sentinels and reports its own errors. So every Sentinel connection gets a listener that ignores them.
 * (SentinelConnector.connectToSentinel is internal to ioredis 6; without it nothing changes but the console line.)
 */
function quietSentinelConnections(redis: Redis): Redis {
  type Connector = { connectToSentinel?: (...args: unknown[]) => { on(event: 'error', f: () => void): unknown } };
  const connector = (redis as unknown as { connector?: Connector }).connector;
  const connect = connector?.connectToSentinel;
  if (connector && typeof connect === 'function') {
    connector.connectToSentinel = (...args) => {
      const client = connect.apply(connector, args);
      client.on('error', () => {});
      return client;
    };
  }
  return redis;
}

function natMapOption(map: Record<string, HostPort>): ClusterOptions['natMap'] {
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, { host: v.host, port: v.port }]));
}

export function isCluster(redis: Redis): boolean {
  return (redis as unknown as RedisClient) instanceof Cluster;
}

/** Resolves when `redis` is ready, or after `ms` (it goes on connecting in the background). */
export function readyWithin(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      redis.off('ready', finish);
      done();
    };
    const timer = setTimeout(finish, ms);
    timer.unref();
    redis.once('ready', finish);
  });
}

/** True when Redis answers PING within the timeout (a Cluster client is given that long to connect). */
export async function redisReachable(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  try {
    await readyWithin(redis, timeoutMs);
    return (await withTimeout(redis.ping(), timeoutMs)) === 'PONG';
  } catch {
    return false;
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
