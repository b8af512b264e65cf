import type { KnownBlock, SectionBlock } from '@slack/types';
import { categoryLabel } from '../schema.js';
import { isEditable } from '../status.js';
import type { Proposal } from '../types.js';
import { EDIT_OPEN_ACTION, NEW_OPEN_ACTION, STATUS_OPEN_ACTION } from './post.js';
import { jstDate, safeMrkdwn, statusBadge } from './texts.js';

/**
 * Lists of proposals: `/proposal list`, `/proposal mine` and the App Home section. One section
 * per proposal, with the button that fits the viewer: 編集する for the proposer while it is
 * still 受付, 状況を変更 for admins. (Buttons are a convenience; the server checks again.)
 */

export interface ListViewer {
  userId: string;
  admin: boolean;
}

/** One line per proposal, with the viewer's button. */
export function proposalLine(p: Proposal, viewer: ListViewer): SectionBlock {
  const section: SectionBlock = {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: `*${p.id}*　${safeMrkdwn(p.title, 200)}\n${statusBadge(p.status)}　｜　${categoryLabel(p.category)}　｜　共感 ${p.votes}　｜　${jstDate(p.createdAt)}`,
    },
  };
  if (p.proposerId === viewer.userId && isEditable(p.status)) {
    section.accessory = { type: 'button', action_id: EDIT_OPEN_ACTION, value: p.id, text: { type: 'plain_text', text: '編集する' } };
  } else if (viewer.admin && (p.status === '受付' || p.status === '検討中' || p.status === '採用')) {
    section.accessory = { type: 'button', action_id: STATUS_OPEN_ACTION, value: p.id, text: { type: 'plain_text', text: '状況を変更' } };
  }
  return section;
}

export function proposalListBlocks(title: string, proposals: Proposal[], viewer: ListViewer, emptyText: string): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } }];
  if (proposals.length === 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: emptyText } });
  } else {
    // 50 blocks per message: title + up to 45 lines + footer.
    for (const p of proposals.slice(0, 45)) blocks.push(proposalLine(p, viewer));
  }
  blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: NEW_OPEN_ACTION, value: 'new', style: 'primary', text: { type: 'plain_text', text: '新しい提案を書く' } }],
  });
  return blocks;
}


export const PROPOSAL_HELP = [
  '*改善提案（/proposal）の使い方*',
  '• `/proposal` または `/proposal タイトル` … 提案フォームを開きます（タイトルを書くと入力済みになります）',
  '• `/proposal list` … 最近の提案と状況',
  '• `/proposal mine` … あなたの提案と状況（審査前なら編集できます）',
  '• `/proposal export` … （管理者）全提案の CSV を DM に送ります',
].join('\n');
