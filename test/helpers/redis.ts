import { afterAll, beforeAll } from 'vitest';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';

/**
 * A real Redis for one test file. Starts a private `redis-server` on a free port, so runs never
 * share state; when redis-server is not installed, falls back to REDIS_URL (one database per
 * vitest worker, flushed first). Never a mock.
 *
 *   const r = useRedis();
 *   it('…', async () => { await r.client.set('k', 'v'); });
 */
export function useRedis(): { readonly url: string; readonly client: Redis; flush(): Promise<void>; server(): RedisServerHandle | undefined } {
  let server: RedisServerHandle | undefined;
  let url = '';
  let client: Redis | undefined;
  beforeAll(async () => {
    ({ server, url } = await privateRedis());
    client = new Redis(url, { maxRetriesPerRequest: 1 });
    await client.flushdb();
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });
  return {
    get url() {
      return url;
    },
    get client() {
      if (!client) throw new Error('useRedis(): client used outside a test');
      return client;
    },
    flush: async () => {
      await client?.flushdb();
    },
    server: () => server,
  };
}

/** Starts a private Redis (or picks a REDIS_URL database). The caller stops the server. */
export async function privateRedis(): Promise<{ server?: RedisServerHandle; url: string }> {
  try {
    const server = await startRedisServer();
    return { server, url: server.url };
  } catch (err) {
    const shared = process.env.REDIS_URL;
    if (!shared) throw err;
    const db = 1 + (Number(process.env.VITEST_POOL_ID ?? 0) % 15);
    const u = new URL(shared);
    u.pathname = `/${db}`;
    return { url: u.toString() };
  }
}

/**
 * The keys that say what the app holds, sorted, for "changes nothing" checks on a running app: without the bookkeeping
 * its minute ticks write on their own (BullMQ's repeat job of each tick, the completed set), which lands whenever a
 * minute turns, whatever the request was.
 */
export async function stateKeys(client: Redis): Promise<string[]> {
  const tick = /:(?:completed|repeat:[\w-]+-tick:\d+)$/;
  return (await client.keys('*')).filter((k) => !tick.test(k)).sort();
}
