import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { PROPOSAL_EDIT_CALLBACK, PROPOSAL_SUBMIT_CALLBACK } from '../../blocks/proposal-form.js';
import { PROPOSAL_STATUS_CALLBACK } from '../../blocks/proposal-status-form.js';
import { proposalEditHandler } from './proposal-edit-submit.js';
import { proposalStatusHandler } from './proposal-status-submit.js';
import { proposalSubmitHandler } from './proposal-submit.js';
import { ANNOUNCE_COMPOSE_CALLBACK, ANNOUNCE_PREVIEW_CALLBACK } from '../../blocks/announce-modal.js';
import { announceComposeSubmitHandler } from './announce-compose-submit.js';
import { announcePreviewSubmitHandler } from './announce-preview-submit.js';
import { WC_VIEWS } from '../../blocks/worldcafe-modals.js';
import { worldcafeCancelViewHandler } from './worldcafe-cancel-view.js';
import { worldcafeCapacityViewHandler } from './worldcafe-capacity-view.js';
import { worldcafeCreateViewHandler } from './worldcafe-create-view.js';
import { worldcafeRescheduleViewHandler } from './worldcafe-reschedule-view.js';

/** Modal submissions (app.view). Handlers answer inline errors through ack({ response_action: 'errors' }). */
export function register(app: App, deps: Deps): void {
  app.view({ callback_id: PROPOSAL_SUBMIT_CALLBACK, type: 'view_submission' }, proposalSubmitHandler(deps));
  app.view({ callback_id: PROPOSAL_EDIT_CALLBACK, type: 'view_submission' }, proposalEditHandler(deps));
  app.view({ callback_id: PROPOSAL_STATUS_CALLBACK, type: 'view_submission' }, proposalStatusHandler(deps));
  app.view({ callback_id: ANNOUNCE_COMPOSE_CALLBACK, type: 'view_submission' }, announceComposeSubmitHandler(deps));
  app.view({ callback_id: ANNOUNCE_PREVIEW_CALLBACK, type: 'view_submission' }, announcePreviewSubmitHandler(deps));
  app.view({ callback_id: WC_VIEWS.create, type: 'view_submission' }, worldcafeCreateViewHandler(deps));
  app.view({ callback_id: WC_VIEWS.capacity, type: 'view_submission' }, worldcafeCapacityViewHandler(deps));
  app.view({ callback_id: WC_VIEWS.reschedule, type: 'view_submission' }, worldcafeRescheduleViewHandler(deps));
  app.view({ callback_id: WC_VIEWS.cancel, type: 'view_submission' }, worldcafeCancelViewHandler(deps));
}
