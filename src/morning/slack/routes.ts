import type { RouteTable } from '../../slack/routes.js';
import { morningCommandHandler } from './command.js';
import type { MorningDeps } from './deps.js';

/** Morning-meeting prompts: /morning (closed days are for admins, checked per subcommand). */
export function morningRoutes(deps: MorningDeps): RouteTable {
  return { commands: { '/morning': { handle: morningCommandHandler(deps) } } };
}
