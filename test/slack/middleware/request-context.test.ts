import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestKind, requestUser } from '../../../src/slack/middleware/request-context.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { captureLogs } from '../../helpers/log-capture.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';
import { post, signedEvent } from '../../helpers/slack-requests.js';

describe('requestKind / requestUser', () => {
  it('names each kind of request by Slack identifiers only', () => {
    expect(requestKind({ type: 'event_callback', event: { type: 'app_mention', text: '秘密' } })).toBe('event:app_mention');
    expect(requestKind({ command: '/plan', text: '秘密' })).toBe('command:/plan');
    expect(requestKind({ type: 'block_actions', actions: [{ action_id: 'proposal_vote' }] })).toBe('action:proposal_vote');
    expect(requestKind({ type: 'view_submission', view: { callback_id: 'proposal_submit' } })).toBe('view:proposal_submit');
    expect(requestKind({ type: 'view_closed', view: { callback_id: 'x' } })).toBe('view_closed:x');
    expect(requestKind({ type: 'shortcut', callback_id: 'sc' })).toBe('shortcut:sc');
    expect(requestKind({})).toBe('unknown');
  });

  it('finds the user in events, commands and interactivity', () => {
    expect(requestUser({ event: { user: 'U1' } })).toBe('U1');
    expect(requestUser({ user_id: 'U2' })).toBe('U2');
    expect(requestUser({ user: { id: 'U3' } })).toBe('U3');
    expect(requestUser({ event: { user: { id: 'U4' } } })).toBeUndefined();
    expect(requestUser({})).toBeUndefined();
  });
});

describe('request ids through a flow (real app, HTTP mode)', () => {
  const redis = useRedis();
  const logs = captureLogs('info');
  let slack: SlackFake;
  let t: TestApp;

  beforeAll(async () => {
    slack = await startSlackFake();
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, logger: logs.logger });
    // A listener of our own, to see what listeners get: the request's child logger.
    t.bot.app.event('app_home_opened', async ({ context }) => {
      (context.log as typeof logs.logger).info({ step: 'inside-listener' }, 'listener ran');
    });
  });
  afterAll(async () => {
    await t?.stop();
    await slack?.stop();
  });

  it('logs each request as JSON with the event id as request id, and hands listeners a child logger carrying it', async () => {
    const eventId = 'EvREQCTX0001';
    const res = await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: 'U0STAFF01', channel: 'D0DM', tab: 'home' }, { eventId }));
    expect(res.status).toBe(200);
    await expect.poll(() => logs.lines.filter((l) => l.requestId === eventId).length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const mine = logs.lines.filter((l) => l.requestId === eventId);
    const inside = mine.find((l) => l.step === 'inside-listener');
    expect(inside).toMatchObject({ kind: 'event:app_home_opened', user: 'U0STAFF01', app: 'minato-navi' });
    const done = mine.find((l) => l.msg === 'slack request handled');
    expect(done).toMatchObject({ kind: 'event:app_home_opened', user: 'U0STAFF01', level: 30 });
    expect(typeof done!.ms).toBe('number');
  });

  it('gives unrelated requests different ids', async () => {
    logs.clear();
    await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: 'U0STAFF02', channel: 'D0DM', tab: 'home' }));
    await post(t.eventsUrl, signedEvent({ type: 'app_home_opened', user: 'U0STAFF03', channel: 'D0DM', tab: 'home' }));
    await expect.poll(() => logs.lines.filter((l) => l.msg === 'slack request handled').length, { timeout: 5_000 }).toBe(2);
    const ids = logs.lines.filter((l) => l.msg === 'slack request handled').map((l) => l.requestId);
    expect(new Set(ids).size).toBe(2);
  });
});
