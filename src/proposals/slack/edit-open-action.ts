import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { isEditable } from '../status.js';
import { proposalFormView, proposalNoticeView, proposalToFormValues } from './form.js';
import { UNAVAILABLE_NOTICE } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { editLocked } from './texts.js';
import { EDIT_FORBIDDEN } from './texts.js';
import { PROPOSAL_NOT_FOUND } from './texts.js';
import { errorMessage } from '../../infra/errors.js';

/** 「編集する」: opens the proposer's own proposal in the form, while it is still 受付. */
export function proposalEditOpenHandler(deps: ProposalsDeps) {
  return async ({ ack, action, body, respond, client, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    const reply = (text: string) => tellPrivately(client, audienceOf(body, respond), text, undefined, log, { modal: proposalNoticeView });
    try {
      const p = await deps.proposals.get(action.value);
      if (!p) return void (await reply(PROPOSAL_NOT_FOUND));
      if (p.proposerId !== body.user.id) return void (await reply(EDIT_FORBIDDEN));
      if (!isEditable(p.status)) return void (await reply(editLocked(p.status)));
      await client.views.open({ trigger_id: body.trigger_id, view: proposalFormView({ mode: 'edit', id: p.id }, proposalToFormValues(p)) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not open the edit form');
      await reply(UNAVAILABLE_NOTICE);
    }
  };
}
