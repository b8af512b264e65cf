import type { KnownBlock } from '@slack/types';
import { STATUS_DESCRIPTIONS } from '../status.js';
import type { Proposal, StatusChange } from '../types.js';
import { EDIT_OPEN_ACTION, type SlackMessage } from './post.js';
import { PLAN_AWARD, safeMrkdwn, statusBadge } from './texts.js';

/** Direct messages to the proposer: the receipt after submitting, and every status change. */

export type ShareOutcome = 'shared' | 'not_configured' | 'failed';

const SHARE_TEXT: Record<ShareOutcome, string> = {
  shared: '提案チャンネルで共有しました。',
  not_configured: '提案チャンネルが設定されていないため、チャンネルには共有していません。提案は保存され、管理者が確認できます。',
  failed: 'Slack の一時的な不具合のため、提案チャンネルへの共有ができませんでした。提案は保存されていますので、管理者が確認できます。',
};

export function receiptMessage(p: Proposal, share: ShareOutcome): SlackMessage {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:white_check_mark: 改善提案を受け付けました。ありがとうございます。\n*${p.id}*　${safeMrkdwn(p.title, 200)}\n${SHARE_TEXT[share]}`,
      },
      accessory: { type: 'button', action_id: EDIT_OPEN_ACTION, value: p.id, text: { type: 'plain_text', text: '編集する' } },
    },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `状況：${statusBadge(p.status)}。審査が始まるまでは「編集する」で内容を直せます。審査の状況はこの DM でお知らせします。` }],
    },
  ];
  return { text: `改善提案 ${p.id} を受け付けました。${SHARE_TEXT[share]}`, blocks };
}

export function editedMessage(p: Proposal): SlackMessage {
  return { text: `改善提案 ${p.id} の内容を更新しました。`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `:pencil2: 改善提案 *${p.id}* の内容を更新しました。\n${safeMrkdwn(p.title, 200)}` } }] };
}

export function statusChangedMessage(p: Proposal, change: StatusChange): SlackMessage {
  const lines = [
    `改善提案 *${p.id}*「${safeMrkdwn(p.title, 200)}」の状況が *${statusBadge(change.to)}* になりました。`,
    STATUS_DESCRIPTIONS[change.to],
  ];
  if (change.note) lines.push(`*${change.to === '見送り' ? '見送りの理由' : '担当からのコメント'}*\n${safeMrkdwn(change.note, 2000)}`);
  if (change.to === '採用' || change.to === '実施済') {
    lines.push(`業務の改善に取り組まれた職員は、${PLAN_AWARD}の対象となることがあります。ご提案ありがとうございました。`);
  }
  return {
    text: `改善提案 ${p.id} の状況が「${change.to}」になりました。`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }],
  };
}
