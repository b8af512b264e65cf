import type { ProposalsDeps } from './deps.js';
import { proposalButton } from './proposal-button.js';
import { proposalStatusView } from './status-form.js';
import { finalStatus } from './texts.js';

/** 「状況を変更」: opens the admin's status form (an admin route: the router checks the clicker, whoever saw the button). */
export function proposalStatusOpenHandler(deps: ProposalsDeps) {
  return proposalButton(deps, 'status form', async (p, { body, client }, reply) => {
    const next = deps.proposals.nextStatuses(p.status);
    if (next.length === 0) return reply(finalStatus(p.status));
    await client.views.open({ trigger_id: body.trigger_id, view: proposalStatusView(p, next) });
  });
}
