import { errorMessage } from '../../infra/errors.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately } from '../../slack/private-reply.js';
import type { ButtonArgs } from '../../slack/routes.js';
import type { Proposal } from '../types.js';
import type { ProposalsDeps } from './deps.js';
import { proposalNoticeView } from './form.js';
import { PROPOSAL_NOT_FOUND, UNAVAILABLE_NOTICE } from './texts.js';

/**
 * A button that opens a form for one proposal (its id in the button's value): acks, finds the
 * proposal or says it is gone, then runs `open`. Storage trouble is said privately, from
 * wherever the person clicked (in App Home, as a modal).
 */
export function proposalButton(deps: ProposalsDeps, what: string, open: (p: Proposal, a: ButtonArgs, reply: (text: string) => Promise<void>) => Promise<void>) {
  return async (a: ButtonArgs): Promise<void> => {
    await a.ack();
    const log = requestLog(a.context, deps.logger);
    const reply = (text: string) => tellPrivately(a.client, audienceOf(a.body, a.respond), text, undefined, log, { modal: proposalNoticeView });
    try {
      const p = await deps.proposals.get(a.action.value);
      if (!p) return await reply(PROPOSAL_NOT_FOUND);
      await open(p, a, reply);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, `could not open the ${what}`);
      await reply(UNAVAILABLE_NOTICE);
    }
  };
}
