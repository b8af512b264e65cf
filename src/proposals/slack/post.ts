import type { KnownBlock } from '@slack/types';
import { categoryLabel } from '../schema.js';
import type { Proposal } from '../types.js';
import { jstDate, PLAN_PROPOSALS, proposerLabel, safeMrkdwn, safePlain, statusBadge } from './texts.js';

/**
 * The proposal as shared in PROPOSALS_CHANNEL. Rebuilt from the stored proposal on every vote,
 * edit and status change (chat.update), so the post always shows the current state.
 */

export const VOTE_ACTION = 'proposal_vote';
export const STATUS_OPEN_ACTION = 'proposal_status_open';
export const EDIT_OPEN_ACTION = 'proposal_edit_open';
export const NEW_OPEN_ACTION = 'proposal_new_open';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function proposalPostMessage(p: Proposal): SlackMessage {
  const field = (label: string, text: string): KnownBlock => ({
    type: 'section',
    text: { type: 'mrkdwn', text: `*${label}*\n${safeMrkdwn(text, 2800)}` },
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: safePlain(`${p.id}　${p.title}`, 150) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `区分：${categoryLabel(p.category)}　｜　提案者：${proposerLabel(p)}　｜　受付日：${jstDate(p.createdAt)}${p.editedAt ? '（編集済み）' : ''}`,
        },
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: `*状況：${statusBadge(p.status)}*` } },
    field('現状の課題', p.problem),
    field('提案内容', p.body),
    field('期待される効果', p.effect),
  ];
  if (p.statusNote) blocks.push(field(p.status === '見送り' ? '見送りの理由' : '担当からのコメント', p.statusNote));
  blocks.push(
    {
      type: 'actions',
      block_id: 'proposal_actions',
      elements: [
        {
          type: 'button',
          action_id: VOTE_ACTION,
          value: p.id,
          text: { type: 'plain_text', text: `:raised_hands: 共感 ${p.votes}`, emoji: true },
        },
        {
          type: 'button',
          action_id: STATUS_OPEN_ACTION,
          value: p.id,
          text: { type: 'plain_text', text: '状況を変更（管理者）' },
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `「共感」は一人一回です（もう一度押すと取り消せます）。ご意見はこのスレッドへどうぞ。${PLAN_PROPOSALS}に基づく取り組みです。`,
        },
      ],
    },
  );
  return { text: `改善提案 ${p.id}：${safeMrkdwn(p.title, 200)}（${p.status}）`, blocks };
}
