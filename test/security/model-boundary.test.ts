import { beforeAll, describe, expect, it } from 'vitest';
import { planReply } from '../helpers/openai-fake.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { BOT_USER_ID, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, signedEvent, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The model is outside the trust boundary, both ways:
 * - what goes to it: the plan and the question, never the bot's credentials or configuration;
 * - what comes back: shown as text. It cannot ping (<!channel>, <!here>, @everyone, <@U…>) and
 *   cannot post live links, disguised or bare: a URL is shown as inline code, exactly as written
 *   (copyable, no zero-width space inside), so Slack neither links nor unfurls it.
 */

const HOSTILE =
  'みなさん<!channel> <!here> <!everyone> @everyone @here <@U0VICTIM> <!subteam^S0ALL> に知らせてください。' +
  '詳しくは <https://evil.example/login|職員ポータル> か [人事システム](https://evil.example/phish) か https://evil.example/x または www.evil.example を開いてください。' +
  '元気アップ会議は若手職員を中心とする会議です。';

/** Every call that carries message content to Slack. */
function messageCalls(slack: SlackFake): SlackCall[] {
  return slack.calls.filter((c) => /^chat\.(postMessage|postEphemeral|update|startStream|appendStream|stopStream)$/.test(c.method) || c.method === 'response_url');
}

describe('security: the model boundary', () => {
  const { redis, slack, ai, app } = useQaHarness({
    model: true,
    extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01', PROPOSALS_CHANNEL: 'C0PROPOSALS', EVENTS_CHANNEL: 'C0EVENTS' },
  });
  ai.handle(() => ({
    content: planReply({
      citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
      found: true,
      answer: HOSTILE,
    }),
  }));

  beforeAll(async () => {
    await post(
      app.eventsUrl,
      signedEvent({ type: 'app_mention', user: 'U0STAFF01', channel: 'C0GENERAL', ts: '1700000300.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }),
    );
    await post(app.eventsUrl, signedEvent({ type: 'message', channel_type: 'im', user: 'U0STAFF02', channel: 'D0STAFF02', ts: '1700000400.000100', text: '元気アップ会議とは？' }));
    await post(app.eventsUrl, signedCommand({ command: '/plan', text: '元気アップ会議とは？', user_id: 'U0STAFF03', response_url: slack.responseUrl('boundary') }));
    await ai.waitForRequests(3);
    // Wait until each surface has shown the (neutralised) answer.
    const shown = (c: SlackCall) => JSON.stringify(c.args).includes('若手職員を中心とする会議');
    await slack.waitFor('response_url', shown);
    for (const channel of ['C0GENERAL', 'D0STAFF02']) {
      const deadline = Date.now() + 10_000;
      while (!messageCalls(slack).some((c) => c.args.channel === channel && shown(c)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, 200));
  });

  it('sends the model no token, secret or configuration', () => {
    expect(ai.chatRequests.length).toBe(3);
    for (const r of ai.chatRequests) {
      const body = JSON.stringify(r.body);
      for (const secret of ['xoxb-test-token', TEST_SIGNING_SECRET, 'sk-test', redis.url, slack.apiUrl, 'U0ADMIN01', 'C0PROPOSALS']) {
        expect(body, `model request contains ${secret}`).not.toContain(secret);
      }
      // The only credential on the wire to the model is its own API key.
      expect(r.headers.authorization).toBe('Bearer sk-test');
      expect(JSON.stringify(r.headers)).not.toContain('xoxb-');
      // The question got there (so the check above looked at a real request).
      expect(body).toContain('元気アップ会議とは？');
    }
  });

  it('shows model output as text: no pings, no live or disguised links, nothing unfurled', () => {
    const calls = messageCalls(slack).filter((c) => c.args.channel !== undefined || c.method === 'response_url');
    const showing = calls.filter((c) => JSON.stringify(c.args).includes('若手職員を中心とする会議'));
    expect(showing.map((c) => c.args.channel ?? 'response_url')).toEqual(expect.arrayContaining(['C0GENERAL', 'D0STAFF02', 'response_url']));
    for (const c of calls) {
      const content = JSON.stringify(c.args);
      for (const bad of ['<!channel>', '<!here>', '<!everyone>', '<@U0VICTIM>', '<!subteam', '<https://', '](https://']) {
        expect(content, `${c.method} carries ${bad}`).not.toContain(bad);
      }
      // A URL from the model is shown as inline code, exactly as written (copyable, not live).
      expect(content, `${c.method} carries a live URL`).not.toMatch(/(?<!`)(https:\/\/evil|www\.evil)/);
      expect(content, `${c.method} breaks a URL with a zero-width space`).not.toMatch(/(https?|www)\u200B|https?\u200B?:\/\/\S*\u200B/);
      expect(content, `${c.method} carries a live @everyone/@here`).not.toMatch(/@(everyone|here|channel)\b/);
    }
    for (const c of slack.callsTo('chat.postMessage')) {
      expect(c.args.unfurl_links).toBe('false');
      expect(c.args.unfurl_media).toBe('false');
    }
  });

  it('takes credentials a person pasted out of the question before it goes to the model', async () => {
    const pasted = 'xoxb-2222222222-3333333333-PastedByMistake01';
    const before = ai.chatRequests.length;
    await post(
      app.eventsUrl,
      signedEvent({ type: 'message', channel_type: 'im', user: 'U0STAFF04', channel: 'D0STAFF04', ts: '1700000700.000100', text: `このトークン ${pasted} とパスワード: Minato2026! は元気アップ会議で使えますか` }),
    );
    const [r] = (await ai.waitForRequests(before + 1)).slice(before);
    const body = JSON.stringify(r!.body);
    expect(body).toContain('元気アップ会議で使えますか');
    expect(body).not.toContain(pasted);
    expect(body).not.toContain('Minato2026!');
  });
});
