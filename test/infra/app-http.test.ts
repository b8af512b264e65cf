import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, sign, signedCommand } from '../helpers/slack-requests.js';

describe('the app in HTTP mode', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
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
});
