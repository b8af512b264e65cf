import { buildMinatoNavi, type MinatoNavi } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/infra/clock.js';
import { silentLogger, type Logger } from '../../src/infra/logger.js';
import { TEST_SIGNING_SECRET } from './slack-requests.js';

export interface TestApp {
  bot: MinatoNavi;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** http://127.0.0.1:PORT/slack/events */
  eventsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the real app in HTTP mode on a free loopback port, configured the way an operator
 * would (environment variables through loadConfig), pointed at loopback fakes.
 */
export async function startTestApp(env: {
  redisUrl: string;
  slackApiUrl: string;
  openaiBaseUrl?: string;
  extraEnv?: Record<string, string>;
  clock?: Clock;
  /** Defaults to a silent logger; pass createLogger(level, stream) to capture the JSON logs. */
  logger?: Logger;
}): Promise<TestApp> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: env.slackApiUrl,
    REDIS_URL: env.redisUrl,
    ...(env.openaiBaseUrl ? { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: env.openaiBaseUrl } : {}),
    ...env.extraEnv,
  });
  const bot = await buildMinatoNavi(config, { logger: env.logger ?? silentLogger, clock: env.clock, port: 0 });
  const { port } = await bot.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return { bot, baseUrl, eventsUrl: `${baseUrl}/slack/events`, stop: () => bot.stop() };
}
