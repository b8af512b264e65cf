import { buildMinatoNavi } from './app.js';
import { ConfigError, loadConfig, requireSlackCredentials } from './config.js';
import { RedisServerMissingError } from './infra/redis-server.js';

/** `npm start`: the only place the bot reads process.env. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  requireSlackCredentials(config);
  const bot = await buildMinatoNavi(config);
  await bot.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    bot.deps.logger.info({ signal }, 'shutting down');
    // Whatever happens, exit within 10 s.
    setTimeout(() => process.exit(1), 10_000).unref();
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof RedisServerMissingError) {
    console.error(err.message);
  } else {
    console.error(`起動に失敗しました: ${err instanceof Error ? err.message : String(err)}`);
  }
  process.exit(1);
});
