import { LogLevel, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../infra/logger.js';
import { outboundFetch, type ProxyConfig } from '../infra/outbound.js';
import { boltLogger } from './bolt-logger.js';

/**
 * Web API clients for the work that follows an ack. Bolt's own client (used inside listeners)
 * retries a failing Slack for about half an hour; work that someone is waiting on, or that a job
 * runner must finish, needs bounded retries instead:
 *
 *  - `follow-up`: sharing a proposal, chat.update, DMs, App Home, uploads. A 5xx or network error
 *    is retried briefly so the user hears within seconds that something failed; 429s are waited out.
 *  - `poster`: scheduled posts (morning prompts, announcements). A few more retries; 429s waited out.
 *  - `background`: coalesced channel-message updates and reminder DMs. A 429 fails at once with
 *    Slack's Retry-After, and the caller reschedules the work through Redis, where every replica sees it.
 */
export type ClientProfile = 'follow-up' | 'poster' | 'background' | 'probe';

const PROFILES: Record<ClientProfile, webApi.WebClientOptions> = {
  'follow-up': { retryConfig: { retries: 2, factor: 2, minTimeout: 400, maxTimeout: 1_500 } },
  poster: { retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4_000 } },
  background: { retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 }, rejectRateLimitedCalls: true },
  // auth.test at start and while Slack cannot be reached: one try; SlackConnection does the back-off.
  probe: { retryConfig: { retries: 0 } },
};

export type SlackClientConfig = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_API_URL'> & ProxyConfig;

/** Options every Slack client shares (Bolt's own included): the API URL, the proxy, readable network errors. */
export function slackClientOptions(config: SlackClientConfig): Pick<webApi.WebClientOptions, 'slackApiUrl' | 'fetch'> {
  return { slackApiUrl: slackApiUrl(config), fetch: outboundFetch('Slack', config) };
}

/** SLACK_API_URL as Slack's WebClient wants it (with the trailing slash), or Slack's own. */
export function slackApiUrl(config: Pick<Config, 'SLACK_API_URL'>): string | undefined {
  return config.SLACK_API_URL ? config.SLACK_API_URL.replace(/\/?$/, '/') : undefined;
}

export function createWebClient(config: SlackClientConfig, logger: Logger, profile: ClientProfile): webApi.WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, {
    ...slackClientOptions(config),
    timeout: 10_000,
    // The probe's failures are SlackConnection's to report (once): the client itself stays quiet.
    logger: boltLogger(profile === 'probe' ? logger.child({}, { level: 'error' }) : logger),
    logLevel: LogLevel.WARN,
    ...PROFILES[profile],
  });
}
