import type { WebClient } from '@slack/web-api';
import type { ProposalsDeps } from './deps.js';
import type { Logger } from '../../infra/logger.js';
import type { Proposal } from '../types.js';
import { proposalPostMessage } from './post.js';
import type { ShareOutcome } from './dm.js';
import { errorMessage } from '../../infra/errors.js';
import { NO_UNFURL } from '../../slack/safe-text.js';

/**
 * The proposal's post in PROPOSALS_CHANNEL: shared once after submission, then kept current with
 * chat.update (votes, edits, status changes). Slack failures are logged and reported back as
 * data; the proposal itself is already safe in Redis.
 */


export async function shareProposal(client: WebClient, deps: ProposalsDeps, p: Proposal, log: Logger): Promise<ShareOutcome> {
  const channel = deps.channel;
  if (!channel) return 'not_configured';
  try {
    const msg = proposalPostMessage(p);
    const res = await client.chat.postMessage({ channel, text: msg.text, blocks: msg.blocks, ...NO_UNFURL });
    if (res.ts) await deps.proposals.recordPost(p.id, res.channel ?? channel, res.ts);
    log.info({ proposal: p.id, channel }, 'proposal shared');
    return 'shared';
  } catch (err) {
    log.warn({ proposal: p.id, channel, err: errorMessage(err) }, 'could not share the proposal (it stays stored)');
    return 'failed';
  }
}

/**
 * Rewrites the post from the stored proposal. Re-reads after updating and goes again if the
 * proposal changed meanwhile (two votes at once), so the last update Slack sees is current.
 */
export async function refreshProposalPost(client: WebClient, deps: ProposalsDeps, id: string, log: Logger): Promise<void> {
  try {
    let p = await deps.proposals.get(id);
    for (let round = 0; round < 3 && p?.post; round += 1) {
      const msg = proposalPostMessage(p);
      await client.chat.update({ channel: p.post.channel, ts: p.post.ts, text: msg.text, blocks: msg.blocks });
      const after = await deps.proposals.get(id);
      if (!after || JSON.stringify(proposalPostMessage(after)) === JSON.stringify(msg)) return;
      p = after;
    }
  } catch (err) {
    log.warn({ proposal: id, err: errorMessage(err) }, 'could not update the proposal post');
  }
}

/** The proposer's name as the office knows it (for non-anonymous posts and the export). */
export async function lookUpName(client: WebClient, userId: string): Promise<string> {
  const res = await client.users.info({ user: userId });
  const u = res.user;
  return (u?.real_name || u?.profile?.real_name || u?.profile?.display_name || u?.name || '').trim();
}

/** Fills missing proposer names (e.g. before an export), a few lookups at a time. */
export async function fillProposerNames(client: WebClient, deps: ProposalsDeps, proposals: Proposal[], log: Logger): Promise<void> {
  const missing = [...new Set(proposals.filter((p) => !p.proposerName).map((p) => p.proposerId))].slice(0, 200);
  const names = new Map<string, string>();
  for (let i = 0; i < missing.length; i += 5) {
    await Promise.all(
      missing.slice(i, i + 5).map(async (userId) => {
        try {
          names.set(userId, await lookUpName(client, userId));
        } catch (err) {
          log.debug({ user: userId, err: errorMessage(err) }, 'users.info failed');
        }
      }),
    );
  }
  for (const p of proposals) {
    const name = !p.proposerName ? names.get(p.proposerId) : undefined;
    if (name) {
      p.proposerName = name;
      await deps.proposals.recordProposerName(p.id, name).catch(() => false);
    }
  }
}
