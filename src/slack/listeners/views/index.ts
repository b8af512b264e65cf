import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { ANNOUNCE_COMPOSE_CALLBACK, ANNOUNCE_PREVIEW_CALLBACK } from '../../../announce/slack/modal.js';
import { PROPOSAL_EDIT_CALLBACK, PROPOSAL_SUBMIT_CALLBACK } from '../../../proposals/slack/form.js';
import { PROPOSAL_STATUS_CALLBACK } from '../../../proposals/slack/status-form.js';
import { WC_VIEWS } from '../../../worldcafe/slack/modals.js';
import { router, type Routes } from '../../router.js';
import { announceComposeSubmitHandler } from '../../../announce/slack/compose-submit.js';
import { announcePreviewSubmitHandler } from '../../../announce/slack/preview-submit.js';
import { proposalEditHandler } from '../../../proposals/slack/edit-submit.js';
import { proposalStatusHandler } from '../../../proposals/slack/status-submit.js';
import { proposalSubmitHandler } from '../../../proposals/slack/submit.js';
import { worldcafeCancelViewHandler } from '../../../worldcafe/slack/cancel-view.js';
import { worldcafeCapacityViewHandler } from '../../../worldcafe/slack/capacity-view.js';
import { worldcafeCreateViewHandler } from '../../../worldcafe/slack/create-view.js';
import { worldcafeRescheduleViewHandler } from '../../../worldcafe/slack/reschedule-view.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Modal submissions, by callback_id. Handlers answer inline errors through ack({ response_action: 'errors' }). */
export const VIEW_ROUTES = {
  [PROPOSAL_SUBMIT_CALLBACK]: proposalSubmitHandler,
  [PROPOSAL_EDIT_CALLBACK]: proposalEditHandler,
  [PROPOSAL_STATUS_CALLBACK]: proposalStatusHandler,
  [ANNOUNCE_COMPOSE_CALLBACK]: announceComposeSubmitHandler,
  [ANNOUNCE_PREVIEW_CALLBACK]: announcePreviewSubmitHandler,
  [WC_VIEWS.create]: worldcafeCreateViewHandler,
  [WC_VIEWS.capacity]: worldcafeCapacityViewHandler,
  [WC_VIEWS.reschedule]: worldcafeRescheduleViewHandler,
  [WC_VIEWS.cancel]: worldcafeCancelViewHandler,
} satisfies Routes<ViewArgs>;

export function register(app: App, deps: Deps): void {
  const views = router<ViewArgs>(VIEW_ROUTES, deps);
  app.view<ViewSubmitAction>({ callback_id: views.ids, type: 'view_submission' }, (args) => views.handle(args.view.callback_id, args));
}
