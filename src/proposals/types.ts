import type { Category } from './schema.js';
import type { ProposalStatus } from './status.js';

/** Plain data shapes of the proposals domain. No Slack, no HTTP. */

export interface StatusChange {
  from: ProposalStatus;
  to: ProposalStatus;
  /** Slack user id of the admin who made the change. */
  by: string;
  /** ISO instant. */
  at: string;
  note: string;
}

export interface Proposal {
  /** 提案-2026-0001 */
  id: string;
  fiscalYear: number;
  seq: number;
  title: string;
  category: Category;
  /** 現状の課題 */
  problem: string;
  /** 提案内容 */
  body: string;
  /** 期待される効果 */
  effect: string;
  /** The channel does not see the name; the office still keeps it to send the status back. */
  anonymous: boolean;
  proposerId: string;
  /** The proposer's name as Slack knew it after submission (for the office's list); may be empty. */
  proposerName: string;
  status: ProposalStatus;
  /** The reason for 見送り, or the reviewer's comment on the latest change. */
  statusNote: string;
  /** ISO instants. */
  createdAt: string;
  updatedAt: string;
  /** Set when the proposer edited it. */
  editedAt?: string;
  /** Where the proposal was shared, so the post can be kept current. */
  post?: { channel: string; ts: string };
  votes: number;
  history: StatusChange[];
}

export type SubmitResult = { proposal: Proposal; duplicate: boolean };

export type StatusChangeResult =
  | { outcome: 'changed'; proposal: Proposal; change: StatusChange }
  /** Already at that status (a double submission): nothing changed, nothing to announce. */
  | { outcome: 'unchanged'; proposal: Proposal }
  /** Someone else moved it first; `proposal` is the current state. */
  | { outcome: 'conflict'; proposal: Proposal }
  | { outcome: 'not_allowed'; proposal: Proposal }
  | { outcome: 'invalid'; errors: Partial<Record<'status' | 'note', string>> }
  | { outcome: 'missing' };

export type EditResult =
  | { outcome: 'edited'; proposal: Proposal }
  | { outcome: 'locked'; proposal: Proposal }
  | { outcome: 'forbidden' }
  | { outcome: 'invalid'; errors: Partial<Record<string, string>> }
  | { outcome: 'missing' };

export type VoteResult = { outcome: 'voted' | 'unvoted'; count: number } | { outcome: 'missing' };
