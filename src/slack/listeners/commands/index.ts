import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { planCommandHandler } from './plan-command.js';
import { proposalCommandHandler } from './proposal-command.js';
import { morningCommandHandler } from './morning-command.js';
import { announceCommandHandler } from './announce-command.js';
import { worldcafeCommandHandler } from './worldcafe-command.js';

export function register(app: App, deps: Deps): void {
  app.command('/plan', planCommandHandler(deps));
  app.command('/proposal', proposalCommandHandler(deps));
  app.command('/morning', morningCommandHandler(deps));
  app.command('/announce', announceCommandHandler(deps));
  app.command('/worldcafe', worldcafeCommandHandler(deps));
}
