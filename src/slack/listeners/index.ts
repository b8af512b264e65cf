import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';
import * as actions from './actions/index.js';
import * as assistant from './assistant/index.js';
import * as commands from './commands/index.js';
import * as events from './events/index.js';
import * as messages from './messages/index.js';
import * as views from './views/index.js';

/**
 * Routes every Slack surface to its handlers. One folder per kind of listener
 * (the layout of Slack's bolt-ts starter template); each exports register(app, deps).
 */
export function registerListeners(app: App, deps: Deps): void {
  assistant.register(app, deps);
  events.register(app, deps);
  messages.register(app, deps);
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
}
