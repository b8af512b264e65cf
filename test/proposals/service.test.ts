import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { ProposalStore } from '../../src/proposals/store.js';
import { createProposalService, type ProposalService } from '../../src/proposals/service.js';
import { useRedis } from '../helpers/redis.js';

const input = (over: Record<string, unknown> = {}) => ({
  title: '窓口の待ち時間を表示する',
  category: 'service',
  problem: '待ち時間が分からない。',
  body: '発券状況をモニターに表示する。',
  effect: '不安と問い合わせが減る。',
  anonymous: false,
  ...over,
});

describe('proposal service (real Redis)', () => {
  const redis = useRedis();
  const clock = fixedClock('2026-05-01T10:00:00+09:00');
  let svc: ProposalService;

  beforeEach(async () => {
    await redis.flush();
    clock.set('2026-05-01T10:00:00+09:00');
    svc = createProposalService({ store: new ProposalStore(redis.client), clock });
  });

  it('stores a proposal with the first id of the fiscal year and reads it back', async () => {
    const r = await svc.submit('U0STAFF01', input(), 'token-1');
    expect(r.outcome).toBe('created');
    if (r.outcome !== 'created') return;
    expect(r.proposal).toMatchObject({
      id: '提案-2026-0001',
      fiscalYear: 2026,
      seq: 1,
      title: '窓口の待ち時間を表示する',
      category: 'service',
      status: '受付',
      proposerId: 'U0STAFF01',
      anonymous: false,
      votes: 0,
      createdAt: '2026-05-01T01:00:00.000Z',
    });
    expect(await svc.get('提案-2026-0001')).toEqual(r.proposal);
    expect(await svc.get('提案-2026-0002')).toBeUndefined();
    expect(await svc.get('../../etc/passwd')).toBeUndefined();
  });

  it('refuses invalid input and stores nothing', async () => {
    const r = await svc.submit('U0STAFF01', input({ title: 'x'.repeat(5000) }), 'token-x');
    expect(r).toEqual({ outcome: 'invalid', errors: { title: 'タイトルは80文字以内でお願いします（現在5000文字）。' } });
    expect(await svc.listRecent(10)).toEqual([]);
    expect(await redis.client.keys('*')).toEqual([]);
  });

  it('numbers per fiscal year: 2027-03-31 JST is FY2026, 2027-04-01 JST starts FY2027 at 0001', async () => {
    clock.set('2027-03-31T23:59:59+09:00');
    const a = await svc.submit('U0STAFF01', input(), 'a');
    const b = await svc.submit('U0STAFF01', input(), 'b');
    clock.set('2027-04-01T00:00:00+09:00');
    const c = await svc.submit('U0STAFF01', input(), 'c');
    expect([a, b, c].map((r) => (r.outcome === 'created' ? r.proposal.id : r.outcome))).toEqual([
      '提案-2026-0001',
      '提案-2026-0002',
      '提案-2027-0001',
    ]);
    expect((await svc.listRecent(10)).map((p) => p.id)).toEqual(['提案-2027-0001', '提案-2026-0002', '提案-2026-0001']);
  });

  it('gives 50 parallel submissions 50 distinct, gap-free ids', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => svc.submit(`U0STAFF${String(i).padStart(2, '0')}`, input({ title: `提案 ${i}` }), `k${i}`)),
    );
    const ids = results.map((r) => (r.outcome === 'created' ? r.proposal.id : 'x')).sort();
    expect(new Set(ids).size).toBe(50);
    expect(ids).toEqual(Array.from({ length: 50 }, (_, i) => `提案-2026-${String(i + 1).padStart(4, '0')}`));
    expect((await svc.listAll()).length).toBe(50);
  });

  it('makes one proposal of the same submission sent many times at once', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => svc.submit('U0STAFF01', input(), 'view:V1:hash')));
    expect(results.filter((r) => r.outcome === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(9);
    expect(new Set(results.map((r) => (r.outcome !== 'invalid' ? r.proposal.id : '')))).toEqual(new Set(['提案-2026-0001']));
    expect(await svc.listAll()).toHaveLength(1);
    // The same key from another person is another submission.
    const other = await svc.submit('U0STAFF02', input(), 'view:V1:hash');
    expect(other.outcome).toBe('created');
  });

  it('walks the status path, guards it, and needs a reason for 見送り', async () => {
    const r = await svc.submit('U0STAFF01', input(), 't');
    const id = r.outcome === 'created' ? r.proposal.id : '';
    expect(svc.nextStatuses('受付')).toEqual(['検討中']);
    expect((await svc.changeStatus({ id, to: '採用', by: 'U0ADMIN01' })).outcome).toBe('not_allowed');
    const toReview = await svc.changeStatus({ id, from: '受付', to: '検討中', by: 'U0ADMIN01' });
    expect(toReview.outcome).toBe('changed');
    // A double submission of the same change changes nothing more.
    expect((await svc.changeStatus({ id, from: '受付', to: '検討中', by: 'U0ADMIN01' })).outcome).toBe('unchanged');
    // Another reviewer who still saw 受付 and wants something else loses.
    expect((await svc.changeStatus({ id, from: '受付', to: '見送り', by: 'U0ADMIN02', note: 'x' })).outcome).toBe('conflict');
    const noReason = await svc.changeStatus({ id, from: '検討中', to: '見送り', by: 'U0ADMIN01', note: '   ' });
    expect(noReason).toEqual({ outcome: 'invalid', errors: { note: expect.stringContaining('理由') } });
    expect((await svc.get(id))?.status).toBe('検討中');
    const declined = await svc.changeStatus({ id, from: '検討中', to: '見送り', by: 'U0ADMIN01', note: '予算の都合のため' });
    expect(declined.outcome).toBe('changed');
    const p = await svc.get(id);
    expect(p).toMatchObject({ status: '見送り', statusNote: '予算の都合のため' });
    expect(p?.history.map((h) => `${h.from}→${h.to}`)).toEqual(['受付→検討中', '検討中→見送り']);
    expect((await svc.changeStatus({ id, to: '実施済', by: 'U0ADMIN01' })).outcome).toBe('not_allowed');
    expect((await svc.changeStatus({ id, to: 'どこか', by: 'U0ADMIN01' })).outcome).toBe('invalid');
    expect((await svc.changeStatus({ id: '提案-2026-0999', to: '検討中', by: 'U0ADMIN01' })).outcome).toBe('missing');
  });

  it('lets only the proposer edit, and only until review starts', async () => {
    const r = await svc.submit('U0STAFF01', input(), 't');
    const id = r.outcome === 'created' ? r.proposal.id : '';
    expect((await svc.edit(id, 'U0STAFF02', input({ title: '乗っ取り' }))).outcome).toBe('forbidden');
    expect((await svc.edit(id, 'U0STAFF01', input({ title: '' }))).outcome).toBe('invalid');
    clock.advance(60_000);
    const edited = await svc.edit(id, 'U0STAFF01', input({ title: '待ち時間の見える化', anonymous: true }));
    expect(edited.outcome).toBe('edited');
    expect(await svc.get(id)).toMatchObject({ title: '待ち時間の見える化', anonymous: true, editedAt: '2026-05-01T01:01:00.000Z' });
    await svc.changeStatus({ id, to: '検討中', by: 'U0ADMIN01' });
    const locked = await svc.edit(id, 'U0STAFF01', input({ title: '審査中に変更' }));
    expect(locked.outcome).toBe('locked');
    expect((await svc.get(id))?.title).toBe('待ち時間の見える化');
    expect((await svc.edit('提案-2026-0404', 'U0STAFF01', input())).outcome).toBe('missing');
  });

  it('counts 共感 once per person, as a toggle, even when clicked in parallel', async () => {
    const r = await svc.submit('U0STAFF01', input(), 't');
    const id = r.outcome === 'created' ? r.proposal.id : '';
    expect(await svc.toggleVote(id, 'U0STAFF02')).toEqual({ outcome: 'voted', count: 1 });
    expect(await svc.toggleVote(id, 'U0STAFF03')).toEqual({ outcome: 'voted', count: 2 });
    expect(await svc.toggleVote(id, 'U0STAFF02')).toEqual({ outcome: 'unvoted', count: 1 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => svc.toggleVote(id, `U0VOTER${String(i).padStart(2, '0')}`)));
    expect((await svc.get(id))?.votes).toBe(21);
    expect(await svc.toggleVote('提案-2026-0999', 'U0STAFF02')).toEqual({ outcome: 'missing' });
    expect(await svc.toggleVote('forged', 'U0STAFF02')).toEqual({ outcome: 'missing' });
    expect(await redis.client.exists('{proposals}:p:提案-2026-0999:votes')).toBe(0);
  });

  it('lists recent, mine and the review queue; records the post and name', async () => {
    for (let i = 0; i < 5; i += 1) await svc.submit(i % 2 ? 'U0STAFF02' : 'U0STAFF01', input({ title: `t${i}` }), `k${i}`);
    expect((await svc.listRecent(3)).map((p) => p.title)).toEqual(['t4', 't3', 't2']);
    expect((await svc.listByUser('U0STAFF02', 10)).map((p) => p.title)).toEqual(['t3', 't1']);
    await svc.changeStatus({ id: '提案-2026-0005', to: '検討中', by: 'U0ADMIN01' });
    await svc.changeStatus({ id: '提案-2026-0005', to: '採用', by: 'U0ADMIN01' });
    expect((await svc.reviewQueue(10)).map((p) => p.id)).toEqual(['提案-2026-0004', '提案-2026-0003', '提案-2026-0002', '提案-2026-0001']);
    expect(await svc.recordPost('提案-2026-0001', 'C0PROPOSALS', '1700000000.000100')).toBe(true);
    expect(await svc.recordPost('提案-2026-0999', 'C0PROPOSALS', '1700000000.000100')).toBe(false);
    expect(await svc.recordProposerName('提案-2026-0001', '港 太郎')).toBe(true);
    expect(await svc.get('提案-2026-0001')).toMatchObject({ post: { channel: 'C0PROPOSALS', ts: '1700000000.000100' }, proposerName: '港 太郎' });
    const { csv, count } = await svc.exportCsv();
    expect(count).toBe(5);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(6);
  });

  it('throws (does not pretend) when Redis is unreachable', async () => {
    const { createRedis } = await import('../../src/infra/redis.js');
    const dead = createRedis('redis://127.0.0.1:1');
    dead.on('error', () => undefined);
    const broken = createProposalService({ store: new ProposalStore(dead), clock });
    await expect(broken.submit('U0STAFF01', input(), 'k')).rejects.toThrow();
    // Validation still answers without Redis.
    expect((await broken.submit('U0STAFF01', input({ title: '' }), 'k')).outcome).toBe('invalid');
    dead.disconnect();
  });
});
