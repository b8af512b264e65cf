import { LogLevel, webApi } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import { boltLogger } from '../bolt-logger.js';

/**
 * The Web API client for the work that follows a proposal's ack (sharing, chat.update, DMs, App
 * Home, the CSV upload). Bolt's own client retries a failing Slack for about half an hour; here a
 * 5xx or network error is retried briefly, so the proposer hears within seconds that sharing failed
 * (the proposal is stored either way). Rate limits are still waited out (Retry-After).
 */
const clients = new WeakMap<Deps, webApi.WebClient>();

export function proposalSlackClient(deps: Deps): webApi.WebClient {
  let client = clients.get(deps);
  if (!client) {
    client = new webApi.WebClient(deps.config.SLACK_BOT_TOKEN, {
      slackApiUrl: deps.config.SLACK_API_URL ? deps.config.SLACK_API_URL.replace(/\/?$/, '/') : undefined,
      retryConfig: { retries: 2, factor: 2, minTimeout: 400, maxTimeout: 1_500 },
      timeout: 10_000,
      logger: boltLogger(deps.logger),
      logLevel: LogLevel.WARN,
    });
    clients.set(deps, client);
  }
  return client;
}
