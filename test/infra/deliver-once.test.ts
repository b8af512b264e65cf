import { describe, expect, it } from 'vitest';
import { deliverOnce } from '../../src/infra/deliver-once.js';
import { PostError } from '../../src/infra/poster.js';
import { useRedis } from '../helpers/redis.js';

describe('deliverOnce (real Redis)', () => {
  const r = useRedis();
  const opts = (post: () => Promise<{ ts: string }>) => ({
    key: 'test:deliver',
    leaseSeconds: 60,
    keepSeconds: 600,
    post,
    record: (d: { outcome: string }) => JSON.stringify(d),
  });

  it('posts once however many replicas try at the same time, and keeps the record', async () => {
    let posts = 0;
    const post = async () => {
      posts += 1;
      await new Promise((res) => setTimeout(res, 20));
      return { ts: '1.1' };
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => deliverOnce(r.client, opts(post))));
    expect(posts).toBe(1);
    expect(results.filter((x) => x.outcome === 'sent')).toHaveLength(1);
    expect(results.filter((x) => x.outcome === 'taken')).toHaveLength(3);
    expect(JSON.parse((await r.client.get('test:deliver'))!)).toEqual({ outcome: 'sent', ts: '1.1' });
    expect(await deliverOnce(r.client, opts(post))).toEqual({ outcome: 'taken' });
  });

  it('gives the claim back after a failure a retry may fix, and keeps a permanent refusal', async () => {
    await r.flush();
    const transient = await deliverOnce(r.client, opts(async () => Promise.reject(new PostError('ratelimited', false))));
    expect(transient).toMatchObject({ outcome: 'failed', error: { code: 'ratelimited' } });
    expect(await r.client.exists('test:deliver')).toBe(0);
    const refused = await deliverOnce(r.client, opts(async () => Promise.reject(new PostError('not_in_channel', true))));
    expect(refused).toMatchObject({ outcome: 'refused', error: { code: 'not_in_channel', permanent: true } });
    expect(await r.client.get('test:deliver')).toContain('refused');
    // Anything that is not a PostError counts as worth retrying.
    await r.flush();
    expect(await deliverOnce(r.client, opts(async () => Promise.reject(new Error('socket hang up'))))).toMatchObject({ outcome: 'failed', error: { code: 'unknown_error' } });
  });
});
