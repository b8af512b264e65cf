import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import type { VoteResult } from '../types.js';
import { proposalNoticeView } from './form.js';
import { PROPOSAL_NOT_FOUND, UNAVAILABLE_NOTICE, unvoted, voted } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { refreshProposalPost } from './share.js';
import { errorMessage } from '../../infra/errors.js';

/** 共感: one per person, a second click takes it back; the post shows the count (chat.update). */


export function proposalVoteHandler(deps: ProposalsDeps) {
  return async ({ ack, action, body, respond, client, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const to = audienceOf(body, respond);
    let res: VoteResult;
    try {
      res = await deps.proposals.toggleVote(action.value, body.user.id);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'vote not stored (storage unavailable)');
      await tellPrivately(client, to, UNAVAILABLE_NOTICE, undefined, log, { modal: proposalNoticeView });
      return;
    }
    if (res.outcome === 'missing') {
      log.warn('vote for an unknown proposal id');
      await tellPrivately(client, to, PROPOSAL_NOT_FOUND, undefined, log, { modal: proposalNoticeView });
      return;
    }
    await refreshProposalPost(deps.followUp, deps, String(action.value), log);
    await tellPrivately(client, to, res.outcome === 'voted' ? voted(res.count) : unvoted(res.count), undefined, log);
  };
}
