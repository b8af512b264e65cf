import type { Clock } from '../infra/clock.js';
import type { Logger } from '../infra/logger.js';
import { proposalsToCsv } from './csv.js';
import { fiscalYearOf, parseProposalId, PROPOSAL_ID_PREFIX } from './fiscal-year.js';
import { validateProposalInput, validateStatusNote, type FieldErrors, type ProposalField } from './schema.js';
import { canTransition, INITIAL_STATUS, isEditable, isStatus, nextStatuses, type ProposalStatus } from './status.js';
import type { ProposalStore } from './store.js';
import type { EditResult, Proposal, StatusChange, StatusChangeResult, VoteResult } from './types.js';
import { CONVERSATION_ID, USER_ID } from '../infra/slack-ids.js';

/**
 * Improvement proposals (plan 4(2)⑦): submit, share, support (共感), review, find again, export.
 * Knows nothing of Slack: takes user ids and raw field values, returns plain data.
 * Validation problems come back as data; a thrown error means storage is unavailable.
 */

const MAX_KEY_LENGTH = 512;

export type SubmitOutcome =
  | { outcome: 'created' | 'duplicate'; proposal: Proposal }
  | { outcome: 'invalid'; errors: FieldErrors<ProposalField> };

export interface ProposalService {
  /**
   * Validates and stores a proposal. `submissionKey` identifies one submission (the form's client
   * token, or its view id and content hash): the same key from the same person yields the same
   * proposal, however many times it arrives.
   */
  submit(userId: string, raw: unknown, submissionKey: string): Promise<SubmitOutcome>;
  get(id: unknown): Promise<Proposal | undefined>;
  /** Newest first. */
  listRecent(limit: number): Promise<Proposal[]>;
  listByUser(userId: string, limit: number): Promise<Proposal[]>;
  /** Proposals waiting for a decision (受付, 検討中), newest first. */
  reviewQueue(limit: number): Promise<Proposal[]>;
  /** Every proposal, oldest first. */
  listAll(): Promise<Proposal[]>;
  /** Moves the status; `from` is the status the reviewer saw (guards against two reviewers at once). */
  changeStatus(a: { id: unknown; from?: unknown; to: unknown; note?: unknown; by: string }): Promise<StatusChangeResult>;
  /** The proposer changes the text, only until review starts. */
  edit(id: unknown, userId: string, raw: unknown): Promise<EditResult>;
  toggleVote(id: unknown, userId: string): Promise<VoteResult>;
  /** Remembers where the proposal was shared, so the post can be kept current. */
  recordPost(id: string, channel: string, ts: string): Promise<boolean>;
  recordProposerName(id: string, name: string): Promise<boolean>;
  /** UTF-8 CSV with BOM of every proposal (for Excel). */
  exportCsv(): Promise<{ csv: string; count: number }>;
  nextStatuses(status: ProposalStatus): readonly ProposalStatus[];
}

export function createProposalService(opts: { store: ProposalStore; clock: Clock; logger?: Logger }): ProposalService {
  const { store, clock, logger } = opts;
  const nowIso = () => clock.now().toISOString();

  const load = async (id: unknown): Promise<Proposal | undefined> => {
    const parsed = parseProposalId(id);
    return parsed ? store.get(parsed.id) : undefined;
  };

  const listAll = async (): Promise<Proposal[]> => {
    const ids = await store.allIds();
    const out: Proposal[] = [];
    for (let i = 0; i < ids.length; i += 200) out.push(...(await store.getMany(ids.slice(i, i + 200))));
    return out;
  };

  return {
    async submit(userId, raw, submissionKey) {
      if (!USER_ID.test(userId)) throw new Error('submit: not a Slack user id');
      const v = validateProposalInput(raw);
      if (!v.ok) return { outcome: 'invalid', errors: v.errors };
      const key = String(submissionKey ?? '').slice(0, MAX_KEY_LENGTH);
      if (!key) throw new Error('submit: a submission key is required');
      const now = clock.now();
      const fy = fiscalYearOf(now);
      const { id, created } = await store.create(
        {
          fiscalYear: fy,
          idPrefix: `${PROPOSAL_ID_PREFIX}-${fy}-`,
          ...v.value,
          proposerId: userId,
          status: INITIAL_STATUS,
          createdAt: now.toISOString(),
        },
        { userId, key },
      );
      const proposal = await store.get(id);
      if (!proposal) throw new Error(`submit: ${id} vanished after creation`);
      if (created) logger?.info({ proposal: id, fiscalYear: fy }, 'proposal created');
      return { outcome: created ? 'created' : 'duplicate', proposal };
    },

    get: load,

    async listRecent(limit) {
      return store.getMany(await store.recentIds(0, clampLimit(limit)));
    },

    async listByUser(userId, limit) {
      if (!USER_ID.test(userId)) return [];
      return store.getMany(await store.idsOf(userId, clampLimit(limit)));
    },

    async reviewQueue(limit) {
      const out: Proposal[] = [];
      // Scan newest first in pages; a ward office has hundreds of proposals, not millions.
      for (let offset = 0; out.length < limit; offset += 100) {
        const ids = await store.recentIds(offset, 100);
        if (ids.length === 0) break;
        for (const p of await store.getMany(ids)) {
          if (p.status === '受付' || p.status === '検討中') out.push(p);
          if (out.length >= limit) break;
        }
      }
      return out;
    },

    listAll,

    async changeStatus(a) {
      const proposal = await load(a.id);
      if (!proposal) return { outcome: 'missing' };
      if (!isStatus(a.to)) return { outcome: 'invalid', errors: { status: '変更先の状況を一覧から選んでください。' } };
      const from = a.from === undefined ? proposal.status : a.from;
      if (!isStatus(from)) return { outcome: 'invalid', errors: { status: '変更前の状況が読み取れません。' } };
      if (proposal.status === a.to) return { outcome: 'unchanged', proposal };
      if (proposal.status !== from) return { outcome: 'conflict', proposal };
      if (!canTransition(from, a.to)) return { outcome: 'not_allowed', proposal };
      const note = validateStatusNote(a.to, a.note);
      if (!note.ok) return { outcome: 'invalid', errors: note.errors };
      const change: StatusChange = { from, to: a.to, by: a.by, at: nowIso(), note: note.value };
      const res = await store.transition(proposal.id, change);
      const current = await store.get(proposal.id);
      if (!current) return { outcome: 'missing' };
      if (res === 'changed') {
        logger?.info({ proposal: proposal.id, from, to: a.to }, 'proposal status changed');
        return { outcome: 'changed', proposal: current, change };
      }
      if (res === 'unchanged') return { outcome: 'unchanged', proposal: current };
      return { outcome: 'conflict', proposal: current };
    },

    async edit(id, userId, raw) {
      const proposal = await load(id);
      if (!proposal) return { outcome: 'missing' };
      if (proposal.proposerId !== userId) return { outcome: 'forbidden' };
      if (!isEditable(proposal.status)) return { outcome: 'locked', proposal };
      const v = validateProposalInput(raw);
      if (!v.ok) return { outcome: 'invalid', errors: v.errors };
      const at = nowIso();
      const res = await store.edit(proposal.id, userId, INITIAL_STATUS, {
        title: v.value.title,
        category: v.value.category,
        problem: v.value.problem,
        body: v.value.body,
        effect: v.value.effect,
        anonymous: v.value.anonymous ? '1' : '0',
        editedAt: at,
        updatedAt: at,
      });
      const current = await store.get(proposal.id);
      if (res === 'missing' || !current) return { outcome: 'missing' };
      if (res === 'forbidden') return { outcome: 'forbidden' };
      if (res === 'locked') return { outcome: 'locked', proposal: current };
      return { outcome: 'edited', proposal: current };
    },

    async toggleVote(id, userId) {
      const parsed = parseProposalId(id);
      if (!parsed || !USER_ID.test(userId)) return { outcome: 'missing' };
      const res = await store.toggleVote(parsed.id, userId);
      if (!res.exists) return { outcome: 'missing' };
      return { outcome: res.voted ? 'voted' : 'unvoted', count: res.count };
    },

    async recordPost(id, channel, ts) {
      if (!CONVERSATION_ID.test(channel) || !/^\d+\.\d+$/.test(ts)) return false;
      return store.setFields(id, { postChannel: channel, postTs: ts });
    },

    async recordProposerName(id, name) {
      return store.setFields(id, { proposerName: name.slice(0, 100) });
    },

    async exportCsv() {
      const all = await listAll();
      return { csv: proposalsToCsv(all), count: all.length };
    },

    nextStatuses,
  };
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(200, Math.floor(limit) || 1));
}
