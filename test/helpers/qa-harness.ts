import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../src/infra/clock.js';
import type { Logger } from '../../src/infra/logger.js';
import { startTestApp, type TestApp } from './app.js';
import { OpenAIFake } from './openai-fake.js';
import { useRedis } from './redis.js';
import { SlackFake } from './slack-fake.js';

export interface QaHarnessOptions {
  /** Also start the OpenAI fake and point the app at it; without it the app has no model (extractive answers). */
  model?: boolean;
  clock?: Clock;
  extraEnv?: Record<string, string>;
  /** Defaults to a silent logger (see startTestApp). */
  logger?: Logger;
}

export interface QaHarness {
  redis: ReturnType<typeof useRedis>;
  slack: SlackFake;
  /** The running app; its members may be read only inside tests and hooks. */
  app: TestApp;
  /** Starts the app again on the same Redis, fakes and options, after a test stopped it (`app.stop()`): a restart. */
  startAgain(): Promise<void>;
}

export interface QaHarnessWithModel extends QaHarness {
  ai: OpenAIFake;
}

/**
 * The real app in HTTP mode for one test file, on a private Redis (useRedis), pointed at a Slack
 * fake and, with `model: true`, an OpenAI fake. Starts them in beforeAll and stops them in
 * afterAll (app, Slack fake, OpenAI fake, then Redis). The fakes are created at once, so a file
 * can set a model handler (`ai.handle(…)`) before the app starts; a beforeAll the file registers
 * after this call runs once the app is up (vitest runs beforeAll hooks in order, afterAll in reverse).
 *
 *   const { slack, ai, app } = useQaHarness({ model: true, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01' } });
 *   it('…', async () => { await post(app.eventsUrl, signedCommand({ command: '/plan', text: '…' })); });
 */
export function useQaHarness(options: QaHarnessOptions & { model: true }): QaHarnessWithModel;
export function useQaHarness(options?: QaHarnessOptions): QaHarness;
export function useQaHarness(options: QaHarnessOptions = {}): QaHarness | QaHarnessWithModel {
  const redis = useRedis();
  const slack = new SlackFake();
  const ai = options.model ? new OpenAIFake() : undefined;
  let started: TestApp | undefined;
  const running = (): TestApp => {
    if (!started) throw new Error('useQaHarness(): app used outside a test');
    return started;
  };
  const app: TestApp = {
    get bot() {
      return running().bot;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    get eventsUrl() {
      return running().eventsUrl;
    },
    stop: async () => {
      await started?.stop();
    },
  };

  const startApp = () =>
    startTestApp({
      redisUrl: redis.url,
      slackApiUrl: slack.apiUrl,
      openaiBaseUrl: ai?.baseUrl,
      clock: options.clock,
      extraEnv: options.extraEnv,
      logger: options.logger,
    });
  const startAgain = async () => {
    started = await startApp();
  };

  beforeAll(async () => {
    await slack.start();
    await ai?.start();
    started = await startApp();
  });
  afterAll(async () => {
    await started?.stop();
    await slack.stop();
    await ai?.stop();
  });

  return ai ? { redis, slack, ai, app, startAgain } : { redis, slack, app, startAgain };
}
