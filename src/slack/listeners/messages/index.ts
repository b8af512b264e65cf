import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { directMessageHandler } from '../../../plan/slack/direct-message.js';

export function register(app: App, deps: Deps): void {
  app.event('message', directMessageHandler(deps));
}
