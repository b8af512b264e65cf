import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { NOTE_BLOCK, parseStatusMeta, readStatusForm, STATUS_BLOCK } from './status-form.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { afterStatusChange } from './follow-up.js';
import { PROPOSAL_TEXT, STATUS_UNAVAILABLE } from './texts.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';

/**
 * An admin moved a proposal along (an admin route: the router checks the submitter again, the
 * button and form are only a convenience). The change is a compare-and-set from the status the admin saw, so two
 * admins at once, or a double click, cannot skip a step or announce twice.
 */


export function proposalStatusHandler(deps: ProposalsDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const userId = body.user.id;
    const meta = parseStatusMeta(view.private_metadata);
    const form = readStatusForm(view.state?.values);
    const work = deps.proposals.changeStatus({ id: meta.id, from: meta.from, to: form.to, note: form.note, by: userId });
    const result = await storeBeforeAck({ ack, log, work, failed: inlineError(STATUS_BLOCK, STATUS_UNAVAILABLE), what: 'proposal status change' });
    if (!result) return;
    switch (result.outcome) {
      case 'changed':
        await ack();
        await afterStatusChange(deps.followUp, deps, result.proposal, result.change, log);
        return;
      case 'unchanged':
        await ack();
        return;
      case 'conflict':
        await ack({
          response_action: 'errors',
          errors: { [STATUS_BLOCK]: PROPOSAL_TEXT.statusConflict(result.proposal.status) },
        });
        return;
      case 'not_allowed':
        await ack({
          response_action: 'errors',
          errors: { [STATUS_BLOCK]: PROPOSAL_TEXT.statusNotAllowed(result.proposal.status, String(form.to)) },
        });
        return;
      case 'invalid': {
        const errors: Record<string, string> = {};
        if (result.errors.status) errors[STATUS_BLOCK] = result.errors.status;
        if (result.errors.note) errors[NOTE_BLOCK] = result.errors.note;
        await ack({ response_action: 'errors', errors });
        return;
      }
      case 'missing':
        await ack({ response_action: 'errors', errors: { [STATUS_BLOCK]: PROPOSAL_TEXT.statusMissing } });
    }
  };
}
