import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis, stateKeys } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { eventBody, post, sign, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload, type SignedRequest } from '../helpers/slack-requests.js';

describe('the app in HTTP mode', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01', PROPOSALS_CHANNEL: 'C0PROPOSALS' } });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('reports health when Redis answers', async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('refuses a forged signature with 401 and calls nothing', async () => {
    const req = signedCommand({ command: '/plan', text: '元気アップ会議とは？' }, { secret: 'wrong-secret-000000' });
    const before = slack.calls.length;
    const res = await post(t.eventsUrl, req);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.calls.length).toBe(before);
  });

  it('refuses a stale timestamp with 401', async () => {
    const body = 'command=%2Fplan&text=x';
    const res = await post(t.eventsUrl, sign(body, 'application/x-www-form-urlencoded', { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(res.status).toBe(401);
  });

  describe('every kind of request that does not verify gets 401 and changes nothing', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const mention = { type: 'app_mention', user: 'U0ADMIN01', channel: 'C0GENERAL', ts: '1700000800.000100', text: '<@UBOTMINATO> 元気アップ会議とは？' };
    const submission = viewSubmissionPayload({ userId: 'U0ADMIN01', callbackId: 'proposal_submit', values: { title: { value: { type: 'plain_text_input', value: '偽の提案' } } } });
    const tampered = (req: SignedRequest, body: string): SignedRequest => ({ body, headers: req.headers });
    const unsigned = (req: SignedRequest): SignedRequest => ({ body: req.body, headers: { 'content-type': req.headers['content-type']! } });
    const cases: [string, () => SignedRequest][] = [
      ['an event signed with another secret', () => signedEvent(mention, { secret: 'wrong-secret-000000' })],
      ['an event whose body was changed after signing', () => tampered(signedEvent(mention), eventBody({ ...mention, text: '<@UBOTMINATO> 改ざん' }))],
      ['an event without signature headers', () => unsigned(signedEvent(mention))],
      ['an event replayed an hour later', () => sign(eventBody(mention), 'application/json', { timestamp: now() - 3600 })],
      ['an event stamped ten minutes in the future', () => sign(eventBody(mention), 'application/json', { timestamp: now() + 600 })],
      ['an admin command signed with another secret', () => signedCommand({ command: '/proposal', text: 'export', user_id: 'U0ADMIN01' }, { secret: 'wrong-secret-000000' })],
      ['a form submission signed with another secret', () => signedInteraction(submission, { secret: 'wrong-secret-000000' })],
    ];
    for (const [name, make] of cases) {
      it(name, async () => {
        const keysBefore = await stateKeys(redis.client);
        slack.reset();
        const res = await post(t.eventsUrl, make());
        expect(res.status).toBe(401);
        await new Promise((r) => setTimeout(r, 200));
        expect(slack.calls.map((c) => c.method)).toEqual([]);
        expect(await stateKeys(redis.client)).toEqual(keysBefore);
      });
    }
  });
});
