import { buildMinatoNavi, type MinatoNavi } from './app.js';
import { loadConfig } from './config.js';
import { environment } from './infra/env.js';
import { createLogger } from './infra/logger.js';
import { OperatorError } from './infra/operator-error.js';

/**
 * The bot's process: `npm start` (from source) and `node dist/main.js` (production) both run this.
 * The only place, with the CLIs, that reads process.env.
 *
 * Stopping is the same on every path — SIGTERM or SIGINT (also while still starting), a failed
 * start, a fatal error later: stop taking work, finish what is in flight, close Redis, stop the
 * private redis-server, exit. Whatever hangs, the process is gone within 10 s: at 9 s it exits,
 * and the redis-server still gets its SIGTERM on the way out (src/infra/redis-server.ts).
 */
const STOP_DEADLINE_MS = 9_000;
const MIN_NODE_MAJOR = 24;

let building: Promise<MinatoNavi> | undefined;
let stopping: Promise<void> | undefined;

/** One line for the operator, no stack trace. */
function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

function stop(exitCode: number, reason: string): Promise<void> {
  stopping ??= (async () => {
    setTimeout(() => process.exit(exitCode || 1), STOP_DEADLINE_MS).unref();
    // Still being built: wait for it, so that what it started is stopped in order.
    const bot = await building?.catch(() => undefined);
    bot?.deps.logger.info({ reason }, 'shutting down');
    await bot?.stop().catch(() => undefined);
    process.exit(exitCode);
  })();
  return stopping;
}

/** Known failures as their own line; anything else as one line too. */
function describe(err: unknown): string {
  if (err instanceof OperatorError) return err.message;
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE') return `PORT ${e.port ?? ''} はほかのプロセスが使っています（EADDRINUSE）。そのプロセスを止めるか、別の PORT を指定してください。`;
  return `起動に失敗しました: ${err instanceof Error ? err.message : String(err)}`;
}

async function main(): Promise<void> {
  // Before anything starts, so that a signal during the start stops what has started so far.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(0, signal));
  process.on('uncaughtException', (err) => {
    say(`予期しないエラーで停止します: ${err.message}`);
    void stop(1, 'uncaughtException');
  });

  const major = Number(process.versions.node.split('.')[0]);
  if (major < MIN_NODE_MAJOR) {
    say(`Node.js ${MIN_NODE_MAJOR} 以上が必要です（いまは ${process.version}）。npm ci で入る node_modules/.bin/node で起動してください。`);
    process.exit(1);
  }

  const config = loadConfig(environment(process.env), { bot: true });
  const logger = createLogger(config.LOG_LEVEL);
  building = buildMinatoNavi(config, {
    logger,
    onFatal: (err) => {
      say(describe(err));
      void stop(1, 'fatal');
    },
  });
  const bot = await building;
  if (!stopping) await bot.start();
}

main().catch((err: unknown) => {
  if (stopping) return; // a start cut short by the stop itself
  say(describe(err));
  void stop(1, 'start failed');
});
