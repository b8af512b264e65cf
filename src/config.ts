import { z } from 'zod';
import { APP_ID, CONVERSATION_ID, TEAM_ID, USER_ID } from './infra/slack-ids.js';
import { OperatorError } from './infra/operator-error.js';
import { parseRedisUrl, RedisUrlError } from './infra/redis-url.js';

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

const proxyUrl = z.string().trim().refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), {
  message: 'プロキシの URL（例: http://proxy.example.lg.jp:8080）を指定してください',
});

export const configSchema = z.object({
  SLACK_BOT_TOKEN: optional(z.string().trim().startsWith('xoxb-', { message: '「xoxb-」で始まるボットトークンを指定してください' })),
  SLACK_SIGNING_SECRET: optional(z.string().trim().min(8, { message: '署名シークレットが短すぎます' })),
  SLACK_APP_TOKEN: optional(z.string().trim().startsWith('xapp-', { message: '「xapp-」で始まるアプリレベルトークンを指定してください' })),
  PORT: optional(
    z.coerce.number({ message: '数値を指定してください' }).int({ message: '整数を指定してください' })
      .min(1, { message: '1〜65535 を指定してください' }).max(65535, { message: '1〜65535 を指定してください' }),
  ).transform((v) => v ?? 3000),
  SLACK_API_URL: optional(url('Slack API')),
  /** The workspace and app this bot answers for; learnt from auth.test at start when unset. */
  SLACK_TEAM_ID: optional(z.string().trim().regex(TEAM_ID, { message: 'ワークスペース ID（例: T0123456789）を指定してください' })),
  SLACK_APP_ID: optional(z.string().trim().regex(APP_ID, { message: 'アプリ ID（例: A0123456789）を指定してください' })),
  OPENAI_API_KEY: optional(z.string().trim()),
  OPENAI_BASE_URL: optional(url('OpenAI 互換エンドポイント')),
  OPENAI_MODEL: optional(z.string().trim()).transform((v) => v ?? 'gpt-5-mini'),
  // Read by src/infra/redis-url.ts (the multi-host forms are not WHATWG URLs); one line per bad form.
  REDIS_URL: optional(
    z.string().trim().superRefine((v, ctx) => {
      try {
        parseRedisUrl(v);
      } catch (err) {
        if (!(err instanceof RedisUrlError)) throw err;
        ctx.addIssue({ code: 'custom', message: err.message });
      }
    }),
  ),
  PROPOSALS_CHANNEL: optional(z.string().trim().regex(CONVERSATION_ID, { message: 'チャンネル ID（例: C0123456789）を指定してください' })),
  EVENTS_CHANNEL: optional(z.string().trim().regex(CONVERSATION_ID, { message: 'チャンネル ID（例: C0123456789）を指定してください' })),
  ADMIN_USER_IDS: optional(z.string())
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => USER_ID.test(id)), { message: 'カンマ区切りのユーザー ID（例: U0123456789）を指定してください' }),
  MORNING_TIME: optional(z.string().trim().regex(HHMM, { message: '「HH:MM」（例: 08:45）の形で指定してください' }))
    .transform((v) => v ?? '08:45'),
  DATA_DIR: optional(z.string().trim()).transform((v) => v ?? './data'),
  // The office proxy (Web API, Socket Mode's WebSocket, the model). Lower-case spellings are read too.
  HTTPS_PROXY: optional(proxyUrl),
  HTTP_PROXY: optional(proxyUrl),
  NO_PROXY: optional(z.string().trim()),
  INSIGHTS_RETENTION_DAYS: optional(
    z.coerce.number({ message: '日数（0 以上の整数）を指定してください' }).int({ message: '日数（0 以上の整数）を指定してください' })
      .min(0, { message: '0 以上の日数を指定してください（0 は質問文を保存しません）' }).max(3650, { message: '3650 日以内で指定してください' }),
  ).transform((v) => v ?? 90),
  LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    message: 'fatal / error / warn / info / debug / trace / silent のいずれかを指定してください',
  })).transform((v) => v ?? 'info'),
});

export type Config = z.output<typeof configSchema>;

export interface ConfigProblem {
  variable: string;
  reason: string;
}

/**
 * Every configuration problem found at once, each worded as the one line an operator sees:
 * 「設定エラー: 環境変数 X — why」. The message holds one line per problem.
 */
export class ConfigError extends OperatorError {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `設定エラー: 環境変数 ${p.variable} — ${p.reason}`).join('\n'));
    this.name = 'ConfigError';
  }

  get variables(): string[] {
    return this.problems.map((p) => p.variable);
  }
}

/** `https_proxy` and friends: the spelling curl and most Linux tools read. Upper case wins. */
const LOWER_CASE_ALIASES = ['HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'] as const;

function withAliases(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const out = { ...env };
  for (const name of LOWER_CASE_ALIASES) out[name] ??= env[name.toLowerCase()];
  return out;
}

const unset = (v: string | undefined) => v === undefined || v.trim() === '';

/** What `npm start` needs besides valid values: Slack credentials for the chosen transport. */
function missingCredentials(env: Record<string, string | undefined>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (unset(env.SLACK_BOT_TOKEN)) {
    problems.push({ variable: 'SLACK_BOT_TOKEN', reason: 'ボットトークン（xoxb-…）が設定されていません。Slack アプリの「OAuth & Permissions」からコピーしてください' });
  }
  if (unset(env.SLACK_APP_TOKEN) && unset(env.SLACK_SIGNING_SECRET)) {
    problems.push({
      variable: 'SLACK_SIGNING_SECRET',
      reason: 'HTTP モードでは署名シークレットが必要です（Socket Mode で動かす場合は SLACK_APP_TOKEN を設定してください）',
    });
  }
  return problems;
}

/**
 * Validates the environment. Throws one ConfigError listing every bad variable, not only the first.
 * `bot: true` (npm start) also requires the Slack credentials, reported in the same list.
 */
export function loadConfig(env: Record<string, string | undefined>, options: { bot?: boolean } = {}): Config {
  const parsed = configSchema.safeParse(withAliases(env));
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '?'), reason: issue.message }));
  if (options.bot) problems.push(...missingCredentials(env));
  if (!parsed.success || problems.length > 0) {
    // One line per variable: the first reason zod gives for it.
    throw new ConfigError(problems.filter((p, i) => problems.findIndex((q) => q.variable === p.variable) === i));
  }
  return parsed.data;
}

export function isAdmin(config: Pick<Config, 'ADMIN_USER_IDS'>, userId: string | undefined): boolean {
  return userId !== undefined && config.ADMIN_USER_IDS.includes(userId);
}
