import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { QaDeps } from './deps.js';
import { isFromBot, threadQuestionOf } from './incoming-message.js';
import { answerInThread } from './reply-answer.js';
import { requestLog } from '../../slack/middleware/request-context.js';

/**
 * "@minato-navi 質問" in a channel: the answer goes in the thread (the mention's own thread, or
 * a new one under the mention). The event was acked by Bolt before this runs.
 */
export function appMentionHandler(deps: QaDeps) {
  return async ({ event, context, client }: SlackEventMiddlewareArgs<'app_mention'> & AllMiddlewareArgs): Promise<void> => {
    if (isFromBot(event, context.botUserId, context.botId)) return;
    if (!event.user || !event.channel || !event.ts) return;
    await answerInThread(deps, client, threadQuestionOf({ ...event, user: event.user }, context), { stream: true, log: requestLog(context, deps.logger) });
  };
}
