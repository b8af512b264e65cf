import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { BoardUpdater } from '../../../src/worldcafe/slack/board.js';
import { createWebClient } from '../../../src/slack/web-client.js';
import { createSession, makeService, user } from '../fixtures.js';
import { useRedis } from '../../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../../helpers/slack-fake.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('coalesced channel-message updates (real Redis, loopback Slack)', () => {
  const r = useRedis();
  let slack: SlackFake;
  let n = 0;
  beforeAll(async () => {
    slack = await startSlackFake();
  });
  afterAll(async () => {
    await slack.stop();
  });

  async function setup(capacity = '5') {
    const { sessions, clock } = makeService(r.client, `{wc-b${++n}}`);
    const s = await createSession(sessions, clock.now(), { capacity });
    await sessions.setAnnouncement(s.id, 'C0EVENTS', `17000000${n}.000100`);
    await sessions.takeDirty(1); // start clean
    const client = createWebClient(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: slack.apiUrl }), silentLogger, 'background');
    // Two "replicas" flushing the same Redis.
    const boards = [0, 1].map(() => new BoardUpdater({ sessions, client, clock, logger: silentLogger, perSessionMs: 300 }));
    return { sessions, s, boards, ts: `17000000${n}.000100` };
  }

  it('a burst of 30 joins gives a handful of updates, at most one per period across replicas, ending at the true count', async () => {
    const { sessions, s, boards, ts } = await setup('5');
    slack.reset();
    const started = Date.now();
    const joins = Promise.all(Array.from({ length: 30 }, async (_, i) => {
      await sleep(i * 20); // spread over ~600 ms
      await sessions.join(s.id, user(i));
    }));
    // Both replicas flush as often as they like while the burst lasts, and a bit after.
    while (Date.now() - started < 1_500) {
      await Promise.all(boards.map((b) => b.flushDirty()));
      await sleep(10);
    }
    await joins;
    await sleep(350);
    await Promise.all(boards.map((b) => b.flushDirty()));
    const elapsed = Date.now() - started;
    const updates = slack.callsTo('chat.update').filter((c) => c.args.ts === ts);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    // One per 300 ms lock period at most, whichever replica takes it — never one per join.
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 1);
    expect(updates.length).toBeLessThan(30);
    expect(String(updates.at(-1)!.args.text)).toContain('参加 5/5 名・キャンセル待ち 25 名');
  });

  it('a 429 puts the session back for Slack’s Retry-After, then the update goes through', async () => {
    const { sessions, s, boards, ts } = await setup('5');
    slack.reset();
    let limited = true;
    slack.on('chat.update', () => (limited ? { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } } : undefined));
    await sessions.join(s.id, user(1));
    await boards[0]!.flushDirty();
    expect(slack.callsTo('chat.update')).toHaveLength(1);
    // Held for the Retry-After: nobody retries at once.
    await Promise.all(boards.map((b) => b.flushDirty()));
    expect(slack.callsTo('chat.update')).toHaveLength(1);
    limited = false;
    await sleep(1_100);
    await boards[1]!.flushDirty();
    const ok = slack.callsTo('chat.update');
    expect(ok).toHaveLength(2);
    expect(ok[1]!.args.ts).toBe(ts);
    expect(String(ok[1]!.args.text)).toContain('1/5');
  });

  it('respects a shared budget of updates per minute across sessions', async () => {
    const { sessions, s: first } = await setup('5');
    const now = new Date('2026-07-01T10:00:00+09:00');
    await sessions.join(first.id, user(0));
    for (let i = 1; i < 5; i++) {
      const s = await createSession(sessions, now);
      await sessions.setAnnouncement(s.id, 'C0EVENTS', `1700001${i}.000100`);
      await sessions.join(s.id, user(i));
    }
    const taken = await sessions.takeDirty(1_000, 20, { window: 'test-window', max: 3, ttlMs: 60_000 });
    expect(taken).toHaveLength(3);
    expect(await sessions.takeDirty(1_000, 20, { window: 'test-window', max: 3, ttlMs: 60_000 })).toEqual([]);
    // The rest wait for the next window, still dirty.
    expect(await sessions.takeDirty(1_000, 20, { window: 'next-window', max: 3, ttlMs: 60_000 })).toHaveLength(2);
  });
});
