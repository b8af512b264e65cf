import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { post, signedCommand, signedInteraction, viewSubmissionPayload } from '../../helpers/slack-requests.js';

/** Redis goes away: /morning and /announce answer 「一時的に利用できません」 style, within Slack's 3 s, and keep the typed form. */
describe('morning and announce while Redis is down', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock: fixedClock('2026-11-24T09:00:00+09:00'), extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01' } });
    await t.bot.services.morning.runDue();
    redis.client.disconnect();
    await redis.server()?.stop();
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  }, 30_000);

  it('/morning status says it is temporarily unavailable', async () => {
    const res = await post(t.eventsUrl, signedCommand({ command: '/morning', text: 'status', channel_id: 'C0MORNING1', response_url: slack.responseUrl() }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const [reply] = await slack.waitFor('response_url');
    expect(reply!.args.text).toMatch(/一時的に/);
  });

  it('the announcement form keeps what was typed and says to try again', async () => {
    const values = {
      initiative: { value: { type: 'static_select', selected_option: { value: 'award' } } },
      title: { value: { type: 'plain_text_input', value: '区長表彰の推薦募集' } },
      body: { value: { type: 'plain_text_input', value: '業務改善に取り組んだ職員を推薦してください。' } },
      channels: { value: { type: 'multi_conversations_select', selected_conversations: ['C0CHAN001'] } },
      when: { value: { type: 'radio_buttons', selected_option: { value: 'now' } } },
    };
    const res = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: 'U0ADMIN01', callbackId: 'announce_compose', values })));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const body = JSON.parse(res.text);
    expect(body.response_action).toBe('errors');
    expect(body.errors.body).toMatch(/一時的に保存できませんでした。入力内容はこのまま残っています/);
  });
});
