import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedEvent } from '../helpers/slack-requests.js';

/**
 * Redis goes away under a running bot and comes back on the same port with its data
 * (append-only file on, as the bot's own redis-server runs). The bot must stay up, say 503 on
 * /healthz, keep acking Slack within 3 s, tell users 「一時的に利用できません」, and recover
 * without a restart, with nothing it had accepted lost.
 */
describe('fault: Redis down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minato-redis-down-'));
  let redis: RedisServerHandle;
  let slack: SlackFake;
  let t: TestApp;

  const health = async () => (await fetch(`${t.baseUrl}/healthz`)).status;

  beforeAll(async () => {
    redis = await startRedisServer({ dir });
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is healthy while Redis answers', async () => {
    expect(await health()).toBe(200);
  });

  it('says 503 on /healthz once Redis is gone, and still acks Slack within 3 s', async () => {
    await t.bot.deps.redis.set('fault:before-outage', 'kept');
    await redis.stop();
    await expect.poll(health, { timeout: 5_000, interval: 200 }).toBe(503);
    const body = await (await fetch(`${t.baseUrl}/healthz`)).json();
    expect(body).toEqual({ ok: false });

    const res = await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: 'U0STAFF01', channel: 'D0DM', tab: 'home' }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
  });

  it('recovers without a restart when Redis comes back on the same port, with its data', async () => {
    redis = await startRedisServer({ dir, port: redis.port });
    await expect.poll(health, { timeout: 10_000, interval: 200 }).toBe(200);
    expect(await t.bot.deps.redis.get('fault:before-outage')).toBe('kept');
  });
});
