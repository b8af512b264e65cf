/**
 * The review path of a proposal: 受付 → 検討中 → 採用 / 見送り, and 採用 → 実施済.
 * 見送り needs a reason. The proposer may edit only while the proposal is 受付 (before review starts).
 */

export const STATUSES = ['受付', '検討中', '採用', '見送り', '実施済'] as const;
export type ProposalStatus = (typeof STATUSES)[number];

const NEXT: Record<ProposalStatus, readonly ProposalStatus[]> = {
  受付: ['検討中'],
  検討中: ['採用', '見送り'],
  採用: ['実施済'],
  見送り: [],
  実施済: [],
};

export const INITIAL_STATUS: ProposalStatus = '受付';

export function isStatus(value: unknown): value is ProposalStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

export function nextStatuses(from: ProposalStatus): readonly ProposalStatus[] {
  return NEXT[from];
}

export function canTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return NEXT[from].includes(to);
}

export function requiresReason(to: ProposalStatus): boolean {
  return to === '見送り';
}

/** The proposer may change the text until review starts. */
export function isEditable(status: ProposalStatus): boolean {
  return status === '受付';
}

/** A short line for people about what each status means. */
export const STATUS_DESCRIPTIONS: Record<ProposalStatus, string> = {
  受付: '受け付けました。審査が始まるまでは提案者が内容を編集できます。',
  検討中: '担当で実施に向けて検討しています。',
  採用: '採用されました。実施に向けて準備します。',
  見送り: '今回は見送りとなりました。',
  実施済: '提案が実施されました。',
};
