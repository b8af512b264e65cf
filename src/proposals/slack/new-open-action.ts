import { randomUUID } from 'node:crypto';
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { proposalFormView } from './form.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import { FORM_OPEN_FAILED } from './texts.js';
import { errorMessage } from '../../infra/errors.js';

/** 「新しい提案を書く」 (App Home, lists): the same form as `/proposal`. */
export function proposalNewOpenHandler(deps: ProposalsDeps) {
  return async ({ ack, body, respond, client, context }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const log = requestLog(context, deps.logger);
    try {
      await client.views.open({ trigger_id: body.trigger_id, view: proposalFormView({ mode: 'new', token: randomUUID() }) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'could not open the proposal form');
      await tellPrivately(client, audienceOf(body, respond), FORM_OPEN_FAILED, undefined, log);
    }
  };
}
