import { z } from 'zod';
import { CONVERSATION_ID, USER_ID } from './infra/slack-ids.js';

/**
 * The bot's configuration, read once at start from an environment-shaped object.
 * Only the composition root (src/main.ts, src/cli/*) passes `process.env` in here.
 */

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Empty strings count as unset: `FOO=` in a .env file means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const url = (what: string) =>
  z.string().trim().refine((v) => URL.canParse(v), { message: `${what} の URL として読めません` });

export const configSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().trim().startsWith('xoxb-', { message: '「xoxb-」で始まるボットトークンを指定してください' })),
  SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, { message: '署名シークレットが短すぎます' })),
  SLACK_APP_TOKEN: optional(z.string().trim().startsWith('xapp-', { message: '「xapp-」で始まるアプリレベルトークンを指定してください' })),
  PORT: optional(
    z.coerce.number({ message: '数値を指定してください' }).int({ message: '整数を指定してください' })
      .min(1, { message: '1〜65535 を指定してください' }).max(65535, { message: '1〜65535 を指定してください' }),
  ).transform((v) => v ?? 3000),
  SLACK_API_URL: optional(url('Slack API')),
  OPENAI_API_KEY: optional(z.string().trim()),
  OPENAI_BASE_URL: optional(url('OpenAI 互換エンドポイント')),
  OPENAI_MODEL: optional(z.string().trim()).transform((v) => v ?? 'gpt-5-mini'),
  REDIS_URL: optional(
    z.string().trim().refine((v) => /^(rediss?|redis\+sentinel|redis\+cluster):\/\//.test(v) && URL.canParse(v), {
      message: 'redis:// / rediss:// / redis+sentinel:// / redis+cluster:// で始まる URL を指定してください',
    }),
  ),
  PROPOSALS_CHANNEL: optional(z.string().trim().regex(CONVERSATION_ID, { message: 'チャンネル ID（例: C0123456789）を指定してください' })),
  EVENTS_CHANNEL: optional(z.string().trim().regex(CONVERSATION_ID, { message: 'チャンネル ID（例: C0123456789）を指定してください' })),
  ADMIN_USER_IDS: optional(z.string())
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => USER_ID.test(id)), { message: 'カンマ区切りのユーザー ID（例: U0123456789）を指定してください' }),
  MORNING_TIME: optional(z.string().trim().regex(HHMM, { message: '「HH:MM」（例: 08:45）の形で指定してください' }))
    .transform((v) => v ?? '08:45'),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'fatal / error / warn / info / debug / trace / silent のいずれかを指定してください',
  })).transform((v) => v ?? 'info'),
});

export type Config = z.output<typeof configSchema>;

/** A configuration problem, worded as the one line an operator sees. */
export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`設定エラー: 環境変数 ${variable} — ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? '?'), issue.message);
  }
  return parsed.data;
}

/** What `npm start` additionally needs: Slack credentials for the chosen transport. */
export function requireSlackCredentials(config: Config): void {
  if (!config.SLACK_BOT_TOKEN) {
    throw new ConfigError('SLACK_BOT_TOKEN', 'ボットトークン（xoxb-…）が設定されていません。Slack アプリの「OAuth & Permissions」からコピーしてください');
  }
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET',
      'HTTP モードでは署名シークレットが必要です（Socket Mode で動かす場合は SLACK_APP_TOKEN を設定してください）',
    );
  }
}

export function isAdmin(config: Pick<Config, 'ADMIN_USER_IDS'>, userId: string | undefined): boolean {
  return userId !== undefined && config.ADMIN_USER_IDS.includes(userId);
}
