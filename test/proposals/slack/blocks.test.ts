import { describe, expect, it } from 'vitest';
import type { KnownBlock } from '@slack/types';
import { LIMITS } from '../../../src/proposals/schema.js';
import type { Proposal } from '../../../src/proposals/types.js';
import { homeView } from '../../../src/slack/home-view.js';
import { proposalFormView, readProposalForm } from '../../../src/proposals/slack/form.js';
import { proposalHomeBlocks } from '../../../src/proposals/slack/home.js';
import { proposalListBlocks } from '../../../src/proposals/slack/list.js';
import { proposalPostMessage } from '../../../src/proposals/slack/post.js';
import { statusChangedMessage } from '../../../src/proposals/slack/dm.js';
import { proposalStatusView, readStatusForm } from '../../../src/proposals/slack/status-form.js';

const worst = (max: number) => '<&>'.repeat(Math.ceil(max / 3)).slice(0, max);

function proposal(over: Partial<Proposal> = {}): Proposal {
  return {
    id: '提案-2026-0001',
    fiscalYear: 2026,
    seq: 1,
    title: '窓口の待ち時間を表示する',
    category: 'service',
    problem: '課題',
    body: '内容',
    effect: '効果',
    anonymous: false,
    proposerId: 'U0STAFF01',
    proposerName: '港 太郎',
    status: '受付',
    statusNote: '',
    createdAt: '2026-05-01T01:00:00.000Z',
    updatedAt: '2026-05-01T01:00:00.000Z',
    votes: 0,
    history: [],
    ...over,
  };
}

/** Every text Slack limits: section text ≤ 3000, header ≤ 150, context element ≤ 3000. */
function checkLimits(blocks: KnownBlock[], maxBlocks: number): void {
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  for (const b of blocks) {
    if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(150);
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) expect(e.text.length).toBeLessThanOrEqual(3000);
  }
}

describe('proposal blocks', () => {
  it('keeps the channel post within Slack limits even when every field is full of characters that escaping lengthens', () => {
    const p = proposal({
      title: worst(LIMITS.title),
      problem: worst(LIMITS.problem),
      body: worst(LIMITS.body),
      effect: worst(LIMITS.effect),
      statusNote: worst(LIMITS.note),
      status: '見送り',
    });
    const msg = proposalPostMessage(p);
    checkLimits(msg.blocks, 50);
    const json = JSON.stringify(msg);
    expect(json).not.toMatch(/<[!@]/);
    // Never cut in the middle of an entity.
    for (const b of msg.blocks) if (b.type === 'section' && b.text) expect(b.text.text).not.toMatch(/&[a-z]*…/);
    expect(json).toContain('見送りの理由');
  });

  it('shows 匿名 instead of the name, and the mention only when no name is known', () => {
    expect(JSON.stringify(proposalPostMessage(proposal({ anonymous: true })).blocks)).toContain('提案者：匿名');
    expect(JSON.stringify(proposalPostMessage(proposal({ anonymous: true })).blocks)).not.toContain('港 太郎');
    expect(JSON.stringify(proposalPostMessage(proposal({ proposerName: '' })).blocks)).toContain('<@U0STAFF01>');
    expect(JSON.stringify(proposalPostMessage(proposal({ proposerName: '<!channel>' })).blocks)).toContain('&lt;!channel&gt;');
  });

  it('fills the form with a typed title, cut to the 80-character limit', () => {
    const view = proposalFormView({ mode: 'new', token: 't' }, { title: 'あ'.repeat(200) });
    const title = view.blocks.find((b) => b.block_id === 'title') as any;
    expect([...title.element.initial_value]).toHaveLength(80);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('reads form values defensively', () => {
    expect(readProposalForm(undefined)).toEqual({ title: undefined, category: undefined, problem: undefined, body: undefined, effect: undefined, anonymous: false });
    expect(readProposalForm({ anonymous: { value: { selected_options: [{ value: 'anonymous' }] } } }).anonymous).toBe(true);
    expect(readProposalForm({ anonymous: { value: { selected_options: [{ value: 'other' }] } } }).anonymous).toBe(false);
    expect(readStatusForm({ status: { value: { selected_option: { value: '採用' } } } })).toEqual({ to: '採用', note: '' });
  });

  it('offers only the next statuses in the admin form', () => {
    const view = proposalStatusView(proposal({ status: '検討中' }), ['採用', '見送り']);
    const options = (view.blocks.find((b) => b.block_id === 'status') as any).element.options.map((o: any) => o.value);
    expect(options).toEqual(['採用', '見送り']);
    expect(JSON.parse(view.private_metadata!)).toEqual({ id: '提案-2026-0001', from: '検討中' });
  });

  it('gives the right button to the right viewer in lists', () => {
    const mine = proposal();
    const reviewing = proposal({ id: '提案-2026-0002', status: '検討中' });
    const done = proposal({ id: '提案-2026-0003', status: '実施済' });
    const accessory = (blocks: KnownBlock[], id: string) => (blocks.find((b) => b.type === 'section' && b.text?.text.includes(id)) as any)?.accessory?.action_id;
    const staff = proposalListBlocks('t', [mine, reviewing, done], { userId: 'U0STAFF01', admin: false }, '');
    expect([accessory(staff, '0001'), accessory(staff, '0002'), accessory(staff, '0003')]).toEqual(['proposal_edit_open', undefined, undefined]);
    const admin = proposalListBlocks('t', [mine, reviewing, done], { userId: 'U0ADMIN01', admin: true }, '');
    expect([accessory(admin, '0001'), accessory(admin, '0002'), accessory(admin, '0003')]).toEqual(['proposal_status_open', 'proposal_status_open', undefined]);
    const many = proposalListBlocks('t', Array.from({ length: 200 }, () => proposal({ title: worst(80) })), { userId: 'U0X1', admin: true }, '');
    checkLimits(many, 50);
  });

  it('builds App Home from sections and never exceeds 100 blocks', () => {
    const own = proposalHomeBlocks([proposal()], { userId: 'U0STAFF01', admin: true }, [proposal({ id: '提案-2026-0009', status: '検討中' })]);
    const other = { id: 'worldcafe', blocks: Array.from({ length: 120 }, () => ({ type: 'divider' }) as KnownBlock) };
    const view = homeView([{ id: 'proposals', blocks: own }, other]);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const json = JSON.stringify(view.blocks);
    expect(json).toContain('提案-2026-0001');
    expect(json).toContain('審査待ちの提案（管理者）');
    expect(json).toContain('表示しきれない項目があります');
    checkLimits(view.blocks as KnownBlock[], 100);
  });

  it('tells the proposer about the change, with the reason for 見送り and 区長表彰 for 実施済', () => {
    const declined = statusChangedMessage(proposal(), { from: '検討中', to: '見送り', by: 'U0ADMIN01', at: '', note: '<!here> 予算' });
    expect(JSON.stringify(declined)).toContain('見送りの理由');
    expect(JSON.stringify(declined)).toContain('&lt;!here&gt; 予算');
    const done = statusChangedMessage(proposal(), { from: '採用', to: '実施済', by: 'U0ADMIN01', at: '', note: '' });
    expect(JSON.stringify(done)).toContain('区長表彰');
  });
});
