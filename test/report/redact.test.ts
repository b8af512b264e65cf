import { describe, expect, it } from 'vitest';
import { REDACTED_EMAIL, REDACTED_NUMBER, REDACTED_PERSON, REDACTED_PHONE, REDACTED_TOKEN, redactPersonal } from '../../src/report/redact.js';
import { REDACTED } from '../../src/infra/redact-secrets.js';

describe('redactPersonal', () => {
  it.each([
    ['minato.taro@city.osaka.lg.jp に連絡してよいですか', 'minato.taro@city.osaka.lg.jp', REDACTED_EMAIL],
    ['ｍｉｎａｔｏ＠ｅｘａｍｐｌｅ．ｊｐ へ', 'minato@example.jp', REDACTED_EMAIL],
    ['06-6576-9625 は何の番号ですか', '6576', REDACTED_PHONE],
    ['携帯 090-1234-5678 に電話します', '1234-5678', REDACTED_PHONE],
    ['０９０１２３４５６７８ まで', '12345678', REDACTED_PHONE],
    ['0120(123)456 の窓口', '(123)456', REDACTED_PHONE],
    ['+81-6-6576-9625 からの着信', '6576-9625', REDACTED_PHONE],
    ['マイナンバー 123456789012 の扱いは？', '123456789012', REDACTED_NUMBER],
    ['番号 1234 5678 9012 を書いてもいい？', '5678 9012', REDACTED_NUMBER],
    ['カード 4111-1111-1111-1111 で払えますか', '1111-1111', REDACTED_NUMBER],
    ['トークン xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp', 'xoxb-', REDACTED],
    ['セッション a8f3k29dk3l0s9d8f7g6h5j4k3 が切れた', 'a8f3k29dk3l0s9d8f7g6h5j4k3', REDACTED_TOKEN],
    ['<@U0123ABCD9> さんの異動先は？', 'U0123ABCD9', REDACTED_PERSON],
    ['U0123ABCD9 の評価は', 'U0123ABCD9', REDACTED_PERSON],
  ])('takes the personal data out of %j', (input, gone, mark) => {
    const out = redactPersonal(input);
    expect(out).not.toContain(gone);
    expect(out).toContain(mark);
  });

  it('leaves ordinary questions (and short numbers, years, extensions) alone', () => {
    for (const q of ['テレワークの規程はありますか', '2026年度の研修計画は？', '内線 1234 の担当は', '第3期の職員数は 120 人ですか', 'R7年4月1日から']) {
      expect(redactPersonal(q)).toBe(q.normalize('NFKC'));
    }
  });

  it('catches an e-mail and a phone number in the same question', () => {
    const out = redactPersonal('育休の相談は hr-team@example.com か 06-1234-5678 のどちらですか');
    expect(out).toBe(`育休の相談は ${REDACTED_EMAIL} か ${REDACTED_PHONE} のどちらですか`);
  });
});
