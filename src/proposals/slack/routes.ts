import type { RouteTable } from '../../slack/routes.js';
import { proposalCommandHandler } from './command.js';
import type { ProposalsDeps } from './deps.js';
import { proposalEditOpenHandler } from './edit-open-action.js';
import { proposalEditHandler } from './edit-submit.js';
import { PROPOSAL_EDIT_CALLBACK, PROPOSAL_SUBMIT_CALLBACK } from './form.js';
import { proposalNewOpenHandler } from './new-open-action.js';
import { EDIT_OPEN_ACTION, NEW_OPEN_ACTION, STATUS_OPEN_ACTION, VOTE_ACTION } from './post.js';
import { PROPOSAL_STATUS_CALLBACK } from './status-form.js';
import { proposalStatusOpenHandler } from './status-open-action.js';
import { proposalStatusHandler } from './status-submit.js';
import { proposalSubmitHandler } from './submit.js';
import { proposalVoteHandler } from './vote-action.js';

/** Improvement proposals: /proposal, the form, 共感, editing, and the admins' status changes. */
export function proposalRoutes(deps: ProposalsDeps): RouteTable {
  return {
    commands: { '/proposal': { handle: proposalCommandHandler(deps) } },
    buttons: {
      [VOTE_ACTION]: { handle: proposalVoteHandler(deps) },
      [STATUS_OPEN_ACTION]: { handle: proposalStatusOpenHandler(deps), admin: true },
      [EDIT_OPEN_ACTION]: { handle: proposalEditOpenHandler(deps) },
      [NEW_OPEN_ACTION]: { handle: proposalNewOpenHandler(deps) },
    },
    views: {
      [PROPOSAL_SUBMIT_CALLBACK]: { handle: proposalSubmitHandler(deps) },
      [PROPOSAL_EDIT_CALLBACK]: { handle: proposalEditHandler(deps) },
      [PROPOSAL_STATUS_CALLBACK]: { handle: proposalStatusHandler(deps), admin: true },
    },
  };
}
