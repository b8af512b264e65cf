import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedisServer, type RedisServerHandle } from '../../src/infra/redis-server.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';

/** /healthz says 200 only while the bot can write to a master: a demoted one still answers PING. */
describe('/healthz and the role of the Redis it writes to', () => {
  let primary: RedisServerHandle;
  let other: RedisServerHandle;
  let admin: Redis;
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    [primary, other] = await Promise.all([startRedisServer(), startRedisServer()]);
    admin = new Redis(primary.url);
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: primary.url, slackApiUrl: slack.apiUrl });
  });
  afterAll(async () => {
    await t?.stop();
    admin?.disconnect();
    await slack?.stop();
    await Promise.all([primary?.stop(), other?.stop()]);
  });

  const status = async () => {
    const res = await fetch(`${t.baseUrl}/healthz`);
    return { status: res.status, body: await res.json() };
  };

  it('is 200 on a master', async () => {
    expect(await status()).toEqual({ status: 200, body: { ok: true } });
  });

  it('is 503, and stays so, while the server answers only as a replica; 200 once it is a master again', async () => {
    await admin.replicaof('127.0.0.1', String(other.port));
    expect(await admin.ping()).toBe('PONG');
    expect(await status()).toEqual({ status: 503, body: { ok: false } });
    await new Promise((r) => setTimeout(r, 500));
    expect((await status()).status).toBe(503);
    await admin.replicaof('NO', 'ONE');
    await expect.poll(async () => (await status()).status, { timeout: 5_000 }).toBe(200);
  });
});
