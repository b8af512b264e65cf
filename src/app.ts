import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import OpenAI from 'openai';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './infra/clock.js';
import { Lifecycle } from './infra/lifecycle.js';
import { createLogger, type Logger } from './infra/logger.js';
import { createRedis, redisReachable, type Redis } from './infra/redis.js';
import { startRedisServer, type RedisServerHandle } from './infra/redis-server.js';
import { createPlanAnswerer } from './plan/answerer.js';
import { boltLogger } from './slack/bolt-logger.js';
import { registerListeners } from './slack/listeners/index.js';
import { InFlight } from './slack/middleware/in-flight.js';

/**
 * The composition root: builds Redis, the model client, the domain services and the Bolt app
 * from a validated Config, and wires them. src/main.ts (npm start) and the end-to-end tests
 * both start the bot through here; nothing below this reads process.env.
 */

export interface BuildOptions {
  logger?: Logger;
  clock?: Clock;
  /** Where the bot's own redis-server keeps its data when REDIS_URL is unset. */
  dataDir?: string;
  /** Overrides PORT (tests listen on 0, a free port). */
  port?: number;
}

export interface MinatoNavi {
  app: App;
  deps: Deps;
  /** Starts Socket Mode or the HTTP server. Resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  /** Stops taking work, finishes what is in flight, closes Redis. */
  stop(): Promise<void>;
}

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
      for (const conn of [...extra, redis]) await conn.quit().catch(() => conn.disconnect());
      await own?.stop();
    },
  };
}

export function createModelClient(config: Config): OpenAI | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    // People are waiting in Slack: bounded time, bounded retries (429/5xx/timeouts).
    timeout: 20_000,
    maxRetries: 2,
  });
}

export async function buildMinatoNavi(config: Config, options: BuildOptions = {}): Promise<MinatoNavi> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const storage = await connectStorage(config, logger, options.dataDir);
  const redis = storage.redis;

  const plan = createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger });
  const lifecycle = new Lifecycle();
  const deps: Deps = { config, redis, logger, clock, plan, lifecycle, queueConnection: storage.queueConnection };

  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? '',
        endpoints: '/slack/events',
        logger: boltLogger(logger),
        customRoutes: [
          {
            path: '/healthz',
            method: ['GET'],
            handler: (_req, res) => {
              void redisReachable(redis).then((ok) => {
                res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
                res.end(JSON.stringify({ ok }));
              });
            },
          },
        ],
      });

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    socketMode,
    appToken: config.SLACK_APP_TOKEN,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: config.SLACK_API_URL ? config.SLACK_API_URL.replace(/\/?$/, '/') : undefined,
    },
  });

  const inFlight = new InFlight();
  app.use(inFlight.middleware());
  registerListeners(app, deps);
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'unhandled error in a Slack listener');
  });

  let started = false;
  let httpServer: Server | undefined;
  return {
    app,
    deps,
    start: async () => {
      const server = (await app.start(options.port ?? config.PORT)) as Server | undefined;
      started = true;
      await lifecycle.start();
      httpServer = socketMode ? undefined : server;
      const addr = httpServer?.address() as AddressInfo | null | undefined;
      logger.info({ mode: socketMode ? 'socket' : 'http', port: addr?.port }, 'minato-navi started');
      return { port: addr?.port };
    },
    stop: async () => {
      // Stop taking work (no new connections), let what is in flight finish, then close.
      const closing = started ? app.stop().catch((err: Error) => logger.warn({ err: err.message }, 'app.stop failed')) : undefined;
      httpServer?.closeIdleConnections();
      await inFlight.drain(8_000);
      httpServer?.closeAllConnections();
      await closing;
      await lifecycle.stop();
      await storage.stop();
      logger.info('minato-navi stopped');
    },
  };
}
