import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { createProposalService } from '../../src/proposals/service.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { STORE_UNAVAILABLE } from '../../src/proposals/slack/texts.js';
import { inlineError, NOT_ACCEPTED, storeBeforeAck } from '../../src/slack/modal-submit.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useRedis } from '../helpers/redis.js';

/** Only a storage failure says 「ただいま一時的に保存できません」; anything else is told apart. */
describe('storeBeforeAck tells a storage failure from everything else', () => {
  const redis = useRedis();
  const proposal = { title: '窓口の待ち時間', category: 'service', problem: '課題', body: '提案', effect: '効果', anonymous: false };

  async function run(work: Promise<unknown>, failed = inlineError('title', STORE_UNAVAILABLE)) {
    const logs = captureLogs('info');
    const acks: unknown[] = [];
    const result = await storeBeforeAck({ ack: async (a?: unknown) => void acks.push(a), log: logs.logger, work, failed, what: 'proposal submission', deadlineMs: 300 } as Parameters<typeof storeBeforeAck>[0]);
    return { result, acks, lines: logs.lines };
  }

  it('Redis down: the inline 「ただいま一時的に保存できません」, logged as storage unavailable', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, retryStrategy: () => null, lazyConnect: true });
    dead.on('error', () => undefined);
    const svc = createProposalService({ store: new ProposalStore(dead), clock: fixedClock('2026-06-01T09:00:00+09:00') });
    const r = await run(svc.submit('U0STAFF01', proposal, 'token:a'));
    dead.disconnect();
    expect(r.result).toBeUndefined();
    expect(r.acks).toEqual([{ response_action: 'errors', errors: { title: STORE_UNAVAILABLE } }]);
    expect(r.lines.map((l) => l.msg)).toEqual(['proposal submission failed (storage unavailable)']);
  });

  it('Redis too slow (the deadline): the same', async () => {
    const r = await run(new Promise(() => undefined));
    expect(r.acks).toEqual([{ response_action: 'errors', errors: { title: STORE_UNAVAILABLE } }]);
  });

  it('a user id the domain rejects: told apart, never 「一時的に保存できません」', async () => {
    const svc = createProposalService({ store: new ProposalStore(redis.client), clock: fixedClock('2026-06-01T09:00:00+09:00') });
    const r = await run(svc.submit('CPROP', proposal, 'token:b'));
    expect(r.acks).toEqual([{ response_action: 'errors', errors: { title: NOT_ACCEPTED } }]);
    expect(JSON.stringify(r.acks)).not.toContain('一時的');
    expect(r.lines.map((l) => l.msg)).toEqual(['proposal submission refused (not a storage failure)']);
    expect(await redis.client.keys('*')).toEqual([]);
  });

  it('a bug in a notice-style form: a notice that does not claim an outage', async () => {
    const r = await run(Promise.reject(new TypeError("Cannot read properties of undefined (reading 'id')")), { response_action: 'update', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } });
    expect(r.acks).toHaveLength(1);
    expect(JSON.stringify(r.acks[0])).toContain(NOT_ACCEPTED);
  });
});
