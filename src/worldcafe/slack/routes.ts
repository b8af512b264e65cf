import type { RouteTable } from '../../slack/routes.js';
import { worldcafeAdminHandler } from './admin-menu-action.js';
import { worldcafeCalendarHandler } from './calendar-action.js';
import { worldcafeCancelViewHandler } from './cancel-view.js';
import { worldcafeCapacityViewHandler } from './capacity-view.js';
import { worldcafeCommandHandler } from './command.js';
import { worldcafeCreateViewHandler } from './create-view.js';
import type { WorldcafeDeps } from './deps.js';
import { worldcafeJoinHandler } from './join-action.js';
import { worldcafeLeaveHandler } from './leave-action.js';
import { WC_VIEWS } from './modals.js';
import { worldcafeRescheduleViewHandler } from './reschedule-view.js';
import { WC_ACTIONS } from './session-message.js';
import { worldcafeSurveyOpenHandler, worldcafeSurveySubmitHandler } from './survey-actions.js';
import { SURVEY_VIEW } from './survey-modal.js';

/** World Café sign-ups: /worldcafe, the session buttons, the post-session survey, and the admins' menu and forms. */
export function worldcafeRoutes(deps: WorldcafeDeps): RouteTable {
  return {
    commands: { '/worldcafe': { handle: worldcafeCommandHandler(deps) } },
    buttons: {
      [WC_ACTIONS.join]: { handle: worldcafeJoinHandler(deps) },
      [WC_ACTIONS.leave]: { handle: worldcafeLeaveHandler(deps) },
      [WC_ACTIONS.calendar]: { handle: worldcafeCalendarHandler(deps) },
      [WC_ACTIONS.survey]: { handle: worldcafeSurveyOpenHandler(deps) },
    },
    overflows: { [WC_ACTIONS.admin]: { handle: worldcafeAdminHandler(deps), admin: true } },
    views: {
      [WC_VIEWS.create]: { handle: worldcafeCreateViewHandler(deps), admin: true },
      [WC_VIEWS.capacity]: { handle: worldcafeCapacityViewHandler(deps), admin: true },
      [WC_VIEWS.reschedule]: { handle: worldcafeRescheduleViewHandler(deps), admin: true },
      [WC_VIEWS.cancel]: { handle: worldcafeCancelViewHandler(deps), admin: true },
      [SURVEY_VIEW]: { handle: worldcafeSurveySubmitHandler(deps) },
    },
  };
}
