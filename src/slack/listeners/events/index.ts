import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { appHomeOpenedHandler } from '../../app-home.js';
import { appMentionHandler } from '../../../plan/slack/mention.js';

export function register(app: App, deps: Deps): void {
  app.event('app_mention', appMentionHandler(deps));
  app.event('app_home_opened', appHomeOpenedHandler(deps));
}
