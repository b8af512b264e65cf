import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from '../../src/infra/redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['このトークン xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp で動きますか', 'xoxb-1234567890'],
    ['アプリトークンは xapp-1-A0123ABCD-123456789-abcdef0123 です', 'xapp-1-A0123'],
    ['https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX に送って', 'hooks.slack.com/services/T000'],
    ['キーは sk-proj-AbCdEfGhIjKlMnOpQrStUvWx です', 'sk-proj-AbCd'],
    ['AKIAIOSFODNN7EXAMPLE を設定した', 'AKIAIOSFODNN7EXAMPLE'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345 を使う', 'ghp_0123456789'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlLXZhbHVl を貼ります', 'eyJhbGciOiJIUzI1NiJ9'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----', 'MIIEow'],
    ['redis://default:s3cr3t-pass@redis.internal:6379/0 に接続', 's3cr3t-pass'],
    ['パスワード: Minato2026! を忘れました', 'Minato2026!'],
    ['暗証番号は1234です', '1234'],
    ['password=hunter2 で入れます', 'hunter2'],
  ])('takes the secret out of %j', (input, secret) => {
    const out = redactSecrets(input);
    expect(out).not.toContain(secret);
    expect(out).toContain(REDACTED);
  });

  it('leaves ordinary questions alone', () => {
    for (const q of ['元気アップ会議とは？', '３つの心構えって何ですか', 'PDCAサイクルについて教えて', 'skill-up の研修はありますか', 'https://www.city.osaka.lg.jp/minato/ のページ']) {
      expect(redactSecrets(q)).toBe(q);
    }
  });
});
