import type { AllMiddlewareArgs, App, BlockButtonAction, BlockOverflowAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { ANNOUNCE_CANCEL_ACTION } from '../../../announce/slack/list.js';
import { ANNOUNCE_JOIN_ACTION, ANNOUNCE_LINK_ACTION } from '../../../announce/slack/message.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from '../../../plan/slack/answer-blocks.js';
import { EDIT_OPEN_ACTION, NEW_OPEN_ACTION, STATUS_OPEN_ACTION, VOTE_ACTION } from '../../../proposals/slack/post.js';
import { WC_ACTIONS } from '../../../worldcafe/slack/session-message.js';
import { router, type Routes } from '../../router.js';
import { announceCancelActionHandler } from '../../../announce/slack/cancel-action.js';
import { announceJoinActionHandler } from '../../../announce/slack/join-action.js';
import { announceLinkActionHandler } from '../../../announce/slack/link-action.js';
import { feedbackActionHandler } from '../../../plan/slack/feedback-action.js';
import { proposalEditOpenHandler } from '../../../proposals/slack/edit-open-action.js';
import { proposalNewOpenHandler } from '../../../proposals/slack/new-open-action.js';
import { proposalStatusOpenHandler } from '../../../proposals/slack/status-open-action.js';
import { proposalVoteHandler } from '../../../proposals/slack/vote-action.js';
import { worldcafeAdminHandler } from '../../../worldcafe/slack/admin-menu-action.js';
import { worldcafeCalendarHandler } from '../../../worldcafe/slack/calendar-action.js';
import { worldcafeJoinHandler } from '../../../worldcafe/slack/join-action.js';
import { worldcafeLeaveHandler } from '../../../worldcafe/slack/leave-action.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;

/** Buttons, by action_id. */
export const BUTTON_ROUTES = {
  [FEEDBACK_UP_ACTION]: feedbackActionHandler,
  [FEEDBACK_DOWN_ACTION]: feedbackActionHandler,
  [VOTE_ACTION]: proposalVoteHandler,
  [STATUS_OPEN_ACTION]: proposalStatusOpenHandler,
  [EDIT_OPEN_ACTION]: proposalEditOpenHandler,
  [NEW_OPEN_ACTION]: proposalNewOpenHandler,
  [ANNOUNCE_CANCEL_ACTION]: announceCancelActionHandler,
  [ANNOUNCE_JOIN_ACTION]: announceJoinActionHandler,
  [ANNOUNCE_LINK_ACTION]: announceLinkActionHandler,
  [WC_ACTIONS.join]: worldcafeJoinHandler,
  [WC_ACTIONS.leave]: worldcafeLeaveHandler,
  [WC_ACTIONS.calendar]: worldcafeCalendarHandler,
} satisfies Routes<ButtonArgs>;

/** Overflow menus, by action_id. */
export const OVERFLOW_ROUTES = {
  [WC_ACTIONS.admin]: worldcafeAdminHandler,
} satisfies Routes<OverflowArgs>;

export function register(app: App, deps: Deps): void {
  const buttons = router<ButtonArgs>(BUTTON_ROUTES, deps);
  const overflows = router<OverflowArgs>(OVERFLOW_ROUTES, deps);
  app.action<BlockButtonAction>({ type: 'block_actions', action_id: buttons.ids }, (args) => buttons.handle(args.action.action_id, args));
  app.action<BlockOverflowAction>({ type: 'block_actions', action_id: overflows.ids }, (args) => overflows.handle(args.action.action_id, args));
}
