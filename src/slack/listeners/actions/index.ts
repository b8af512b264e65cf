import type { App, BlockButtonAction, BlockOverflowAction } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from '../../blocks/answer-blocks.js';
import { feedbackActionHandler } from './feedback-action.js';
import { EDIT_OPEN_ACTION, NEW_OPEN_ACTION, STATUS_OPEN_ACTION, VOTE_ACTION } from '../../blocks/proposal-post.js';
import { proposalEditOpenHandler } from './proposal-edit-open-action.js';
import { proposalNewOpenHandler } from './proposal-new-open-action.js';
import { proposalStatusOpenHandler } from './proposal-status-open-action.js';
import { proposalVoteHandler } from './proposal-vote-action.js';
import { ANNOUNCE_CANCEL_ACTION } from '../../blocks/announce-list.js';
import { ANNOUNCE_JOIN_ACTION, ANNOUNCE_LINK_ACTION } from '../../blocks/announce-message.js';
import { announceCancelActionHandler } from './announce-cancel-action.js';
import { announceJoinActionHandler } from './announce-join-action.js';
import { announceLinkActionHandler } from './announce-link-action.js';
import { WC_ACTIONS } from '../../blocks/worldcafe-session.js';
import { worldcafeAdminHandler } from './worldcafe-admin-action.js';
import { worldcafeCalendarHandler } from './worldcafe-calendar-action.js';
import { worldcafeJoinHandler } from './worldcafe-join-action.js';
import { worldcafeLeaveHandler } from './worldcafe-leave-action.js';

export function register(app: App, deps: Deps): void {
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: new RegExp(`^(${FEEDBACK_UP_ACTION}|${FEEDBACK_DOWN_ACTION})$`) }, feedbackActionHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: VOTE_ACTION }, proposalVoteHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: STATUS_OPEN_ACTION }, proposalStatusOpenHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: EDIT_OPEN_ACTION }, proposalEditOpenHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: NEW_OPEN_ACTION }, proposalNewOpenHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ANNOUNCE_CANCEL_ACTION }, announceCancelActionHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ANNOUNCE_JOIN_ACTION }, announceJoinActionHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: ANNOUNCE_LINK_ACTION }, announceLinkActionHandler());
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: WC_ACTIONS.join }, worldcafeJoinHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: WC_ACTIONS.leave }, worldcafeLeaveHandler(deps));
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: WC_ACTIONS.calendar }, worldcafeCalendarHandler(deps));
  app.action<BlockOverflowAction>({ type: 'block_actions', action_id: WC_ACTIONS.admin }, worldcafeAdminHandler(deps));
}
