import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { QaDeps } from './deps.js';
import { slackTextToPlain } from '../../slack/incoming-text.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { answerCommand } from './reply-answer.js';
import { THINKING_TEXT } from './texts.js';

/**
 * /plan 質問 — acked at once with 「考えています…」 (only the asker sees it), then the answer
 * replaces it through the command's response_url. Slack wants the ack within 3 s; the model may
 * take longer, so nothing slow happens before ack().
 */
export function planCommandHandler(deps: QaDeps) {
  return async ({ command, ack, respond, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack({ response_type: 'ephemeral', text: THINKING_TEXT });
    await answerCommand(deps, respond, { userId: command.user_id, channel: command.channel_id, text: slackTextToPlain(command.text ?? '') }, { log: requestLog(context, deps.logger) });
  };
}
