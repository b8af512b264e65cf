import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { parseFormMeta, readProposalForm } from './form.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { afterEdit } from './follow-up.js';
import { EDIT_FORBIDDEN, EDIT_MISSING, editLocked, STORE_UNAVAILABLE } from './texts.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';

/**
 * The proposer saved an edit. Allowed only for their own proposal and only while it is 受付;
 * everything else is refused inline, with the typed text left in the modal.
 */

export function proposalEditHandler(deps: ProposalsDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const meta = parseFormMeta(view.private_metadata);
    if (meta?.mode !== 'edit') {
      await ack({ response_action: 'errors', errors: { title: EDIT_MISSING } });
      return;
    }
    const work = deps.proposals.edit(meta.id, body.user.id, readProposalForm(view.state?.values));
    const result = await storeBeforeAck({ ack, log, work, failed: inlineError('title', STORE_UNAVAILABLE), what: 'proposal edit' });
    if (!result) return;
    switch (result.outcome) {
      case 'invalid':
        await ack({ response_action: 'errors', errors: result.errors as Record<string, string> });
        return;
      case 'missing':
        await ack({ response_action: 'errors', errors: { title: EDIT_MISSING } });
        return;
      case 'forbidden':
        log.warn('proposal edit refused: not the proposer');
        await ack({ response_action: 'errors', errors: { title: EDIT_FORBIDDEN } });
        return;
      case 'locked':
        await ack({ response_action: 'errors', errors: { title: editLocked(result.proposal.status) } });
        return;
      case 'edited':
        await ack();
        log.info({ proposal: result.proposal.id }, 'proposal edited');
        await afterEdit(deps.followUp, deps, result.proposal, log);
    }
  };
}
