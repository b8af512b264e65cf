import type { KnownBlock, ModalView } from '@slack/types';
import { LIMITS } from '../schema.js';
import { STATUS_DESCRIPTIONS, type ProposalStatus } from '../status.js';
import type { Proposal } from '../types.js';
import { PLAN_AWARD, safeMrkdwn, statusBadge } from './texts.js';

/** The admin's modal for moving a proposal along 受付 → 検討中 → 採用 / 見送り → 実施済. */

export const PROPOSAL_STATUS_CALLBACK = 'proposal_status';
export const STATUS_BLOCK = 'status';
export const NOTE_BLOCK = 'note';
export const STATUS_FIELD_ACTION = 'value';

export interface StatusFormMeta {
  id: string;
  /** The status the admin saw when opening the form. */
  from: ProposalStatus;
}

export function proposalStatusView(p: Proposal, next: readonly ProposalStatus[]): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${p.id}*　${safeMrkdwn(p.title, 200)}\n現在の状況：${statusBadge(p.status)}　｜　共感 ${p.votes}`,
      },
    },
    {
      type: 'input',
      block_id: STATUS_BLOCK,
      label: { type: 'plain_text', text: '新しい状況' },
      element: {
        type: 'radio_buttons',
        action_id: STATUS_FIELD_ACTION,
        options: next.map((s) => ({
          text: { type: 'plain_text', text: s },
          value: s,
          description: { type: 'plain_text', text: STATUS_DESCRIPTIONS[s] },
        })),
      },
    },
    {
      type: 'input',
      block_id: NOTE_BLOCK,
      optional: true,
      label: { type: 'plain_text', text: '理由・コメント（「見送り」の場合は必須）' },
      hint: { type: 'plain_text', text: '提案者への DM とチャンネルの投稿に表示されます。' },
      element: { type: 'plain_text_input', action_id: STATUS_FIELD_ACTION, multiline: true, max_length: LIMITS.note },
    },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `変更すると、チャンネルの投稿が更新され、提案者に DM でお知らせします。実施済みの提案は ${PLAN_AWARD} の検討の参考になります。` },
      ],
    },
  ];
  const meta: StatusFormMeta = { id: p.id, from: p.status };
  return {
    type: 'modal',
    callback_id: PROPOSAL_STATUS_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: '提案の状況を変更' },
    submit: { type: 'plain_text', text: '変更する' },
    close: { type: 'plain_text', text: 'キャンセル' },
    blocks,
  };
}

export function readStatusForm(values: unknown): { to: unknown; note: unknown } {
  const v = (values && typeof values === 'object' ? values : {}) as Record<string, Record<string, { selected_option?: { value?: unknown } | null; value?: unknown }>>;
  return {
    to: v[STATUS_BLOCK]?.[STATUS_FIELD_ACTION]?.selected_option?.value,
    note: v[NOTE_BLOCK]?.[STATUS_FIELD_ACTION]?.value ?? '',
  };
}

export function parseStatusMeta(raw: string | undefined): { id: unknown; from: unknown } {
  try {
    const m = JSON.parse(raw ?? '') as Record<string, unknown>;
    return { id: m.id, from: m.from };
  } catch {
    return { id: undefined, from: undefined };
  }
}
