import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/infra/clock.js';
import { startRedisServer, type RedisServerHandle } from '../../../src/infra/redis-server.js';
import { validateSessionForm } from '../../../src/worldcafe/schema.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload } from '../../helpers/slack-requests.js';
import { goodForm } from '../fixtures.js';
import { writeForm } from '../../../src/worldcafe/slack/modals.js';

/** With Redis gone, /worldcafe and its buttons still ack fast and say 「一時的に利用できません」; the form keeps its text. */
describe('/worldcafe while Redis is down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wc-redis-down-'));
  const clock = fixedClock('2026-07-01T10:00:00+09:00');
  let redis: RedisServerHandle;
  let slack: SlackFake;
  let t: TestApp;
  let id = '';

  beforeAll(async () => {
    redis = await startRedisServer({ dir });
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01' } });
    const v = validateSessionForm(goodForm, clock.now());
    if (!v.ok) throw new Error('fixture');
    id = (await t.bot.services.worldcafe.create(v.value, 'U0ADMIN01')).id;
    await redis.stop();
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a join click is acked within 3 s and answered with the unavailable message', async () => {
    const res = await post(t.eventsUrl, signedInteraction(blockActionPayload({ userId: 'U0STAFF01', actionId: 'worldcafe_join', value: id, channelId: 'C0EVENTS', messageTs: '1.2', responseUrl: slack.responseUrl('join') })));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3_000);
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('一時的に利用できません'));
  });

  it('/worldcafe says so too', async () => {
    const res = await post(t.eventsUrl, signedCommand({ command: '/worldcafe', text: '', user_id: 'U0STAFF01', response_url: slack.responseUrl('list') }));
    expect(res.ms).toBeLessThan(3_000);
    await slack.waitFor('response_url', (c) => String(c.args.text).includes('一時的に利用できません'));
  });

  it('an admin’s form submission stays open with its text and an inline message', async () => {
    const values = writeForm({ theme: '停止中のテーマ', kind: 'walking', date: '2026-07-10', start: '10:00', end: '12:00', place: '正面玄関', capacity: '10' });
    const res = await post(t.eventsUrl, signedInteraction(viewSubmissionPayload({ userId: 'U0ADMIN01', callbackId: 'worldcafe_new', values })));
    expect(res.ms).toBeLessThan(3_000);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.theme).toContain('入力内容はそのまま');
  });
});
