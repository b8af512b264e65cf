import type { RouteTable } from '../../slack/routes.js';
import { reportCommandHandler } from './command.js';
import type { ReportDeps } from './deps.js';
import { REPORT_FULL_ACTION, reportFullHandler } from './home.js';

/** The monthly report: /report and the App Home buttons, all for admins only. */
export function reportRoutes(deps: ReportDeps): RouteTable {
  const full = reportFullHandler(deps);
  return {
    commands: { '/report': { handle: reportCommandHandler(deps), admin: true } },
    buttons: {
      [REPORT_FULL_ACTION]: { handle: full, admin: true },
      [`${REPORT_FULL_ACTION}_last`]: { handle: full, admin: true },
    },
  };
}
