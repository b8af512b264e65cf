import type { Authorize, webApi } from '@slack/bolt';
import type { Logger } from '../infra/logger.js';
import { OperatorError } from '../infra/operator-error.js';
import { appIdOf } from './app-identity.js';

/** Slack's answers that mean the token itself is wrong: retrying cannot help. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** A token Slack refuses. One line for the operator; the bot stops with exit code 1. */
export class SlackTokenError extends OperatorError {
  constructor(variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', code: string) {
    const where = variable === 'SLACK_BOT_TOKEN' ? '「OAuth & Permissions」の「Bot User OAuth Token」' : '「Basic Information」の「App-Level Tokens」（connections:write）';
    super(`${variable} が無効です（${code}）。Slack アプリの${where}を確かめて設定し直し、もう一度起動してください。`);
    this.name = 'SlackTokenError';
  }
}

/** The Slack error code when it says the token is bad. */
export function badTokenCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } };
  const code = e?.data?.error;
  return e?.code === 'slack_webapi_platform_error' && code && BAD_TOKEN.has(code) ? code : undefined;
}

const MAX_DELAY_MS = 60_000;

/**
 * The bot's identity on Slack (auth.test), found without ever blocking an ack:
 * - a token Slack refuses stops the bot (SlackTokenError: at start it rejects `verify`, later `onFatal`);
 * - when Slack cannot be reached, one line says so, auth.test is retried with back-off
 *   (1 s, 2 s, 4 s … at most 60 s) and one line says when it is back;
 * - meanwhile Bolt's `authorize` answers from here, so HTTP requests are still acked.
 *   (Bolt's own token check would cache the first failure for good.)
 */
export class SlackConnection {
  private identity: { botId?: string; botUserId?: string; teamId?: string } = {};
  /** The app the token belongs to (src/slack/app-identity.ts), once Slack has said. */
  appId?: string;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private failures = 0;
  private readonly connected: Promise<void>;
  private markConnected!: () => void;

  constructor(
    private readonly o: { client: webApi.WebClient; token: string; logger: Logger; onFatal: (err: Error) => void; appId?: string },
  ) {
    this.connected = new Promise((resolve) => (this.markConnected = resolve));
  }

  /** The workspace of the token, once Slack has said. */
  get teamId(): string | undefined {
    return this.identity.teamId;
  }

  /** For Bolt: the token and whatever identity is known by now. */
  readonly authorize: Authorize<boolean> = async () => ({ botToken: this.o.token, ...this.identity });

  /**
   * The first auth.test. Resolves once Slack answered, or once it is known to be unreachable
   * (retrying in the background from then on). Rejects with SlackTokenError.
   */
  async verify(): Promise<void> {
    const outcome = await this.attempt();
    if (outcome instanceof SlackTokenError) throw outcome;
  }

  /** Resolves when Slack has answered auth.test (Socket Mode waits for it before connecting). */
  whenConnected(): Promise<void> {
    return this.connected;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async attempt(): Promise<'ok' | 'retrying' | SlackTokenError> {
    try {
      const r = await this.o.client.auth.test();
      // With the identity: the app id too, which the payload screen checks (bots.info when auth.test leaves it out).
      this.appId ??= this.o.appId ?? (await appIdOf(this.o.client, r));
      this.identity = { botId: r.bot_id, botUserId: r.user_id, teamId: r.team_id };
      if (this.failures > 0) this.o.logger.info({ attempts: this.failures + 1 }, 'Slack に接続できました。');
      this.failures = 0;
      this.markConnected();
      return 'ok';
    } catch (err) {
      const code = badTokenCode(err);
      if (code) return new SlackTokenError('SLACK_BOT_TOKEN', code);
      this.failures += 1;
      const delay = Math.min(1_000 * 2 ** (this.failures - 1), MAX_DELAY_MS);
      // WebAPIRequestError wraps the network error ("A request error occurred: …"): say the inner one.
      const reason = ((err as { original?: Error }).original ?? (err as Error)).message;
      if (this.failures === 1) {
        this.o.logger.warn({ err: reason }, `Slack に接続できません（${reason}）。届いた要求への応答は続け、つながるまで再試行します（間隔は最長 60 秒）。`);
      } else {
        this.o.logger.debug({ err: reason, retryInMs: delay }, 'Slack still unreachable');
      }
      if (!this.stopped) {
        this.timer = setTimeout(() => {
          void this.attempt().then((outcome) => {
            if (outcome instanceof SlackTokenError) this.o.onFatal(outcome);
          });
        }, delay);
        this.timer.unref();
      }
      return 'retrying';
    }
  }
}
