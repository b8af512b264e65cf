import { describe, expect, it } from 'vitest';
import { ThreadHistory } from '../../src/plan/thread-history.js';
import { useRedis } from '../helpers/redis.js';

describe('ThreadHistory', () => {
  const r = useRedis();

  it('keeps the turns of a thread in order, separately per channel and thread', async () => {
    const h = new ThreadHistory(r.client);
    await h.append('D1', '100.1', { role: 'user', content: '元気アップ会議とは？' }, { role: 'assistant', content: '若手職員が中心の会議です。' });
    await h.append('D1', '100.1', { role: 'user', content: '誰が参加しますか？' }, { role: 'assistant', content: '若手職員です。' });
    await h.append('D1', '200.2', { role: 'user', content: '別のスレッド' });
    await h.append('C9', '100.1', { role: 'user', content: '別のチャンネル' });
    expect(await h.get('D1', '100.1')).toEqual([
      { role: 'user', content: '元気アップ会議とは？' },
      { role: 'assistant', content: '若手職員が中心の会議です。' },
      { role: 'user', content: '誰が参加しますか？' },
      { role: 'assistant', content: '若手職員です。' },
    ]);
    expect(await h.get('D1', '200.2')).toHaveLength(1);
    expect(await h.get('C9', '100.1')).toEqual([{ role: 'user', content: '別のチャンネル' }]);
    expect(await h.get('D1', '999.9')).toEqual([]);
  });

  it('is bounded: only the latest turns are kept, long turns are shortened visibly', async () => {
    const h = new ThreadHistory(r.client, { maxTurns: 4, maxTurnChars: 10 });
    for (let i = 0; i < 5; i++) await h.append('D2', '1.0', { role: 'user', content: `q${i}` }, { role: 'assistant', content: `a${i}` });
    const turns = await h.get('D2', '1.0');
    expect(turns.map((t) => t.content)).toEqual(['q3', 'a3', 'q4', 'a4']);
    await h.append('D2', '2.0', { role: 'user', content: 'あ'.repeat(50) });
    const [long] = await h.get('D2', '2.0');
    expect(long!.content.startsWith('あ'.repeat(10))).toBe(true);
    expect(long!.content).toContain('以下省略');
  });

  it('expires after the TTL, refreshed by each new turn', async () => {
    const h = new ThreadHistory(r.client, { ttlSeconds: 120 });
    await h.append('D3', '1.0', { role: 'user', content: 'q' });
    const key = ThreadHistory.key('D3', '1.0');
    expect(await r.client.ttl(key)).toBeGreaterThan(100);
    await r.client.expire(key, 5);
    await h.append('D3', '1.0', { role: 'assistant', content: 'a' });
    expect(await r.client.ttl(key)).toBeGreaterThan(100);
  });

  it('skips corrupt entries instead of failing', async () => {
    const h = new ThreadHistory(r.client);
    await r.client.rpush(ThreadHistory.key('D4', '1.0'), 'not json', JSON.stringify({ role: 'system', content: 'x' }), JSON.stringify({ role: 'user', content: 'ok' }));
    expect(await h.get('D4', '1.0')).toEqual([{ role: 'user', content: 'ok' }]);
  });
});
