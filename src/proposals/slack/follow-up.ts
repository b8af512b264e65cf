import type { WebClient } from '@slack/web-api';
import type { ProposalsDeps } from './deps.js';
import type { Logger } from '../../infra/logger.js';
import type { Proposal, StatusChange } from '../types.js';
import { receiptMessage, statusChangedMessage } from './dm.js';
import { sendDm } from '../../slack/dm.js';
import { lookUpName, refreshProposalPost, shareProposal } from './share.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * What happens after Slack has its answer (the ack): sharing, DMs, App Home. Each step is
 * best-effort and logged; the proposal is already stored, and the person is told what worked.
 */


/** After a new proposal: remember the name, share it in the channel, send the receipt, refresh Home. */
export async function afterSubmit(client: WebClient, deps: ProposalsDeps, proposal: Proposal, log: Logger): Promise<void> {
  let p = proposal;
  try {
    const name = await lookUpName(client, p.proposerId);
    if (name) {
      await deps.proposals.recordProposerName(p.id, name);
      p = { ...p, proposerName: name };
    }
  } catch (err) {
    log.debug({ err: errorMessage(err) }, 'could not look up the proposer name');
  }
  const share = await shareProposal(client, deps, p, log);
  try {
    await sendDm(client, p.proposerId, receiptMessage(p, share));
  } catch (err) {
    log.warn({ proposal: p.id, err: errorMessage(err) }, 'could not send the proposal receipt');
  }
  await deps.home.publish(client, p.proposerId, log);
}

/** After a status change: the channel post, a DM to the proposer, their Home. */
export async function afterStatusChange(client: WebClient, deps: ProposalsDeps, p: Proposal, change: StatusChange, log: Logger): Promise<void> {
  await refreshProposalPost(client, deps, p.id, log);
  try {
    await sendDm(client, p.proposerId, statusChangedMessage(p, change));
  } catch (err) {
    log.warn({ proposal: p.id, err: errorMessage(err) }, 'could not tell the proposer about the status change');
  }
  await deps.home.publish(client, p.proposerId, log);
}

/** After the proposer edited: the channel post and their Home. */
export async function afterEdit(client: WebClient, deps: ProposalsDeps, p: Proposal, log: Logger): Promise<void> {
  await refreshProposalPost(client, deps, p.id, log);
  await deps.home.publish(client, p.proposerId, log);
}
