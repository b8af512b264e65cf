import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { silentLogger } from '../../../src/infra/logger.js';
import { dedupeEvents, EVENT_CLAIM_TTL_SECONDS } from '../../../src/slack/middleware/dedupe-events.js';
import { useRedis } from '../../helpers/redis.js';

async function run(mw: ReturnType<typeof dedupeEvents>, body: Record<string, unknown>, retryNum?: number): Promise<boolean> {
  let called = false;
  await (mw as (args: unknown) => Promise<void>)({ body, context: { retryNum }, next: async () => void (called = true) });
  return called;
}

describe('dedupeEvents middleware', () => {
  const r = useRedis();

  it('lets the first delivery of an event_id through and drops the retries, across replicas', async () => {
    const replicaA = dedupeEvents(r.client, silentLogger);
    const other = new Redis(r.url);
    const replicaB = dedupeEvents(other, silentLogger);
    const body = { type: 'event_callback', event_id: 'Ev0DEDUPE01', event: { type: 'app_mention' } };
    expect(await run(replicaA, body)).toBe(true);
    expect(await run(replicaB, body, 1)).toBe(false);
    expect(await run(replicaA, body, 2)).toBe(false);
    expect(await run(replicaA, { ...body, event_id: 'Ev0DEDUPE02' })).toBe(true);
    const ttl = await r.client.ttl('slack:event:Ev0DEDUPE01');
    expect(ttl).toBeGreaterThan(3600);
    expect(ttl).toBeLessThanOrEqual(EVENT_CLAIM_TTL_SECONDS);
    other.disconnect();
  });

  it('passes commands and interactivity straight through', async () => {
    const mw = dedupeEvents(r.client, silentLogger);
    expect(await run(mw, { command: '/plan', text: 'x' })).toBe(true);
    expect(await run(mw, { command: '/plan', text: 'x' })).toBe(true);
    expect(await run(mw, { type: 'block_actions' })).toBe(true);
  });

  it('handles the event when Redis cannot be reached (the listener then says 一時的に利用できません)', async () => {
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    dead.on('error', () => {});
    expect(await run(dedupeEvents(dead, silentLogger), { type: 'event_callback', event_id: 'Ev0DOWN' })).toBe(true);
    dead.disconnect();
  });
});
