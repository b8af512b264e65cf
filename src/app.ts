import { App, LogLevel } from '@slack/bolt';
import { announceModule } from './announce/module.js';
import { isAdmin, type Config } from './config.js';
import type { FeatureModule, Infra } from './deps.js';
import { WorkCalendar } from './infra/calendar.js';
import { systemClock, type Clock } from './infra/clock.js';
import { Lifecycle } from './infra/lifecycle.js';
import { createLogger, type Logger } from './infra/logger.js';
import { withTimeout } from './infra/redis.js';
import { connectStorage, type Storage } from './infra/storage.js';
import { morningModule } from './morning/module.js';
import { planModule } from './plan/module.js';
import { proposalsModule } from './proposals/module.js';
import { reportModule, reportNotes } from './report/module.js';
import { reportSources } from './report/sources.js';
import { createAppHome } from './slack/app-home.js';
import { boltLogger } from './slack/bolt-logger.js';
import { dedupeEvents } from './slack/middleware/dedupe-events.js';
import { InFlight } from './slack/middleware/in-flight.js';
import { requestContext } from './slack/middleware/request-context.js';
import { createSlackPoster } from './slack/poster.js';
import { registerRoutes, type Routers } from './slack/register.js';
import { mergeRoutes, type RouteTable } from './slack/routes.js';
import { createSlackTransport } from './slack/transport.js';
import { createWebClient } from './slack/web-client.js';
import { worldcafeModule } from './worldcafe/module.js';

/**
 * The composition root: builds the shared infrastructure once (Redis, logger, clock, lifecycle,
 * the Web API clients, one working calendar) from a validated Config, calls each feature's
 * module, merges their route tables (a duplicate id stops the start) and App Home sections, and
 * hands them to the generic registrars in src/slack/. src/main.ts (npm start) and the end-to-end tests
 * both start the bot through here; nothing below this reads process.env.
 */

export interface BuildOptions {
  logger?: Logger;
  clock?: Clock;
  /** Overrides PORT (tests listen on 0, a free port). */
  port?: number;
  /**
   * Something the bot cannot go on without failed after the start (the private redis-server
   * exited, Slack refused the token): src/main.ts stops the process with exit code 1.
   */
  onFatal?: (err: Error) => void;
}

export interface MinatoNavi {
  app: App;
  /** The shared infrastructure (config, logger, Redis …). */
  deps: Infra;
  /** What the features built, for tests and operators' tools. */
  services: ReturnType<typeof buildFeatures>['services'];
  /** The merged route table, and the routers registered with Bolt (tests drive handlers through them). */
  routes: RouteTable;
  routers: Routers;
  /** Starts Socket Mode or the HTTP server. Resolves with the HTTP port in HTTP mode. */
  start(): Promise<{ port?: number }>;
  /** Stops taking work, finishes what is in flight, closes Redis. */
  stop(): Promise<void>;
}

export async function buildMinatoNavi(config: Config, options: BuildOptions = {}): Promise<MinatoNavi> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const onFatal = options.onFatal ?? ((err: Error) => logger.fatal({ err: err.message }, 'fatal'));
  const storage = await connectStorage(config, logger, { onFatal });
  try {
    return assemble(config, options, logger, clock, storage, onFatal);
  } catch (err) {
    // Nothing the failed build started may be left running.
    await storage.stop();
    throw err;
  }
}

function assemble(config: Config, options: BuildOptions, logger: Logger, clock: Clock, storage: Storage, onFatal: (err: Error) => void): MinatoNavi {
  const redis = storage.redis;

  const lifecycle = new Lifecycle();
  const home = createAppHome(logger);
  const deps: Infra = {
    config,
    redis,
    durable: storage.durable,
    logger,
    clock,
    lifecycle,
    queueConnection: storage.queueConnection,
    calendar: new WorkCalendar(redis),
    isAdmin: (userId) => isAdmin(config, userId),
    slack: {
      followUp: createWebClient(config, logger, 'follow-up'),
      background: createWebClient(config, logger, 'background'),
      poster: createSlackPoster({ client: createWebClient(config, logger, 'poster'), redis, logger }),
    },
    home,
  };
  const { modules, services } = buildFeatures(deps);
  const routes = mergeRoutes([...modules.map((m) => m.routes), { events: { app_home_opened: home.opened } }]);
  home.add(modules.flatMap((m) => (m.homeSection ? [m.homeSection] : [])));

  const transport = createSlackTransport(config, logger, {
    port: options.port ?? config.PORT,
    // 200 only while a master takes a write its replicas confirm: a demoted master that still
    // answers PING as a replica is not healthy.
    healthy: () => withTimeout(storage.durable.check(), 2_500).catch(() => false),
    onFatal,
  });
  const app = new App({
    ...transport.appOptions,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    // No per-process conversation store: replicas keep no state of their own (everything is in Redis).
    convoStore: false,
  });

  const inFlight = new InFlight();
  app.use(inFlight.middleware());
  app.use(requestContext(logger));
  // Slack's retries of an event (same event_id) are handled once across replicas.
  app.use(dedupeEvents(redis, logger));
  const routers = registerRoutes(app, routes, { isAdmin: deps.isAdmin, logger });
  app.error(async (err) => {
    logger.error({ err: err.message, code: (err as { code?: string }).code }, 'unhandled error in a Slack listener');
  });

  let started = false;
  return {
    app,
    deps,
    services,
    routes,
    routers,
    start: async () => {
      started = true;
      const { port } = await transport.start(app);
      await lifecycle.start();
      logger.info({ mode: transport.socketMode ? 'socket' : 'http', port }, 'minato-navi started');
      return { port };
    },
    stop: async () => {
      // Stop taking work (no new connections), let what is in flight finish, then close.
      const closing = started ? app.stop().catch((err: Error) => logger.warn({ err: err.message }, 'app.stop failed')) : undefined;
      transport.stop();
      await inFlight.drain(5_000);
      transport.closeConnections();
      await closing;
      await lifecycle.stop();
      await storage.stop();
      logger.info('minato-navi stopped');
    },
  };
}

/** Every feature, in the order of their App Home sections. */
function buildFeatures(infra: Infra) {
  const notes = reportNotes(infra);
  const plan = planModule(infra, { activity: notes.qa });
  const proposals = proposalsModule(infra);
  const worldcafe = worldcafeModule(infra);
  const morning = morningModule(infra, { onOutcome: notes.morning });
  const announce = announceModule(infra);
  const report = reportModule(infra, {
    insights: notes.insights,
    sources: reportSources({
      proposals: proposals.service,
      sessions: worldcafe.service,
      surveys: worldcafe.surveys,
      subscriptions: { list: () => morning.service.subscriptions() },
      calendar: infra.calendar,
    }),
  });
  const modules: FeatureModule[] = [plan, proposals, worldcafe, morning, announce, report];
  return {
    modules,
    services: {
      qa: plan.qa,
      proposals: proposals.service,
      worldcafe: worldcafe.service,
      worldcafeBoard: worldcafe.board,
      worldcafeNotifier: worldcafe.notifier,
      morning: morning.service,
      announce: announce.service,
      surveys: worldcafe.surveys,
      report,
    },
  };
}
