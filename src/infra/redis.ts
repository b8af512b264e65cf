import { Redis, Cluster, type RedisOptions } from 'ioredis';

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
 * Connects to REDIS_URL. Besides redis:// and rediss://, accepts
 * redis+sentinel://host:26379,host2:26379/mymaster and redis+cluster://host:7000,host2:7000.
 */
export function createRedis(url: string, purpose: 'commands' | 'queues' = 'commands'): Redis {
  const base = purpose === 'queues' ? forQueues : failFast;
  const u = new URL(url);
  if (u.protocol === 'redis+sentinel:') {
    const name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'mymaster';
    return new Redis({
      ...base,
      sentinels: hostList(u),
      name,
      password: u.password ? decodeURIComponent(u.password) : undefined,
    });
  }
  if (u.protocol === 'redis+cluster:') {
    // ioredis' Cluster shares the command surface the app uses; typed as Redis for callers.
    return new Cluster(hostList(u), { redisOptions: { ...base, password: u.password || undefined } }) as unknown as Redis;
  }
  return new Redis(url, base);
}

function hostList(u: URL): { host: string; port: number }[] {
  // URL() only keeps the first host; read the authority ourselves.
  const authority = u.href.replace(/^[a-z+]+:\/\//, '').replace(/^[^@]*@/, '').split('/')[0] ?? '';
  return authority.split(',').map((hp) => {
    const [host, port] = hp.split(':');
    return { host: host || '127.0.0.1', port: Number(port) || 26379 };
  });
}

/** True when Redis answers PING within the timeout. */
export async function redisReachable(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return pong === 'PONG';
  } catch {
    return false;
  }
}
