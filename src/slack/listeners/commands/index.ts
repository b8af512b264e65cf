import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { router, type Routes } from '../../router.js';
import { announceCommandHandler } from '../../../announce/slack/command.js';
import { morningCommandHandler } from '../../../morning/slack/command.js';
import { planCommandHandler } from '../../../plan/slack/command.js';
import { proposalCommandHandler } from '../../../proposals/slack/command.js';
import { worldcafeCommandHandler } from '../../../worldcafe/slack/command.js';

/** Slash commands, by name (each must be declared in manifest.yml: test/manifest.test.ts). */
export const COMMAND_ROUTES = {
  '/plan': planCommandHandler,
  '/proposal': proposalCommandHandler,
  '/morning': morningCommandHandler,
  '/announce': announceCommandHandler,
  '/worldcafe': worldcafeCommandHandler,
} satisfies Routes<SlackCommandMiddlewareArgs & AllMiddlewareArgs>;

export function register(app: App, deps: Deps): void {
  const commands = router<SlackCommandMiddlewareArgs & AllMiddlewareArgs>(COMMAND_ROUTES, deps);
  app.command(commands.ids, (args) => commands.handle(args.command.command, args));
}
