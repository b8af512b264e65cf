/**
 * Takes credentials out of free text before it leaves the bot (to the model): tokens and keys in
 * their well-known shapes, private keys, credentials inside URLs, and the value after a
 * password label. Staff sometimes paste more than they mean to; the model never needs these.
 */

export const REDACTED = '[秘匿情報を削除しました]';

const PATTERNS: RegExp[] = [
  // Slack bot/user/app/config tokens, and incoming-webhook URLs.
  /\bxox[abposre]-[A-Za-z0-9-]{8,}/g,
  /\bxapp-\d+-[A-Za-z0-9-]{8,}/g,
  /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
  // Model-provider and cloud keys.
  /\bsk-(?:proj-|ant-|live-|test-)?[A-Za-z0-9_-]{16,}/g,
  /\bAKIA[0-9A-Z]{16}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})\b/g,
  // JSON Web Tokens.
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
  // PEM private keys.
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** scheme://user:password@host — keeps the scheme and host, drops the credentials. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s:@/]*:[^\s@/]+@/gi;

/** 「パスワード: xxx」「password=xxx」「暗証番号は1234」: keeps the label, drops the value. */
const LABELLED = /((?:password|passwd|pwd|pass|secret|token|api[_ -]?key|パスワード|暗証番号|合言葉)\s*(?:[:：=＝]|は|が)\s*)[^\s、。,，]+/gi;

export function redactSecrets(text: string): string {
  let out = text;
  for (const re of PATTERNS) out = out.replace(re, REDACTED);
  out = out.replace(URL_CREDENTIALS, `$1${REDACTED}@`);
  out = out.replace(LABELLED, (_m, label: string) => `${label}${REDACTED}`);
  return out;
}
