import type { RouteTable } from '../../slack/routes.js';
import { FEEDBACK_DOWN_ACTION, FEEDBACK_UP_ACTION } from './answer-blocks.js';
import { planAssistant } from './assistant.js';
import { planCommandHandler } from './command.js';
import type { QaDeps } from './deps.js';
import { directMessageHandler } from './direct-message.js';
import { feedbackActionHandler } from './feedback-action.js';
import { appMentionHandler } from './mention.js';

/** Q&A about the plan: /plan, mentions, DMs, the assistant pane, and 👍/👎 under answers. */
export function planRoutes(deps: QaDeps): RouteTable {
  const feedback = { handle: feedbackActionHandler(deps) };
  return {
    commands: { '/plan': { handle: planCommandHandler(deps) } },
    buttons: { [FEEDBACK_UP_ACTION]: feedback, [FEEDBACK_DOWN_ACTION]: feedback },
    events: { app_mention: appMentionHandler(deps), message: directMessageHandler(deps) },
    assistant: planAssistant(deps),
  };
}
