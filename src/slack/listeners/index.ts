import type { App } from '@slack/bolt';
import type { Deps } from '../../deps.js';

/**
 * Routes every Slack surface to its handlers. One folder per kind of listener
 * (the layout of Slack's bolt-ts starter template); each exports register(app, deps).
 */
export function registerListeners(app: App, deps: Deps): void {
  void app;
  void deps;
}
