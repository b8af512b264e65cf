import { isEditable } from '../status.js';
import type { ProposalsDeps } from './deps.js';
import { proposalFormView, proposalToFormValues } from './form.js';
import { proposalButton } from './proposal-button.js';
import { EDIT_FORBIDDEN, editLocked } from './texts.js';

/** 「編集する」: opens the proposer's own proposal in the form, while it is still 受付. */
export function proposalEditOpenHandler(deps: ProposalsDeps) {
  return proposalButton(deps, 'edit form', async (p, { body, client }, reply) => {
    if (p.proposerId !== body.user.id) return reply(EDIT_FORBIDDEN);
    if (!isEditable(p.status)) return reply(editLocked(p.status));
    await client.views.open({ trigger_id: body.trigger_id, view: proposalFormView({ mode: 'edit', id: p.id }, proposalToFormValues(p)) });
  });
}
