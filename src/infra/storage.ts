import type { Config } from '../config.js';
import type { Logger } from './logger.js';
import { createRedis, type Redis } from './redis.js';
import { startRedisServer, type RedisServerHandle } from './redis-server.js';

/** Connects to REDIS_URL, or starts the bot's own redis-server with its data under ./data. */
export async function connectStorage(
  config: Config,
  logger: Logger,
  dataDir = './data',
): Promise<{ redis: Redis; queueConnection(): Redis; stop(): Promise<void> }> {
  let own: RedisServerHandle | undefined;
  let url = config.REDIS_URL;
  if (!url) {
    own = await startRedisServer({ dir: dataDir });
    url = own.url;
    logger.info({ port: own.port, dataDir }, 'REDIS_URL is unset: started a private redis-server (append-only file on)');
  }
  const redis = createRedis(url);
  redis.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const extra: Redis[] = [];
  return {
    redis,
    queueConnection: () => {
      const conn = createRedis(url, 'queues');
      conn.on('error', (err) => logger.warn({ err: err.message }, 'redis (queues) error'));
      extra.push(conn);
      return conn;
    },
    stop: async () => {
      // QUIT lets pending replies arrive; a connection that is down is just dropped (QUIT would wait for it).
      for (const conn of [...extra, redis]) {
        if (conn.status === 'ready') await conn.quit().catch(() => conn.disconnect());
        else conn.disconnect();
      }
      await own?.stop();
    },
  };
}
