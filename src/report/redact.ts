import { redactSecrets } from '../infra/redact-secrets.js';

/**
 * What is taken out of a refused question before its text is kept for the monthly report:
 * credentials (src/infra/redact-secrets.ts, plus any long token-like string), e-mail addresses,
 * telephone numbers, numbers of 12 digits or more (マイナンバー, card and account numbers) and
 * Slack user mentions and ids.
 * The text is NFKC-normalised first, so full-width digits and ＠ are caught the same way.
 */

export const REDACTED_EMAIL = '[メールアドレス]';
export const REDACTED_PHONE = '[電話番号]';
export const REDACTED_NUMBER = '[番号]';
export const REDACTED_TOKEN = '[秘匿情報]';
export const REDACTED_PERSON = '[ユーザー]';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 12 or more digits, alone or in groups joined by a space, hyphen or dot (1234-5678-9012). */
const LONG_NUMBER = /(?<![\d])\d(?:[-\s.]?\d){11,}(?![\d])/g;
/** Japanese numbers: 0 + 9–10 digits (06-1234-5678, 090 1234 5678, 0120(123)456), or +81 … */
const PHONE = /(?<![\d+])(?:\+81[-\s]?\(?0?\)?|0)\d{1,4}[-\s(]{0,2}\d{1,4}[-\s)]{0,2}\d{3,4}(?![\d])/g;
/** Long unbroken letter-and-digit strings with both letters and digits: API keys, session ids. */
const TOKEN_LIKE = /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*\d)(?=[A-Za-z0-9_-]*[A-Za-z])[A-Za-z0-9_-]{24,}(?![A-Za-z0-9_-])/g;

/** Slack mentions and ids (<@U…>, <#C…|name>, <!subteam^…>) and bare user ids: who, never kept. */
const SLACK_REF = /<[@#!][^>\s]*>|(?<![A-Za-z0-9])[UW][A-Z0-9]{8,}(?![A-Za-z0-9])/g;

const digits = (s: string) => s.replace(/\D/g, '').length;

export function redactPersonal(text: string): string {
  let out = redactSecrets(text.normalize('NFKC')).replace(SLACK_REF, REDACTED_PERSON);
  out = out.replace(TOKEN_LIKE, REDACTED_TOKEN);
  out = out.replace(EMAIL, REDACTED_EMAIL);
  out = out.replace(LONG_NUMBER, REDACTED_NUMBER);
  out = out.replace(PHONE, (m) => {
    const n = m.startsWith('+81') ? digits(m) - 2 + 1 : digits(m);
    return n >= 10 && n <= 11 ? REDACTED_PHONE : m;
  });
  return out;
}
