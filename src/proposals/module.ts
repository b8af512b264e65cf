import type { FeatureModule, Infra } from '../deps.js';
import { createProposalService, type ProposalService } from './service.js';
import { ProposalStore } from './store.js';
import type { ProposalsDeps } from './slack/deps.js';
import { proposalsHomeSection } from './slack/home.js';
import { proposalRoutes } from './slack/routes.js';

/** Improvement proposals (/proposal), plan 4(2)⑦ and the 区長表彰 of 4(1)⑤. */
export function proposalsModule(infra: Infra): FeatureModule & { service: ProposalService } {
  const { redis, durable, clock, logger } = infra;
  const service = createProposalService({ store: new ProposalStore(redis, durable), clock, logger });
  const deps: ProposalsDeps = {
    proposals: service,
    clock,
    logger,
    isAdmin: infra.isAdmin,
    channel: infra.config.PROPOSALS_CHANNEL,
    followUp: infra.slack.followUp,
    home: infra.home,
  };
  return { service, routes: proposalRoutes(deps), homeSection: proposalsHomeSection(deps) };
}
