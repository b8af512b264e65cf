import { createHash } from 'node:crypto';
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { ProposalsDeps } from './deps.js';
import { parseFormMeta, proposalReceivedView, readProposalForm } from './form.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { afterSubmit } from './follow-up.js';
import { STORE_UNAVAILABLE } from './texts.js';
import { storeBeforeAck, inlineError } from '../../slack/modal-submit.js';

/**
 * The proposal form was sent. Validated and stored BEFORE the ack, because the ack is where
 * Slack takes inline errors: bad fields and "storage unavailable" both come back as
 * `response_action: 'errors'`, so the modal stays open with everything the person typed.
 * Once stored, the modal turns into a receipt and sharing/DMs follow.
 *
 * One submission, one proposal: the form carries a client token in private_metadata (the same
 * on a double click and on Slack's re-sends); without one, the view id plus a hash of the values.
 */


export function submissionKey(view: { id: string; private_metadata?: string }, raw: unknown): string {
  const meta = parseFormMeta(view.private_metadata);
  if (meta?.mode === 'new') return `token:${meta.token}`;
  return `view:${view.id}:${createHash('sha256').update(JSON.stringify(raw)).digest('hex')}`;
}

export function proposalSubmitHandler(deps: ProposalsDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const userId = body.user.id;
    const raw = readProposalForm(view.state?.values);
    const work = deps.proposals.submit(userId, raw, submissionKey(view, raw));
    const result = await storeBeforeAck({ ack, log, work, failed: inlineError('title', STORE_UNAVAILABLE), what: 'proposal submission' });
    if (!result) {
      // If the store was only slow and succeeded after all, finish the job: the person is told by DM,
      // and pressing 送信 again finds the same proposal.
      void work
        .then((late) => (late.outcome === 'created' ? afterSubmit(deps.followUp, deps, late.proposal, log) : undefined))
        .catch(() => undefined);
      return;
    }
    if (result.outcome === 'invalid') {
      log.info({ fields: Object.keys(result.errors) }, 'proposal refused: invalid fields');
      await ack({ response_action: 'errors', errors: result.errors as Record<string, string> });
      return;
    }
    await ack({
      response_action: 'update',
      view: proposalReceivedView(result.proposal, deps.channel ? 'channel' : 'not_configured'),
    });
    if (result.outcome === 'duplicate') {
      log.info({ proposal: result.proposal.id }, 'duplicate proposal submission ignored');
      return;
    }
    await afterSubmit(deps.followUp, deps, result.proposal, log);
  };
}
