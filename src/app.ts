import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { systemClock, type Clock } from './infra/clock.js';
import { Lifecycle } from './infra/lifecycle.js';
import { createLogger, type Logger } from './infra/logger.js';
import { redisReachable } from './infra/redis.js';
import { connectStorage } from './infra/storage.js';
import { createPlanAnswerer } from './plan/answerer.js';
import { FeedbackStore } from './plan/feedback.js';
import { ThreadHistory } from './plan/thread-history.js';
import { PLAN_QUESTION_LIMIT, RateLimiter } from './infra/rate-limit.js';
import { createModelClient } from './plan/model-client.js';
import { createProposalService } from './proposals/service.js';
import { createEventsService } from './worldcafe/service.js';
import { createWorldcafeRuntime } from './worldcafe/slack/runtime.js';
import { createWebClient, slackApiUrl } from './slack/web-client.js';
import { createMorningAnnounce } from './morning/slack/morning-announce-runtime.js';
import { boltLogger } from './slack/bolt-logger.js';
import { SlackHttpReceiver } from './slack/http-receiver.js';
import { registerListeners } from './slack/listeners/index.js';
import { dedupeEvents } from './slack/middleware/dedupe-events.js';
import { InFlight } from './slack/middleware/in-flight.js';
import { requestContext } from './slack/middleware/request-context.js';

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

export async function buildMinatoNavi(config: Config, options: BuildOptions = {}): Promise<MinatoNavi> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const storage = await connectStorage(config, logger, options.dataDir);
  const redis = storage.redis;

  const plan = createPlanAnswerer({ openai: createModelClient(config), model: config.OPENAI_MODEL, logger });
  const lifecycle = new Lifecycle();
  const proposals = createProposalService({ redis, clock, logger });
  const events = createEventsService({ redis, clock, logger });
  const slack = { followUp: createWebClient(config, logger, 'follow-up') };
  const worldcafe = createWorldcafeRuntime({ client: createWebClient(config, logger, 'background'), events, clock, logger, lifecycle });
  const { morning, announce } = createMorningAnnounce({ config, redis, clock, logger, lifecycle, queueConnection: storage.queueConnection });
  const qa = { history: new ThreadHistory(redis), feedback: new FeedbackStore(redis), limiter: new RateLimiter(redis, PLAN_QUESTION_LIMIT) };
  const deps: Deps = { config, redis, logger, clock, plan, qa, slack, lifecycle, queueConnection: storage.queueConnection, proposals, events, worldcafe, morning, announce };

  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  const receiver = socketMode
    ? undefined
    : new SlackHttpReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET ?? '',
        logger,
        routes: {
          'GET /healthz': (_req, res) => {
            void redisReachable(redis).then((ok) => {
              res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
              res.end(JSON.stringify({ ok }));
            });
          },
        },
      });

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    socketMode,
    appToken: config.SLACK_APP_TOKEN,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    // No per-process conversation store: replicas keep no state of their own (everything is in Redis).
    convoStore: false,
    clientOptions: {
      slackApiUrl: slackApiUrl(config),
    },
  });

  const inFlight = new InFlight();
  app.use(inFlight.middleware());
  app.use(requestContext(logger));
  // Slack's retries of an event (same event_id) are handled once across replicas.
  app.use(dedupeEvents(redis, logger));
  registerListeners(app, deps);
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'unhandled error in a Slack listener');
  });

  let started = false;
  return {
    app,
    deps,
    start: async () => {
      const server: unknown = await app.start(options.port ?? config.PORT);
      started = true;
      await lifecycle.start();
      const addr = receiver ? ((server as Server).address() as AddressInfo | null) : undefined;
      logger.info({ mode: socketMode ? 'socket' : 'http', port: addr?.port }, 'minato-navi started');
      return { port: addr?.port };
    },
    stop: async () => {
      // Stop taking work (no new connections), let what is in flight finish, then close.
      const closing = started ? app.stop().catch((err: Error) => logger.warn({ err: err.message }, 'app.stop failed')) : undefined;
      await inFlight.drain(8_000);
      receiver?.closeAllConnections();
      await closing;
      await lifecycle.stop();
      await storage.stop();
      logger.info('minato-navi stopped');
    },
  };
}
