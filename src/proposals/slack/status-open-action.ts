import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { proposalNoticeView } from './form.js';
import { proposalStatusView } from './status-form.js';
import { finalStatus, UNAVAILABLE_NOTICE } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { PROPOSAL_NOT_FOUND } from './texts.js';
import { errorMessage } from '../../infra/errors.js';

/** 「状況を変更」: opens the admin's status form (an admin route: the router checks the clicker, whoever saw the button). */

export function proposalStatusOpenHandler(deps: ProposalsDeps) {
  return async ({ ack, action, body, respond, client, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const reply = (text: string) => tellPrivately(client, audienceOf(body, respond), text, undefined, log, { modal: proposalNoticeView });
    try {
      const p = await deps.proposals.get(action.value);
      if (!p) return void (await reply(PROPOSAL_NOT_FOUND));
      const next = deps.proposals.nextStatuses(p.status);
      if (next.length === 0) return void (await reply(finalStatus(p.status)));
      await client.views.open({ trigger_id: body.trigger_id, view: proposalStatusView(p, next) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not open the status form');
      await reply(UNAVAILABLE_NOTICE);
    }
  };
}
