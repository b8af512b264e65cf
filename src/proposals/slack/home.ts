import type { KnownBlock } from '@slack/types';
import type { HomeSectionProvider } from '../../slack/app-home.js';
import type { Proposal } from '../types.js';
import type { ProposalsDeps } from './deps.js';
import { proposalLine, type ListViewer } from './list.js';
import { NEW_OPEN_ACTION } from './post.js';
import { PLAN_PROPOSALS } from './texts.js';

/** The proposals part of App Home: your proposals and their status; for admins, what waits for review. */
export function proposalHomeBlocks(mine: Proposal[], viewer: ListViewer, reviewQueue: Proposal[] = []): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'あなたの改善提案' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${PLAN_PROPOSALS}。審査が始まるまでは「編集する」で内容を直せます。` }] },
  ];
  if (mine.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'まだ提案はありません。下のボタンか `/proposal` からお寄せください。' } });
  } else {
    for (const p of mine.slice(0, 15)) blocks.push(proposalLine(p, viewer));
  }
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: NEW_OPEN_ACTION, value: 'new', style: 'primary', text: { type: 'plain_text', text: '新しい提案を書く' } }],
  });
  if (viewer.admin) {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: '審査待ちの提案（管理者）' } });
    if (reviewQueue.length === 0) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '審査待ちの提案はありません。' } });
    for (const p of reviewQueue.slice(0, 10)) blocks.push(proposalLine(p, { ...viewer, userId: '' }));
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: '全件の CSV は `/proposal export` で DM に届きます。' }] });
  }
  return blocks;
}

/** The App Home section: the person's proposals; for admins, the review queue too. */
export function proposalsHomeSection(deps: Pick<ProposalsDeps, 'proposals' | 'isAdmin'>): HomeSectionProvider {
  return {
    id: 'proposals',
    title: 'あなたの改善提案',
    async build(userId) {
      const admin = deps.isAdmin(userId);
      const [mine, queue] = await Promise.all([deps.proposals.listByUser(userId, 15), admin ? deps.proposals.reviewQueue(10) : Promise.resolve([])]);
      return { id: 'proposals', blocks: proposalHomeBlocks(mine, { userId, admin }, queue) };
    },
  };
}
