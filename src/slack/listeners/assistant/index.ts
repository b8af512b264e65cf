import type { App } from '@slack/bolt';
import type { Deps } from '../../../deps.js';
import { planAssistant } from '../../../plan/slack/assistant.js';

export function register(app: App, deps: Deps): void {
  app.assistant(planAssistant(deps));
}
