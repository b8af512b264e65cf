import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { QaDeps } from './deps.js';
import { isFromBot, threadQuestionOf } from './incoming-message.js';
import { answerInThread } from './reply-answer.js';
import { requestLog } from '../../slack/middleware/request-context.js';

/**
 * A direct message to the bot. Only plain messages from people in the bot's DM count: edits,
 * deletions and other subtypes, bots (this one included) and channel messages are ignored, so a
 * mention in a channel is answered once, by the app_mention handler. The answer goes in the
 * message's thread, where follow-ups keep the conversation. (DM thread replies are usually taken
 * by the assistant listener first; this handler answers them the same way when it is not.)
 */
export function directMessageHandler(deps: QaDeps) {
  return async ({ event, context, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs): Promise<void> => {
    if (event.channel_type !== 'im') return;
    if (event.subtype !== undefined) return;
    if ('edited' in event && event.edited) return;
    if (isFromBot(event, context.botUserId, context.botId)) return;
    await answerInThread(deps, client, threadQuestionOf(event, context), { stream: true, log: requestLog(context, deps.logger) });
  };
}
