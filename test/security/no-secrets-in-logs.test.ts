import { describe, expect, it } from 'vitest';
import { captureLogs } from '../helpers/log-capture.js';
import { planReply } from '../helpers/openai-fake.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { BOT_USER_ID } from '../helpers/slack-fake.js';
import { post, signedCommand, signedEvent, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The plan concerns 個人情報 handling; the bot acts like it. Drive real flows (a mention, a DM,
 * /plan) through the app with its real pino logger at info level, and read every line it wrote:
 * no question text, no answer text, no token and no secret may appear.
 */

/** Distinctive, personal-looking question text that must never reach the logs. */
const QUESTIONS = {
  mention: '山田花子（職員番号 837261）の元気アップ会議での発言を教えてください',
  dm: '鈴木一郎 090-1234-5678 の研修の記録について',
  command: '佐藤次郎の住所 大阪市港区築港9-9-9 と元気アップ会議の関係は？',
};
const ANSWER = '元気アップ会議は、各職場から選出された若手職員を中心に自主的な取り組みを進める会議です（秘匿回答マーカー7741）。';
const SECRETS = ['xoxb-test-token', TEST_SIGNING_SECRET, 'sk-test'];

describe('security: no message text, token or secret in the info logs', () => {
  const logs = captureLogs('info');
  const { slack, ai, app } = useQaHarness({ model: true, logger: logs.logger });
  ai.handle(() => ({
    content: planReply({
      citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
      found: true,
      answer: ANSWER,
    }),
  }));

  it('logs the flows (so the test can fail) but never their text or credentials', async () => {
    await post(
      app.eventsUrl,
      signedEvent({ type: 'app_mention', user: 'U0STAFF01', channel: 'C0GENERAL', ts: '1700000100.000100', text: `<@${BOT_USER_ID}> ${QUESTIONS.mention}` }),
    );
    await post(
      app.eventsUrl,
      signedEvent({ type: 'message', channel_type: 'im', user: 'U0STAFF02', channel: 'D0STAFF02', ts: '1700000200.000100', text: QUESTIONS.dm }),
    );
    await post(app.eventsUrl, signedCommand({ command: '/plan', text: QUESTIONS.command, user_id: 'U0STAFF03', response_url: slack.responseUrl('logs') }));

    // All three were answered with the model's text, so every code path that could log it ran.
    await ai.waitForRequests(3);
    await slack.waitFor('response_url', (c) => c.raw.includes('秘匿回答マーカー7741'));
    await expect
      .poll(() => slack.calls.filter((c) => c.method.startsWith('chat.') && JSON.stringify(c.args).includes('秘匿回答マーカー7741')).map((c) => c.args.channel), { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['C0GENERAL', 'D0STAFF02']));
    await expect.poll(() => logs.lines.filter((l) => l.msg === 'slack request handled').length).toBeGreaterThanOrEqual(3);

    const raw = logs.raw;
    expect(raw.length).toBeGreaterThan(0);
    for (const q of Object.values(QUESTIONS)) {
      expect(raw).not.toContain(q);
      // Nor any telling fragment of it (names, numbers, addresses).
      for (const fragment of q.match(/[一-龯]{2}[一-龯]{2}|\d[\d-]{5,}|築港[\d-]+/g) ?? []) {
        if (fragment === '元気アップ' || /会議|研修|記録|関係|発言|職員|番号|住所/.test(fragment)) continue;
        expect(raw, `fragment ${fragment}`).not.toContain(fragment);
      }
    }
    expect(raw).not.toContain('秘匿回答マーカー7741');
    for (const s of SECRETS) expect(raw).not.toContain(s);
    // The lines themselves are JSON with a level, and none is below info.
    for (const l of logs.lines) expect(l.level).toBeGreaterThanOrEqual(30);
  });
});
